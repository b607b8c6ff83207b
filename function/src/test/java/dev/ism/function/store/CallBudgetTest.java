package dev.ism.function.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@link CallBudget}: a request's budget holds inside {@link CallBudget#within} only, the outer one when nested. */
class CallBudgetTest {

    private static final Duration CAP = Duration.ofSeconds(10);

    @Test
    void outsideABudgetOnlyTheCapApplies() {
        assertEquals(CAP, CallBudget.remaining(CAP));
    }

    @Test
    void withinABudgetWhatIsLeftOfItApplies() {
        Duration left = CallBudget.within(Duration.ofSeconds(2), () -> CallBudget.remaining(CAP));
        assertTrue(left.compareTo(Duration.ofSeconds(2)) <= 0 && left.compareTo(Duration.ZERO) > 0, left::toString);
        assertEquals(Duration.ofMillis(5), CallBudget.within(Duration.ofSeconds(2), () -> CallBudget.remaining(Duration.ofMillis(5))),
                "the cap when it is less");
        assertTrue(CallBudget.within(Duration.ZERO, () -> CallBudget.remaining(CAP)).compareTo(Duration.ZERO) <= 0, "spent");
    }

    @Test
    void aNestedBudgetKeepsTheOuterOne() {
        Duration left = CallBudget.within(Duration.ZERO, () -> CallBudget.within(Duration.ofSeconds(5), () -> CallBudget.remaining(CAP)));
        assertTrue(left.compareTo(Duration.ZERO) <= 0, left::toString);
    }

    @Test
    void theBudgetEndsWithItsWorkEvenWhenTheWorkFails() {
        assertThrows(IllegalStateException.class, () -> CallBudget.within(Duration.ZERO, () -> {
            throw new IllegalStateException("failed");
        }));
        assertEquals(CAP, CallBudget.remaining(CAP));
        CallBudget.within(Duration.ZERO, () -> 1);
        assertEquals(CAP, CallBudget.remaining(CAP));
    }
}
