package dev.ism.function.store;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time left for the DynamoDB calls of one API request, on the thread that serves it (the function
 * serves a request on one thread, and the synchronous SDK client calls on the caller's thread). Outside
 * {@link #within} there is no request budget: only each call's own timeout applies.
 */
final class CallBudget {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private CallBudget() {
    }

    /** Runs {@code work} with {@code budget} for all its calls; nested, the outer budget stays. */
    static <T> T within(Duration budget, Supplier<T> work) {
        if (DEADLINE.get() != null) {
            return work.get();
        }
        DEADLINE.set(System.nanoTime() + budget.toNanos());
        try {
            return work.get();
        } finally {
            DEADLINE.remove();
        }
    }

    /** What is left of the budget, at most {@code cap}; {@code cap} without a budget; zero or negative when spent. */
    static Duration remaining(Duration cap) {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            return cap;
        }
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        return left.compareTo(cap) < 0 ? left : cap;
    }
}
