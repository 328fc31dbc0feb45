package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void aBurstThenTheRate() {
        RateLimit limit = new RateLimit(3, 60);
        assertTrue(limit.allow("a", 0));
        assertTrue(limit.allow("a", 0));
        assertTrue(limit.allow("a", 0));
        assertFalse(limit.allow("a", 0), "the burst is spent");
        assertEquals(1, limit.retryAfterSeconds("a"));
        assertTrue(limit.allow("b", 0), "other addresses have their own bucket");
        assertTrue(limit.allow("a", 1000), "one more a second at 60 a minute");
        assertFalse(limit.allow("a", 1000));
    }
}
