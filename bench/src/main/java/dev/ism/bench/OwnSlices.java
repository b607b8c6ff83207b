package dev.ism.bench;

/**
 * Our side of {@link Interleaved}: {@link WarmHandlerBench}'s {@code dryRunOwn} (template.yaml's handler, a new
 * invocation context each call, its DynamoDB reads replayed and their time taken out) or {@code invalid} (the 422),
 * set up as for JMH. {@code java -cp <the bench's class path> dev.ism.bench.OwnSlices dryRunOwn|invalid}.
 */
public final class OwnSlices {

    private OwnSlices() {
    }

    public static void main(String[] args) throws Exception {
        Slices.claimStandardOutput();
        WarmHandlerBench bench = new WarmHandlerBench();
        bench.start();
        try {
            if ("invalid".equals(args[0])) {
                Slices.serve(() -> {
                    long start = System.nanoTime();
                    bench.invalid();
                    return System.nanoTime() - start;
                });
            } else {
                WarmHandlerBench.Own own = new WarmHandlerBench.Own();
                own.replay();
                Slices.serve(() -> {
                    long before = own.ownNanos;
                    bench.dryRunOwn(own);
                    return own.ownNanos - before;
                });
                own.check();
            }
        } finally {
            bench.stop();
        }
    }
}
