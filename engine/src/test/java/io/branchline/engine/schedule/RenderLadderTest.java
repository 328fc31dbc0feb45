package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.engine.schedule.RenderScheduler.Start;
import io.branchline.renderer.RenderTier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The render ladder in the scheduler, on a hand-moved clock with renders whose speed the test
 * sets: full quality when it will be ready in time, the draft when it will not, the full tier
 * after the draft, and the choice following the speed measured now.
 */
class RenderLadderTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RenderScheduler<String> scheduler = new RenderScheduler<String>(1, now::get).ladder(true);
    /** Three 2 s segments: full costs 1,000 reference ms a segment, the draft 250. */
    private final VisitCost cost = VisitCost.uniform(3, 2000, 1000, 250);

    private Start<String> startOne() {
        List<Start<String>> started = scheduler.take();
        assertEquals(1, started.size());
        return started.get(0);
    }

    /** Renders a started job's segments on the clock at {@code ratio} times the reference cost, then finishes it. */
    private void render(Start<String> job, double ratio) {
        long from = now.get();
        for (int i = 0; i < cost.segments(); i++) {
            now.set(from + Math.round(cost.upTo(job.tier(), i) * ratio));
            scheduler.segmentDone(job.key(), i);
        }
        scheduler.finished(job.key());
    }

    @Test
    void fullQualityWhenItWillBeReadyInTime() {
        scheduler.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 3000));
        assertEquals(RenderTier.FULL, startOne().tier(), "1,000 ms for the first segment, needed in 3 s");
    }

    @Test
    void theDraftWhenFullQualityWouldBeLateAndTheFullTierAfterItForWhoeverComesNext() {
        scheduler.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 800));
        Start<String> first = startOne();
        assertEquals(RenderTier.DRAFT, first.tier(), "full needs 1,000 ms, the viewer needs it in 800");
        render(first, 1);
        scheduler.upgradeLater("k", "k", cost);
        Start<String> upgrade = startOne();
        assertEquals("k", upgrade.key());
        assertEquals(RenderTier.FULL, upgrade.tier(), "nobody waits for the upgrade: full quality");
        assertEquals(1, scheduler.drafts());
    }

    @Test
    void laterSegmentsCountToo_aRenderSlowerThanRealTimeFallsBehindThePlayer() {
        // At 1.4x the reference (with the 1.25 safety factor) the first segment is done at 1.75 s, needed at 2 s,
        // the third at 5.25 s, needed at 6 s: full quality fits. At about 3x, with 6 s to the first, that one
        // fits (3.7 s) but the third would be done at 11.1 s, needed at 10 s: a draft.
        for (int i = 0; i < 10; i++) {
            scheduler.speed().measured(RenderTier.FULL, 1000, 1400);
        }
        scheduler.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 2000));
        assertEquals(RenderTier.FULL, startOne().tier());
        scheduler.finished("a");
        for (int i = 0; i < 10; i++) {
            scheduler.speed().measured(RenderTier.FULL, 1000, 3000);
        }
        scheduler.ask("b", "b", cost, new Ask("s1", true, 1, now.get() + 6000));
        assertEquals(RenderTier.DRAFT, startOne().tier(), "the first segment would be in time, the last would not");
    }

    @Test
    void theChoiceFollowsTheSpeedMeasuredNow_aLoadedMachineDraftsWhatAnIdleOneRendersInFull() {
        // Idle machine: renders at the reference speed, a 1,500 ms deadline is enough for full quality.
        scheduler.ask("idle", "idle", cost, new Ask("s1", true, 1, now.get() + 1500));
        Start<String> idle = startOne();
        assertEquals(RenderTier.FULL, idle.tier());
        render(idle, 1.0);
        // The machine gets busy: renders measured at 4x the reference.
        scheduler.ask("busy1", "busy1", cost, new Ask("s1", true, 1, now.get() + 100_000));
        Start<String> busy = startOne();
        assertEquals(RenderTier.FULL, busy.tier(), "no hurry: full quality");
        render(busy, 4.0);
        assertTrue(scheduler.speed().ratio(RenderTier.FULL) > 2, "measured: " + scheduler.speed().ratio(RenderTier.FULL));
        scheduler.ask("busy2", "busy2", cost, new Ask("s1", true, 1, now.get() + 1500));
        assertEquals(RenderTier.DRAFT, startOne().tier(), "the same deadline as the idle one, now too short for full quality");
    }

    @Test
    void aSceneWithNothingCheaperToPaintIsNeverDrafted_aDraftThatSavesNoWaitingOnlyCostsAnUpgrade() {
        VisitCost titles = VisitCost.uniform(2, 2000, 300, 290); // titles and colours: the draft paints the same
        scheduler.ask("t", "t", titles, new Ask("s1", true, 1, now.get() - 1000)); // needed a second ago
        assertEquals(RenderTier.FULL, startOne().tier());
    }

    @Test
    void anUpgradeIsNeverDraftedAgain_evenWhenAViewerWithADeadlineAsksForItMeanwhile() {
        scheduler.upgradeLater("k", "k", cost);
        scheduler.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 10));
        assertEquals(RenderTier.FULL, startOne().tier(), "its draft is stored: the viewer is served that, the job adds full quality");
    }

    @Test
    void withoutTheLadderEverythingRendersInFull() {
        RenderScheduler<String> off = new RenderScheduler<>(1, now::get);
        off.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 10));
        assertEquals(RenderTier.FULL, off.take().get(0).tier());
    }

    @Test
    void aJobWithNoDeadlineOrNoCostRendersInFull() {
        scheduler.ask("none", "none", cost, new Ask("s1", false, 0.5, Long.MAX_VALUE));
        assertEquals(RenderTier.FULL, startOne().tier());
        scheduler.finished("none");
        scheduler.ask("unknown", "unknown", new Ask("s1", true, 1, now.get() + 10));
        assertEquals(RenderTier.FULL, startOne().tier(), "a job asked without its cost cannot be judged");
    }

    @Test
    void theUpgradeWaitsForEveryViewersAskAndIsShedFirst() {
        scheduler.ask("running", "running", cost, new Ask("s0", true, 1, now.get() + 100_000));
        startOne();
        scheduler.upgradeLater("upgrade", "upgrade", cost);
        scheduler.ask("guess", "guess", cost, new Ask("s1", false, 0.2, now.get() + 60_000));
        assertEquals(List.of("upgrade"), scheduler.shed(1), "an upgrade is the first thing a full queue sheds");
        scheduler.upgradeLater("upgrade", "upgrade", cost);
        scheduler.finished("running");
        assertEquals("guess", startOne().key(), "a viewer's likely visit goes before an upgrade");
    }

    @Test
    void aPausedRenderIsNotMeasured_itsWaitIsNoMeasureOfSpeed() {
        RenderScheduler<String> s = new RenderScheduler<String>(1, now::get).ladder(true);
        s.ask("spec", "spec", cost, new Ask("s1", false, 0.5, now.get() + 100_000));
        s.take();
        s.ask("urgent", "urgent", cost, new Ask("s2", true, 1, now.get() + 100_000));
        assertEquals(List.of("spec"), s.toPause());
        assertTrue(s.yieldNow("spec"));
        s.take();
        now.addAndGet(60_000); // the paused job waits a minute
        s.finished("urgent");
        s.take();
        s.segmentDone("spec", 0);
        assertEquals(1.0, s.speed().ratio(RenderTier.FULL), 1e-9, "a minute of waiting is not a render at 60x");
    }

    @Test
    void aNamedTierIsKeptWhileEveryAskNamesIt_andFullQualityOnceNamedStays() {
        scheduler.ask("unlikely", "unlikely", null, new Ask("s1", false, 0.1, now.get() + 100_000), RenderTier.DRAFT);
        assertTrue(scheduler.draftOnly("unlikely"));
        assertEquals(RenderTier.DRAFT, startOne().tier(), "an unlikely option rendered ahead as a draft only, in no hurry");
        scheduler.finished("unlikely");

        scheduler.ask("shared", "shared", null, new Ask("s1", false, 0.1, now.get() + 100_000), RenderTier.DRAFT);
        scheduler.ask("shared", "shared", cost, new Ask("s2", false, 0.9, now.get() + 100_000));
        assertTrue(!scheduler.draftOnly("shared"), "another viewer finds it likely: the scheduler chooses");
        assertEquals(RenderTier.FULL, startOne().tier());
        scheduler.finished("shared");

        scheduler.ask("upgrade", "upgrade", null, new Ask("anonymous", false, 0.01, Long.MAX_VALUE), RenderTier.FULL);
        scheduler.ask("upgrade", "upgrade", null, new Ask("s3", false, 0.1, now.get() + 10), RenderTier.DRAFT);
        assertEquals(RenderTier.FULL, startOne().tier(), "an upgrade is never drafted");
    }
}
