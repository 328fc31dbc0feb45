package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.engine.schedule.RenderScheduler.Start;
import io.branchline.engine.schedule.RenderScheduler.State;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The render scheduler on a hand-moved clock: order, one job per key, withdrawal, pausing, status. */
class RenderSchedulerTest {

    private final AtomicLong now = new AtomicLong(100_000);
    private final RenderScheduler<String> one = new RenderScheduler<>(1, now::get);

    private static Ask speculative(String asker, double p, long deadline) {
        return new Ask(asker, false, p, deadline);
    }

    private static Ask onDemand(String asker, long deadline) {
        return new Ask(asker, true, 1, deadline);
    }

    private static List<String> keys(List<Start<String>> starts) {
        return starts.stream().map(Start::key).toList();
    }

    /** Runs one slot to the end: each job taken is finished at once; returns the order. */
    private List<String> drain(RenderScheduler<String> s) {
        List<String> order = new java.util.ArrayList<>();
        for (List<Start<String>> next = s.take(); !next.isEmpty(); next = s.take()) {
            for (Start<String> st : next) {
                order.add(st.key());
                s.finished(st.key());
            }
        }
        return order;
    }

    @Test
    void aFullQueueShedsTheLeastUrgentSpeculativeWorkFirstThenTheOnDemandNeededLast() {
        one.ask("running", "running", onDemand("s0", now.get() + 1000));
        one.take();
        one.ask("likely", "likely", speculative("s1", 0.9, now.get() + 5000));
        one.ask("unlikely", "unlikely", speculative("s2", 0.1, now.get() + 5000));
        one.ask("soon", "soon", onDemand("s3", now.get() + 2000));
        assertEquals(List.of(), one.shed(3));
        assertEquals(List.of("unlikely"), one.shed(2), "speculation goes first, the least likely of it");
        assertEquals(List.of("likely"), one.shed(1));
        one.ask("later", "later", onDemand("s4", now.get() + 9000));
        assertEquals(List.of("later"), one.shed(1), "only viewers' asks wait: the one needed last goes");
        one.finished("running");
        assertEquals(List.of("soon"), keys(one.take()), "what stays is what a viewer needs first");
        assertEquals(3, one.dropped());
    }

    @Test
    void onDemandJobsGoFirstEarliestDeadlineFirst() {
        one.ask("a", "job a", speculative("s1", 0.99, 101_000));
        one.ask("b", "job b", onDemand("s2", 130_000));
        one.ask("c", "job c", onDemand("s3", 110_000));
        assertEquals(List.of("c", "b", "a"), drain(one));
    }

    @Test
    void speculativeJobsWeighProbabilityAgainstTheTimeLeft() {
        // 0.9 in 20 s scores 0.045/s; 0.3 in 5 s scores 0.06/s; 0.3 in 20 s scores 0.015/s.
        one.ask("likely-later", "", speculative("s1", 0.9, 120_000));
        one.ask("unlikely-later", "", speculative("s1", 0.3, 120_000));
        one.ask("unlikely-soon", "", speculative("s2", 0.3, 105_000));
        assertEquals(List.of("unlikely-soon", "likely-later", "unlikely-later"), drain(one));
    }

    @Test
    void theOrderFollowsTheClock() {
        // At 100 s: a = 0.5 in 40 s, b = 0.2 in 10 s: b first. At 200 s both deadlines have passed
        // and count as 1 s away: the likelier a goes first.
        RenderScheduler<String> early = new RenderScheduler<>(1, now::get);
        AtomicLong later = new AtomicLong(200_000);
        RenderScheduler<String> late = new RenderScheduler<>(1, later::get);
        for (RenderScheduler<String> s : List.of(early, late)) {
            s.ask("a", "", speculative("s1", 0.5, 140_000));
            s.ask("b", "", speculative("s2", 0.2, 110_000));
        }
        assertEquals(List.of("b", "a"), drain(early));
        assertEquals(List.of("a", "b"), drain(late));
    }

    @Test
    void oneJobPerKeyProbabilitiesCombineTheEarliestDeadlineWinsAndOnDemandUpgrades() {
        assertTrue(one.ask("k", "first", speculative("s1", 0.5, 130_000)));
        assertFalse(one.ask("k", "second", speculative("s2", 0.5, 115_000)));
        assertEquals(0.75, one.probability("k"), 1e-12, "1 - 0.5 * 0.5");
        assertEquals(115_000, one.deadline("k"));
        one.ask("other", "", speculative("s3", 0.9, 101_000));
        assertFalse(one.onDemand("k"));
        one.ask("k", "third", onDemand("s3", 160_000));
        assertTrue(one.onDemand("k"));
        List<Start<String>> started = one.take();
        assertEquals(List.of("k"), keys(started));
        assertEquals("first", started.get(0).job(), "the first asker's job is the one run");
        assertTrue(started.get(0).onDemand());
        assertEquals(List.of("s1", "s2", "s3"), one.finished("k"));
    }

