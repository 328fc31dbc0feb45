package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.engine.schedule.RenderScheduler.Start;
import io.branchline.renderer.RenderTier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The options of a choice all open at once: every likely one's first segment is made before any
 * one's second, and a first option rendered at full quality must not make the last one late.
 * Time is the test's own clock; render speed is the reference (ratio 1, nothing measured).
 */
class RenderFirstSegmentsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    /** Three 2 s segments: full costs 1,000 reference ms a segment, the draft 250. */
    private final VisitCost cost = VisitCost.uniform(3, 2000, 1000, 250);

    private RenderScheduler<String> scheduler(int slots, boolean ladder) {
        return new RenderScheduler<String>(slots, now::get).ladder(ladder);
    }

    private List<String> keys(List<Start<String>> started) {
        return started.stream().map(Start::key).toList();
    }

    @Test
    void aGuessThatHasMadeItsFirstSegmentGivesWayToAGuessWithNone_thenGoesOn() {
        RenderScheduler<String> s = scheduler(1, true);
        long choiceOpens = now.get() + 10_000;
        s.ask("cabin", "cabin", cost, new Ask("s1", false, 0.6, choiceOpens));
        s.ask("lounge", "lounge", cost, new Ask("s1", false, 0.3, choiceOpens));
        assertEquals(List.of("cabin"), keys(s.take()), "the likelier option first");
        now.addAndGet(1250);
        s.segmentDone("cabin", 0);
        assertEquals(List.of("cabin"), s.toPause(), "its second segment is needed 2 s after the lounge's first");
        assertTrue(s.yieldNow("cabin"));
        Start<String> lounge = s.take().get(0);
        assertEquals("lounge", lounge.key());
        assertFalse(lounge.resumed());

        now.addAndGet(400);
        s.segmentDone("lounge", 0);
        assertEquals(List.of(), s.toPause(), "both have their first segment: the lounge goes on");
        now.addAndGet(800);
        s.finished("lounge");
        Start<String> cabin = s.take().get(0);
        assertEquals("cabin", cabin.key());
        assertTrue(cabin.resumed(), "from where it stopped");
    }

    @Test
    void noPauseWhenTheGuessIsUnlikelyOrNeededLaterOrTheRunningOneWouldBeLate() {
        assertEquals(List.of(), afterFirstSegment(true, 10_000, 0.05, 10_000, 0), "a 5 % guess does not hold up a likely one");
        assertEquals(List.of(), afterFirstSegment(true, 10_000, 0.5, 30_000, 0), "B is needed after A's next segment");
        // Without the ladder B's first segment is a full one: 1.25 × (1,000 + 1,000) ms of work would
        // end after A's second segment is needed (1.3 s + 2 s from now, minus the 1.25 s spent).
        assertEquals(List.of(), afterFirstSegment(false, 1300, 0.5, 1300, 1250), "A would be late for its own viewer");
        assertEquals(List.of("a"), afterFirstSegment(true, 10_000, 0.5, 10_000, 0), "while a likely B needed first makes A give way");
    }

    /**
     * What pauses once guess A (90 % likely, needed in {@code aDueMs}) has made its first segment
     * {@code elapsedMs} after it started, with guess B ({@code bProbability}, needed in {@code bDueMs}) waiting.
     */
    private List<String> afterFirstSegment(boolean ladder, long aDueMs, double bProbability, long bDueMs, long elapsedMs) {
        RenderScheduler<String> s = scheduler(1, ladder);
        s.ask("a", "a", cost, new Ask("s1", false, 0.9, now.get() + aDueMs));
        s.ask("b", "b", cost, new Ask("s1", false, bProbability, now.get() + bDueMs));
        assertEquals(List.of("a"), keys(s.take()));
        now.addAndGet(elapsedMs);
        s.segmentDone("a", 0);
        return s.toPause();
    }

    @Test
    void aGuessParkedForAnotherFirstSegmentDoesNotTakeTheRoomAViewerNeedsToPreemptWith() {
        RenderScheduler<String> s = scheduler(1, true);
        s.ask("a", "a", cost, new Ask("s1", false, 0.6, now.get() + 10_000));
        s.ask("b", "b", cost, new Ask("s1", false, 0.3, now.get() + 10_000));
        s.take();
        s.segmentDone("a", 0);
        s.toPause();
        s.yieldNow("a");
        assertEquals(List.of("b"), keys(s.take()));
        s.ask("now", "now", cost, new Ask("s2", true, 1, now.get() + 500));
        assertEquals(List.of("b"), s.toPause(), "a viewer waits: the guess rendering gives way although another is parked");
        assertTrue(s.yieldNow("b"));
        assertEquals(List.of("now"), keys(s.take()));
    }

    @Test
    void atMostThreeGuessesAreParkedForOthersFirstSegments() {
        RenderScheduler<String> s = scheduler(1, true);
        long opens = now.get() + 20_000;
        for (int i = 0; i < 6; i++) {
            s.ask("o" + i, "o" + i, cost, new Ask("s1", false, 0.5 - i * 0.01, opens));
        }
        int parked = 0;
        for (int round = 0; round < 6; round++) {
            List<Start<String>> started = s.take();
            assertEquals(1, started.size());
            String key = started.get(0).key();
            now.addAndGet(300);
            s.segmentDone(key, 0);
            List<String> pause = s.toPause();
            if (pause.isEmpty()) {
                break;
            }
            assertEquals(List.of(key), pause);
            assertTrue(s.yieldNow(key));
            parked++;
        }
        assertEquals(RenderScheduler.MAX_PARKED_FOR_FIRST, parked, "the fourth to make its first segment goes on");
        assertEquals(1, s.rendering());
    }

    @Test
    void aFirstOptionInTimeAtFullQualityIsDraftedWhenTheOptionsQueuedBehindItWouldBeLate() {
        // Six 2 s segments; full costs 1,500 reference ms a segment, the draft 250. All options open in 14 s.
        VisitCost scene = VisitCost.uniform(6, 2000, 1500, 250);
        long opens = now.get() + 14_000;
        RenderScheduler<String> four = scheduler(1, true);
        four.ask("cabin", "cabin", scene, new Ask("s1", false, 0.9, opens));
        for (String other : List.of("lounge", "galley", "accuse", "niece")) {
            four.ask(other, other, scene, new Ask("s1", false, 0.5, opens));
        }
        // Cabin at full quality: 11.25 s, in time itself. The others as drafts after it, 1.875 s each:
        // the third of them would start at 15 s, after the choice opens. With cabin a draft, all in time.
        Start<String> cabin = four.take().get(0);
        assertEquals("cabin", cabin.key());
        assertEquals(RenderTier.DRAFT, cabin.tier());

        RenderScheduler<String> one = scheduler(1, true);
        one.ask("cabin", "cabin", scene, new Ask("s1", false, 0.9, opens));
        one.ask("lounge", "lounge", scene, new Ask("s1", false, 0.5, opens));
        assertEquals(RenderTier.FULL, one.take().get(0).tier(), "one option behind it is in time either way");
    }

    @Test
    void aGuessThatGaveWayIsNotPickedAgainAtOnce_whateverOrderTheJobsAreHeldIn() {
        // Guesses with no segment: likely ones (which the started guess gives way to) and unlikely ones
        // (which it does not). Whatever the keys (and so the order a scan meets them in), the slot the
        // started guess gives goes to a likely guess with no segment: it is never resumed at once.
        for (int round = 0; round < 40; round++) {
            RenderScheduler<String> s = scheduler(1, true);
            long opens = now.get() + 10_000;
            String started = "started-" + round;
            s.ask(started, started, cost, new Ask("s1", false, 0.74, opens));
            assertEquals(List.of(started), keys(s.take()));
            now.addAndGet(300);
            s.segmentDone(started, 0);
            s.ask("likely-a-" + round, "a", cost, new Ask("s1", false, 0.46, opens));
            s.ask("likely-b-" + round, "b", cost, new Ask("s1", false, 0.46, opens));
            s.ask("unlikely-" + round, "u", cost, new Ask("s1", false, 0.05, opens));
            s.ask("later-" + round, "l", cost, new Ask("s1", false, 0.3, opens + 60_000));
            assertEquals(List.of(started), s.toPause());
            assertTrue(s.yieldNow(started));
            String next = s.take().get(0).key();
            assertTrue(next.startsWith("likely-"), "round " + round + ": " + next);
        }
    }
}
