package io.branchline.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The player's clock on an injected time line (ms turned into nanoseconds): no waiting, no luck. */
class PlayerClockTest {

    private static long at(long ms) {
        return ms * 1_000_000;
    }

    @Test
    void beforeAnythingTheClockStandsAtZero() {
        PlayerClock clock = new PlayerClock();
        assertEquals(0, clock.at(at(50_000)));
        assertFalse(clock.started());
        assertEquals(7000, PlayerClock.standingAt(7000).at(at(99_000)), "a restored session waits where it was");
    }

    @Test
    void aPlayerThatBuffersAheadDoesNotMoveTheClockEarly() {
        PlayerClock clock = new PlayerClock();
        // t=1000: segment 0 (0-2 s); at once segments 1 and 2 as well (it buffers ahead).
        clock.fetched(0, 2000, at(1000));
        clock.fetched(2000, 4000, at(1010));
        clock.fetched(4000, 6000, at(1020));
        assertEquals(0, clock.at(at(1500)), "half a second after it asked for segment 0, it may not show anything yet");
        assertEquals(500, clock.at(at(2000)), "a second after: at most 0.5 s (the first frame takes at least 0.5 s to come)");
        assertEquals(4500, clock.at(at(6000)));
        assertEquals(6000, clock.at(at(60_000)), "never past the end of what it fetched");
    }

    @Test
    void aPlayerThatWaitedForASegmentIsTimedFromThatFetch() {
        PlayerClock clock = new PlayerClock();
        clock.fetched(0, 2000, at(0));
        assertEquals(2000, clock.at(at(5000)), "it ran out at 2 s and waits");
        clock.fetched(2000, 4000, at(5000));
        assertEquals(2000, clock.at(at(5000)));
        assertEquals(3000, clock.at(at(6000)), "from the segment it waited for, at wall-clock speed (no start-up allowance after the first)");
    }

    @Test
    void aReportWinsOverFetchesAndAPausedPlayerStandsStill() {
        PlayerClock clock = new PlayerClock();
        clock.fetched(0, 2000, at(0));
        clock.reported(1200, false, at(1000));
        assertTrue(clock.reports());
        assertEquals(1700, clock.at(at(1500)));
        clock.reported(1700, true, at(1500));
        assertEquals(1700, clock.at(at(9000)));
    }
}
