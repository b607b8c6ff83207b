package dev.ism.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two warm operations measured by turns, slice by slice, each in its own JVM ({@link Slices}): A for a slice, then B,
 * then B, then A, and so on, so that this machine's drift (up to 2x from one minute to the next) falls on both sides
 * of every pair alike. JMH runs ours and the floor's tens of seconds apart; here each ratio is taken within two
 * slices. Warm-up slices first (both JIT-warm), then {@code pairs} measured pairs; prints each pair's times and ratio
 * A / B, and their medians.
 *
 * <p>{@code Interleaved <slice ms> <warm-up pairs> <pairs> <stderr dir> <name A> <command A ...> -- <name B> <command B ...>}
 */
public final class Interleaved {

    private Interleaved() {
    }

    public static void main(String[] args) throws Exception {
        long slice = Long.parseLong(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int pairs = Integer.parseInt(args[2]);
        File logs = new File(args[3]);
        int split = Arrays.asList(args).indexOf("--");
        Side a = new Side(args[4], List.of(args).subList(5, split), logs);
        Side b = new Side(args[split + 1], List.of(args).subList(split + 2, args.length), logs);
        try {
            for (int i = 0; i < warmup; i++) {
                a.slice(slice);
                b.slice(slice);
            }
            double[] as = new double[pairs];
            double[] bs = new double[pairs];
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                if (i % 2 == 0) { // A B, then B A: neither side always runs first
                    as[i] = a.slice(slice);
                    bs[i] = b.slice(slice);
                } else {
                    bs[i] = b.slice(slice);
                    as[i] = a.slice(slice);
                }
                ratios[i] = as[i] / bs[i];
                System.out.printf(Locale.ROOT, "pair %d: %s %.2f us, %s %.2f us, ratio %.2f%n", i + 1, a.name, as[i], b.name,
                        bs[i], ratios[i]);
            }
            System.out.printf(Locale.ROOT, "median: %s %.2f us | %s %.2f us | ratio %.2f (pairs %d, ratios %.2f to %.2f)%n",
                    a.name, median(as), b.name, median(bs), median(ratios), pairs, min(ratios), max(ratios));
        } finally {
            a.close();
            b.close();
        }
    }

    /** One side's JVM, spoken to through its standard input and output. */
    private static final class Side {
        final String name;
        private final Process process;
        private final PrintWriter commands;
        private final BufferedReader answers;

        Side(String name, List<String> command, File logs) throws IOException {
            this.name = name;
            this.process = new ProcessBuilder(command)
                    .redirectError(new File(logs, "interleaved-" + name + ".err"))
                    .start();
            this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = answers.readLine();
            if (!"ready".equals(ready)) {
                throw new IllegalStateException(name + " did not start (" + ready + "): see interleaved-" + name + ".err");
            }
        }

        /** Microseconds per operation over one slice. */
        double slice(long millis) throws IOException {
            commands.println("run " + millis);
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException(name + " stopped: see interleaved-" + name + ".err");
            }
            String[] parts = answer.trim().split(" ");
            return Long.parseLong(parts[1]) / 1000.0 / Long.parseLong(parts[0]);
        }

        void close() throws InterruptedException {
            commands.println("quit");
            commands.close();
            process.waitFor();
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
