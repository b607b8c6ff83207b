package dev.ism.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One side of an {@link Interleaved} measurement, in its own JVM: answers {@code ready}, then for each line
 * {@code run <ms>} runs its operation back to back for that long and answers {@code <operations> <nanoseconds>}, the
 * operations' own time. JDK classes only, so that the floor's side loads it beside the floor's jar alone.
 */
final class Slices {

    /** One operation; its own nanoseconds. */
    @FunctionalInterface
    interface Operation {
        long run() throws Exception;
    }

    /** Standard output as the JVM started: the answers' alone, once {@link #claimStandardOutput} ran. */
    private static final PrintStream ANSWERS = System.out;

    private Slices() {
    }

    /** Before anything else prints (DynamoDB Local does, as it starts): all else goes to standard error. */
    static void claimStandardOutput() {
        System.setOut(System.err);
    }

    static void serve(Operation operation) throws Exception {
        PrintStream answers = ANSWERS;
        claimStandardOutput();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        answers.println("ready");
        answers.flush();
        for (String line = in.readLine(); line != null && line.startsWith("run "); line = in.readLine()) {
            long end = System.nanoTime() + Long.parseLong(line.substring(4).trim()) * 1_000_000;
            long operations = 0;
            long nanos = 0;
            do {
                nanos += operation.run();
                operations++;
            } while (System.nanoTime() < end);
            answers.println(operations + " " + nanos);
            answers.flush();
        }
    }
}
