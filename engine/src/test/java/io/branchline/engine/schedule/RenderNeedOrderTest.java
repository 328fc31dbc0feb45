package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.engine.schedule.RenderScheduler.Start;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Viewers' jobs by earliest need, segment by segment: when two viewers pick at once, each gets a
 * segment to watch before either gets its third, and a viewer who waited for a segment is
 * counted as watching the rest that much later. Time is the test's own clock; render speed is
 * the reference (nothing measured).
 */
class RenderNeedOrderTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    /** Five 2 s segments. */
    private final VisitCost cost = VisitCost.uniform(5, 2000, 1000, 250);

    private RenderScheduler<String> scheduler() {
        return new RenderScheduler<String>(1, now::get).ladder(true);
    }

    private static List<String> keys(List<Start<String>> started) {
        return started.stream().map(Start::key).toList();
    }

    @Test
    void aViewersJobWithASegmentInHandGivesWayToOneNeededSooner_andTheyTakeTurns() {
        RenderScheduler<String> s = scheduler();
        s.ask("verdict", "verdict", cost, new Ask("s1", true, 1, now.get() + 1000));
        assertEquals(List.of("verdict"), keys(s.take()));
        s.ask("lounge", "lounge", cost, new Ask("s2", true, 1, now.get() + 1500));
        assertEquals(List.of(), s.toPause(), "the verdict's first segment is needed first");

        now.addAndGet(900);
        s.segmentDone("verdict", 0);
        assertEquals(List.of("verdict"), s.toPause(), "its second is needed at +3 s, the lounge's first at +1.5 s");
        assertTrue(s.yieldNow("verdict"));
        Start<String> lounge = s.take().get(0);
        assertEquals("lounge", lounge.key());

        now.addAndGet(500);
        s.segmentDone("lounge", 0);
        assertEquals(List.of("lounge"), s.toPause(), "now the verdict's second (+3 s) is needed before the lounge's (+3.5 s)");
        assertTrue(s.yieldNow("lounge"));
        Start<String> verdict = s.take().get(0);
        assertEquals("verdict", verdict.key());
        assertTrue(verdict.resumed(), "from where it stopped");

        now.addAndGet(500);
        s.segmentDone("verdict", 1);
        assertEquals(List.of("verdict"), s.toPause(), "its third at +5 s: the lounge's second first");
    }

    @Test
    void aSegmentMadeLateMovesTheViewersLaterNeeds() {
        RenderScheduler<String> s = scheduler();
        s.ask("verdict", "verdict", cost, new Ask("s1", true, 1, now.get() + 1000));
        assertEquals(List.of("verdict"), keys(s.take()));
        s.ask("lounge", "lounge", cost, new Ask("s2", true, 1, now.get() + 6000));
        // Made at +5 s, 4 s after its need and 3 s past the fetch margin: its viewer waited 3 s,
        // so its second segment is needed at +6 s (not +3 s), as late as the lounge's first.
        now.addAndGet(5000);
        s.segmentDone("verdict", 0);
        assertEquals(List.of(), s.toPause(), "needed at the same time: the one asked first goes on");
        now.addAndGet(500);
        s.segmentDone("verdict", 1);
        assertEquals(List.of("verdict"), s.toPause(),
                "its third at +8 s: the lounge's first (+6 s) goes first; without the waited time it would be needed at +5 s");
    }

    @Test
    void anotherViewerWhoNeedsTheVisitSoonerHasWaitedForNothing() {
        // s1's first segment is made 3 s past the fetch margin: s1 waited 3 s, so its second is
        // needed at +1 s (t0 + 6 s), after the lounge's first (t0 + 4 s): the verdict gives way.
        assertEquals(List.of("verdict"), afterALateSegment(false));
        // s3 needed the visit 0.5 s before s1 and has waited for nothing: the second is needed at
        // t0 + 2.5 s, before the lounge. Keeping s1's wait would put it at t0 + 5.5 s.
        assertEquals(List.of(), afterALateSegment(true));
    }

    private List<String> afterALateSegment(boolean thirdViewer) {
        long t0 = now.get();
        RenderScheduler<String> s = scheduler();
        s.ask("verdict", "verdict", cost, new Ask("s1", true, 1, t0 + 1000));
        assertEquals(List.of("verdict"), keys(s.take()));
        now.set(t0 + 5000);
        s.segmentDone("verdict", 0);
        s.ask("lounge", "lounge", cost, new Ask("s2", true, 1, t0 + 4000));
        if (thirdViewer) {
            s.ask("verdict", "verdict", cost, new Ask("s3", true, 1, t0 + 500));
        }
        List<String> paused = s.toPause();
        now.set(t0);
        return paused;
    }

    @Test
    void aJobWithEverySegmentMadeIsNeverPaused_itOnlyHasToFinish() {
        RenderScheduler<String> s = scheduler();
        VisitCost two = VisitCost.uniform(2, 2000, 1000, 250);
        s.ask("verdict", "verdict", two, new Ask("s1", true, 1, now.get() + 1000));
        assertEquals(List.of("verdict"), keys(s.take()));
        now.addAndGet(400);
        s.segmentDone("verdict", 0);
        s.ask("lounge", "lounge", cost, new Ask("s2", true, 1, now.get() + 2000));
        assertEquals(List.of("verdict"), s.toPause(), "its second segment (+2.6 s) is needed after the lounge's first (+2 s)");
        now.addAndGet(400);
        s.segmentDone("verdict", 1); // made before its pause point: nothing is left but finishing
        assertFalse(s.yieldNow("verdict"), "it goes on to finish");
        assertEquals(List.of(), s.toPause());
    }

    @Test
    void aJobAskedToPauseGoesOnWhenNoJobNeededSoonerStillWaits() {
        RenderScheduler<String> s = scheduler();
        s.ask("verdict", "verdict", cost, new Ask("s1", true, 1, now.get() + 1000));
        assertEquals(List.of("verdict"), keys(s.take()));
        s.ask("lounge", "lounge", cost, new Ask("s2", true, 1, now.get() + 1500));
        now.addAndGet(900);
        s.segmentDone("verdict", 0);
        assertEquals(List.of("verdict"), s.toPause());
        assertTrue(s.withdraw("lounge", "s2"), "the lounge's viewer left before the pause point");
        assertFalse(s.yieldNow("verdict"), "nothing needed sooner waits: it goes on");
        assertEquals(List.of(), s.toPause());
    }

    @Test
    void atMostThreeViewersJobsAreParkedSo() {
        RenderScheduler<String> s = scheduler();
        List<String> order = List.of("a", "b", "c", "d", "e");
        for (int i = 0; i < order.size(); i++) {
            s.ask(order.get(i), order.get(i), cost, new Ask("s" + i, true, 1, now.get() + 1000 + 100L * i));
        }
        for (int i = 0; i < order.size(); i++) {
            assertEquals(List.of(order.get(i)), keys(s.take()), "each first segment in order of need");
            now.addAndGet(200);
            s.segmentDone(order.get(i), 0);
            List<String> paused = s.toPause();
            if (i < order.size() - 1) {
                assertEquals(i < RenderScheduler.MAX_PARKED_FOR_NEED ? List.of(order.get(i)) : List.of(), paused, "after " + order.get(i));
                if (!paused.isEmpty()) {
                    assertTrue(s.yieldNow(order.get(i)));
                } else {
                    s.finished(order.get(i));
                }
            }
        }
    }
}
