package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void takeRefusesOnceTheBurstIsSpentAndRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3);
        long t = 5 * SECOND;
        assertTrue(bucket.take(t));
        assertTrue(bucket.take(t));
        assertTrue(bucket.take(t));
        assertFalse(bucket.take(t));
        assertEquals(500, bucket.waitMs(t));
        assertTrue(bucket.take(t + SECOND / 2));
    }

    @Test
    void reservationsBeyondTheBurstAreSpreadAtTheRateNotAllDueAtOnce() {
        TokenBucket bucket = new TokenBucket(0.1, 20); // a session's render quota: 20, then one per 10 s
        long t = 7 * SECOND;
        for (int i = 0; i < 20; i++) {
            assertEquals(0, bucket.reserve(t), "render " + i + " of the burst runs now");
        }
        for (int i = 1; i <= 30; i++) {
            assertEquals(i * 10_000L, bucket.reserve(t), "render " + (20 + i) + " waits its own quota period");
        }
        // a minute later the debt is still there: a client that kept looping gains nothing by it
        assertEquals(30 * 10_000L - 60_000L + 10_000L, bucket.reserve(t + 60 * SECOND));
    }

    @Test
    void renderQuotaOfASessionBoundsRendersInAnyWindow() {
        SteeringBudget budget = new SteeringBudget();
        long t = 3 * SECOND;
        int withinAMinute = 0;
        long lastDue = 0;
        for (int i = 0; i < 600; i++) {
            long wait = budget.renderWaitMs(t + i * SECOND / 10); // ten fresh answers a second for a minute
            long due = i * 100L + wait;
            assertTrue(due >= lastDue, "renders come in order");
            lastDue = due;
            if (due <= 60_000) {
                withinAMinute++;
            }
        }
        assertEquals(SteeringBudget.RENDER_BURST + 6, withinAMinute, "the burst, then one per 10 s, in the first minute");
    }
}
