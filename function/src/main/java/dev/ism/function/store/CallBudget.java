package dev.ism.function.store;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time left for the DynamoDB calls of one API request, on the thread that serves it (the function
 * serves a request on one thread, and the synchronous SDK client calls on the caller's thread). Outside
 * {@link #within} there is no request budget: only each call's own timeout applies.
 */
final class CallBudget {

    /**
     * The thread's budget: its deadline ({@link System#nanoTime}) and whether one runs (1) or not (0). One array per
     * thread for good, rather than a value set and removed per request (each set of a new entry makes the thread's
     * map scan for stale ones).
     */
    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[2]);

    private CallBudget() {
    }

    /** Runs {@code work} with {@code budget} for all its calls; nested, the outer budget stays. */
    static <T> T within(Duration budget, Supplier<T> work) {
        long[] deadline = DEADLINE.get();
        if (deadline[1] != 0) {
            return work.get();
        }
        deadline[0] = System.nanoTime() + budget.toNanos();
        deadline[1] = 1;
        try {
            return work.get();
        } finally {
            deadline[1] = 0;
        }
    }

    /** What is left of the budget, at most {@code cap}; {@code cap} without a budget; zero or negative when spent. */
    static Duration remaining(Duration cap) {
        long[] deadline = DEADLINE.get();
        if (deadline[1] == 0) {
            return cap;
        }
        Duration left = Duration.ofNanos(deadline[0] - System.nanoTime());
        return left.compareTo(cap) < 0 ? left : cap;
    }
}
