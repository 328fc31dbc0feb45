package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.engine.schedule.RenderScheduler.Start;
import io.branchline.renderer.RenderTier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rescues, on a hand-moved clock: a full render that was started with time to spare (a scene
 * rendered ahead at start-up) and is then wanted at once by a viewer, or that falls behind because
 * the machine slowed down, gets a draft of the same visit beside it (or instead of it, when it has
 * to give up its slot); the draft answers the viewers, the full render goes on as an upgrade.
 */
class RenderRescueTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    /** Three 2 s segments: full costs 1,000 reference ms a segment, the draft 250. */
    private final VisitCost cost = VisitCost.uniform(3, 2000, 1000, 250);
    private final String draftKey = RenderTier.DRAFT.key("k");

    private RenderScheduler<String> scheduler(int slots) {
        return new RenderScheduler<String>(slots, now::get).ladder(true).rescues(true);
    }

    /** Starts "k" ahead of need (no hurry: full quality) and lets its first segment take 3 s, three times the reference. */
    private Start<String> aheadOfNeedThenSlow(RenderScheduler<String> s) {
        s.ask("k", "k", cost, new Ask("first-scene", false, 1, now.get() + 100_000));
        Start<String> full = s.take().get(0);
        assertEquals(RenderTier.FULL, full.tier());
        now.addAndGet(3000);
        s.segmentDone("k", 0);
        return full;
    }

    @Test
    void aViewerWhoWantsARenderThatCannotKeepUpGetsADraftOfTheSameVisit_theFullRenderWaitsForIt() {
        RenderScheduler<String> s = scheduler(2);
        aheadOfNeedThenSlow(s);
        assertEquals(0, s.rescuesAsked(), "nobody needs it soon: no rescue");
        // Segment 1 needed in 2 s would take 3.75 s at full quality; the draft has it in 1.9 s.
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get()));
        assertEquals(1, s.rescuesAsked());
        List<Start<String>> started = s.take();
        assertEquals(1, started.size());
        Start<String> rescue = started.get(0);
        assertEquals(draftKey, rescue.key(), "the rescue is held under the visit's draft key");
        assertEquals("k", rescue.rescueOf());
        assertEquals(RenderTier.DRAFT, rescue.tier());
        assertTrue(rescue.onDemand());
        assertEquals("k", s.rescueOf(draftKey));
        assertEquals(List.of("k"), s.toPause(), "the full render gives the machine to its rescue");
        assertTrue(s.yieldNow("k"));
        assertTrue(s.take().isEmpty(), "and stays parked while the rescue renders");

        assertEquals("k", s.rescueDone(draftKey), "the rescue answers the full render's viewers");
        s.finished(draftKey);
        assertFalse(s.onDemand("k"), "the full render now only upgrades what is stored");
        assertEquals(Long.MAX_VALUE, s.deadline("k"));
        // As an upgrade it is background work: it waits while any viewer's render runs.
        s.ask("other", "other", cost, new Ask("viewer2", true, 1, now.get() + 50_000));
        assertEquals(List.of("other"), s.take().stream().map(Start::key).toList());
        s.finished("other");
        Start<String> resumed = s.take().get(0);
        assertEquals("k", resumed.key());
        assertTrue(resumed.resumed());
        // Never rescued twice.
        now.addAndGet(10_000);
        s.segmentDone("k", 1);
        assertEquals(1, s.rescuesAsked());
    }

    @Test
    void aRescuedFullRenderThatWouldBeAThirdParkedUpgradeIsDropped() {
        RenderScheduler<String> s = scheduler(3);
        s.upgradeLater("u1", "u1", cost);
        s.upgradeLater("u2", "u2", cost);
        assertEquals(2, s.take().size(), "nothing else to do: both upgrades run");
        aheadOfNeedThenSlow(s);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get()));
        assertTrue(s.toPause().containsAll(List.of("u1", "u2")), "a viewer waits: the upgrades give way");
        assertTrue(s.yieldNow("u1"));
        assertTrue(s.yieldNow("u2"));
        assertEquals(draftKey, s.take().get(0).key());
        assertEquals(List.of("k"), s.toPause());
        assertTrue(s.yieldNow("k"));
        assertEquals("k", s.rescueDone(draftKey), "its viewers are answered by the rescue");
        assertTrue(s.state("k").isEmpty(), "and the full render, now a third parked upgrade, is dropped");
        assertEquals(RenderScheduler.State.PAUSED, s.state("u1").orElseThrow());
    }

    @Test
    void withOneSlotTheFullRenderPausesForItsRescueAndGoesOnAfterIt() {
        RenderScheduler<String> s = scheduler(1);
        aheadOfNeedThenSlow(s);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get()));
        assertTrue(s.take().isEmpty(), "the one slot is the full render's");
        assertEquals(List.of("k"), s.toPause(), "a viewer waits for the visit: the full render gives its slot to the draft");
        now.addAndGet(1500);
        assertTrue(s.yieldNow("k"));
        List<Start<String>> started = s.take();
        assertEquals(1, started.size());
        assertEquals(draftKey, started.get(0).key(), "the freed slot goes to the rescue, not back to the full render");
        assertTrue(s.toPause().isEmpty(), "the rescue itself is never asked to pause");
        assertEquals("k", s.rescueDone(draftKey));
        s.finished(draftKey);
        Start<String> resumed = s.take().get(0);
        assertEquals("k", resumed.key());
        assertTrue(resumed.resumed(), "the full render goes on from where it paused");
        assertEquals(RenderTier.FULL, resumed.tier());
    }

    @Test
    void aMachineThatSlowsDownMidRenderGetsItsViewerARescue() {
        RenderScheduler<String> s = scheduler(2);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get() + 1500));
        Start<String> full = s.take().get(0);
        assertEquals(RenderTier.FULL, full.tier(), "at the reference speed full quality is in time");
        now.addAndGet(4000); // then the first segment took four times as long
        s.segmentDone("k", 0);
        assertEquals(1, s.rescuesAsked());
        assertEquals(draftKey, s.take().get(0).key());
    }

    @Test
    void noRescueWhenFullQualityKeepsUpOrTheDraftGainsNothing() {
        RenderScheduler<String> s = scheduler(2);
        s.ask("k", "k", cost, new Ask("first-scene", false, 1, now.get() + 100_000));
        s.take();
        now.addAndGet(1000);
        s.segmentDone("k", 0);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get() + 1000));
        assertEquals(0, s.rescuesAsked(), "segment 1 done in 1.25 s, needed in 3 s");

        VisitCost titles = VisitCost.uniform(3, 2000, 2000, 1980);
        s.ask("t", "t", titles, new Ask("first-scene", false, 1, now.get() + 100_000));
        s.take();
        now.addAndGet(3000);
        s.segmentDone("t", 0);
        s.ask("t", "t", titles, new Ask("viewer", true, 1, now.get()));
        assertEquals(0, s.rescuesAsked(), "a draft that paints the same costs the same: no rescue");
    }

    @Test
    void rescuesAreOffUnlessAskedFor_theSimulatorDoesNotModelThem() {
        RenderScheduler<String> s = new RenderScheduler<String>(2, now::get).ladder(true);
        aheadOfNeedThenSlow(s);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get()));
        assertEquals(0, s.rescuesAsked());
        assertTrue(s.take().isEmpty());
    }

    /** Both slots busy with viewers' renders ("busy" and "k"), and a rescue of "k" waiting for one. */
    private RenderScheduler<String> aRescueWaitingForASlot() {
        RenderScheduler<String> s = scheduler(2);
        s.ask("busy", "busy", cost, new Ask("viewer0", true, 1, now.get() + 100_000));
        aheadOfNeedThenSlow(s);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get()));
        assertEquals(1, s.rescuesAsked());
        return s;
    }

    @Test
    void aFullRenderThatFinishesFirstDropsItsWaitingRescue() {
        RenderScheduler<String> s = aRescueWaitingForASlot();
        assertTrue(s.take().isEmpty(), "both slots are busy with viewers' renders");
        assertEquals(List.of("first-scene", "viewer"), s.finished("k"));
        assertTrue(s.state(draftKey).isEmpty(), "the waiting rescue went with it");
        assertTrue(s.take().isEmpty());
    }

    @Test
    void aRescueNobodyWaitsForAnyMoreIsDropped() {
        RenderScheduler<String> s = aRescueWaitingForASlot();
        s.withdraw("k", "viewer");
        assertFalse(s.withdraw("k", "first-scene"), "the full render runs on");
        assertTrue(s.state(draftKey).isEmpty());
        assertNull(s.rescueDone("nothing"));
    }

    @Test
    void aRenderThatStallsBetweenTwoSegmentsIsCaughtByTheRecheck_unlessItsDraftCostsTheSame() {
        RenderScheduler<String> s = scheduler(2);
        s.ask("k", "k", cost, new Ask("viewer", true, 1, now.get() + 2500));
        s.take();
        now.addAndGet(1000);
        s.segmentDone("k", 0); // at the reference speed: in time
        assertFalse(s.recheck());
        now.addAndGet(4000); // then nothing for four times a segment's reference cost
        assertTrue(s.recheck(), "the segment in progress shows the render four times slower now");
        assertEquals(draftKey, s.take().get(0).key());

        VisitCost colour = VisitCost.uniform(3, 2000, 100, 100);
        RenderScheduler<String> c = scheduler(2);
        c.ask("c", "c", colour, new Ask("viewer", true, 1, now.get() + 100));
        c.take();
        now.addAndGet(5000);
        assertFalse(c.recheck(), "a draft that costs what full quality does would be just as stuck");
    }
}