    @Test
    void slotsAreBounded() {
        RenderScheduler<String> two = new RenderScheduler<>(2, now::get);
        for (String k : List.of("a", "b", "c")) {
            two.ask(k, "", onDemand("s", 100_000));
        }
        assertEquals(2, two.take().size());
        assertEquals(2, two.rendering());
        assertEquals(1, two.queued());
        assertTrue(two.take().isEmpty(), "no free slot");
        two.finished("a");
        assertEquals(List.of("c"), keys(two.take()));
    }

    @Test
    void aJobWhoseLastAskerWithdrawsIsDroppedButARunningOneFinishes() {
        one.ask("run", "", speculative("s1", 0.5, 110_000));
        assertEquals(List.of("run"), keys(one.take()));
        one.ask("left", "", speculative("s1", 0.5, 110_000));
        one.ask("left", "", speculative("s2", 0.5, 110_000));
        one.ask("right", "", speculative("s1", 0.5, 110_000));

        assertFalse(one.withdraw("left", "s1"), "s2 still wants it");
        assertEquals(0.5, one.probability("left"), 1e-12, "only s2's chance is left");
        assertTrue(one.withdraw("right", "s1"));
        assertFalse(one.withdraw("run", "s1"), "a running render may finish");
        assertEquals(Map.of("run", State.RENDERING, "left", State.QUEUED), one.held());
        assertEquals(1, one.dropped());
        assertFalse(one.withdraw("nobody-asked", "s1"));

        one.finished("run");
        assertEquals(List.of("left"), drain(one));
    }

    @Test
    void anOnDemandJobPausesTheLeastUrgentSpeculativeOneAtItsNextSegment() {
        RenderScheduler<String> two = new RenderScheduler<>(2, now::get);
        two.ask("likely", "", speculative("s1", 0.9, 110_000));
        two.ask("unlikely", "", speculative("s1", 0.1, 110_000));
        assertEquals(2, two.take().size());
        assertTrue(two.toPause().isEmpty(), "nothing waits");

        two.ask("needed", "", onDemand("s2", 103_000));
        assertEquals(List.of("unlikely"), two.toPause());
        assertTrue(two.toPause().isEmpty(), "asked once");
        assertFalse(two.yieldNow("likely"), "was not asked to pause");
        assertTrue(two.yieldNow("unlikely"));
        assertEquals(State.PAUSED, two.state("unlikely").orElseThrow());
        assertEquals(Map.of("unlikely", "queued", "likely", "rendering"), two.status(List.of("unlikely", "likely", "unknown")));

        List<Start<String>> next = two.take();
        assertEquals(List.of("needed"), keys(next));
        assertFalse(next.get(0).resumed());
        two.finished("needed");
        next = two.take();
        assertEquals(List.of("unlikely"), keys(next));
        assertTrue(next.get(0).resumed(), "it goes on from where it paused");
        assertEquals(1, two.pauses());
    }

    @Test
    void aJobAskedToPauseGoesOnWhenAViewerNowWaitsForIt() {
        one.ask("spec", "", speculative("s1", 0.5, 110_000));
        one.take();
        one.ask("other", "", onDemand("s2", 101_000));
        assertEquals(List.of("spec"), one.toPause());
        one.ask("spec", "", onDemand("s1", 102_000));
        assertFalse(one.yieldNow("spec"));
        assertEquals(State.RENDERING, one.state("spec").orElseThrow());
        assertTrue(one.take().isEmpty());
    }

    @Test
    void anOnDemandJobPausesOnlyForOneNeededSooner() {
        one.ask("a", "", onDemand("s1", 101_000));
        one.take();
        one.ask("b", "", onDemand("s2", 110_000));
        assertTrue(one.toPause().isEmpty(), "b is needed later");
        one.ask("c", "", onDemand("s3", 100_500));
        assertEquals(List.of("a"), one.toPause(), "c is needed sooner: earliest need first");
    }

    @Test
    void aPausedJobWhoseAskersWithdrawIsDropped() {
        one.ask("spec", "", speculative("s1", 0.5, 110_000));
        one.take();
        one.ask("need", "", onDemand("s2", 101_000));
        one.toPause();
        assertTrue(one.yieldNow("spec"));
        assertTrue(one.withdraw("spec", "s1"));
        assertEquals(List.of("need"), drain(one));
        assertTrue(one.held().isEmpty());
    }

    @Test
    void aRunningJobNobodyWantsAnyMoreIsDroppedWhenItWouldPause() {
        one.ask("spec", "", speculative("s1", 0.5, 110_000));
        one.take();
        assertFalse(one.withdraw("spec", "s1"), "running: it may finish");
        one.ask("need", "", onDemand("s2", 101_000));
        assertEquals(List.of("spec"), one.toPause());
        assertTrue(one.yieldNow("spec"));
        assertTrue(one.state("spec").isEmpty(), "dropped, not paused");
        assertEquals(1, one.dropped());
        assertEquals(List.of("need"), drain(one));
    }
}
