package dev.ism.bench;

import java.lang.reflect.Method;

/**
 * The floor's side of {@link Interleaved}: its {@code FloorWarmBench.handleDryRun} (event bytes to response bytes),
 * set up as its {@code floor-warm} sets it up. Run with the floor's jar and this class only:
 * {@code java -cp perf.jar:bench/target/classes dev.ism.bench.FloorSlices <body file> <event file>}. By reflection,
 * so that the bench module does not depend on the floor's jar.
 */
public final class FloorSlices {

    private FloorSlices() {
    }

    public static void main(String[] args) throws Exception {
        Slices.claimStandardOutput();
        Class<?> type = Class.forName("perf.FloorWarmBench");
        Object bench = type.getConstructor().newInstance();
        type.getField("bodyFile").set(bench, args[0]);
        type.getField("schemaFile").set(bench, "");
        type.getField("eventFile").set(bench, args[1]);
        type.getMethod("setup").invoke(bench);
        Method dryRun = type.getMethod("handleDryRun");
        long[] sink = new long[1];
        Slices.serve(() -> {
            long start = System.nanoTime();
            byte[] response = (byte[]) dryRun.invoke(bench);
            long nanos = System.nanoTime() - start;
            sink[0] += response.length;
            return nanos;
        });
        System.err.println("bytes answered: " + sink[0]);
    }
}
