package io.branchline.engine.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The render ladder and a loaded machine in the simulator: first on stories small enough to
 * work out by hand (times in the comments are simulated seconds), then on a bundled story.
 */
class SimLadderTest {

    /**
     * One 4 s generated shot in four 1 s segments, at a size where a draft saves the viewer more
     * than the scheduler's 250 ms minimum even before any speed is measured.
     */
    private static final String ONE_SHOT = """
            format: 720x1280 30fps
            segment: 1s
            === street ===
            shot 4s generate "a rainy street at night"
            -> END
            """;

    /** A 4 s scene whose last 2 s offer a choice between two 2 s scenes (as in SimulatorTest). */
    private static final String TINY = """
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 4s color "#102030"
            choice 2s default left
              * "Left" -> left weight 9
              * "Right" -> right weight 1
            === left ===
            shot 2s title "Left"
            -> END
            === right ===
            shot 2s title "Right"
            -> END
            """;

    private static Simulator simulator(String source, SimOptions o) {
        CompileResult r = StoryCompiler.compileString("t.story", source);
        assertTrue(r.ok(), r.diagnostics()::toString);
        return new Simulator(new Evaluator(r.story()), "t", o);
    }

    private static Simulator nightFerry(SimOptions o) {
        CompileResult r = StoryCompiler.compile(Path.of("../stories/night-ferry/night-ferry.story"));
        assertTrue(r.ok(), r.diagnostics()::toString);
        return new Simulator(new Evaluator(r.story()), "night-ferry", o);
    }

    /** One viewer who lets every timer run out. */
    private static SimOptions oneViewer() {
        return SimOptions.defaults().withViewers(1).withRenderSlots(1).withTimeoutChance(1);
    }

    @Test
    void aLoadedMachineRendersSlowerAndAViewerWaitsForARenderThatCannotKeepAhead() {
        // speed 1, load 2: hall takes 8 s to render its 4 s, so it cannot play from its first
        // segment; it plays 8-12 s. Left (default, asked at 12 s) takes 4 s: a 4 s stall.
        PolicyResult r = simulator(TINY, oneViewer().withSpeed(1).withLoad(2)).run(Policy.ON_DEMAND);
        assertEquals(8.0, r.startWaitSeconds(), 1e-9);
        assertEquals(1, r.stalledChoices());
        assertEquals(4.0, r.stallSeconds(), 1e-9);
        assertEquals(12.0, r.fullWorkSeconds(), 1e-9, "hall 8 s and left 4 s of render time");
        assertEquals(6.0, r.renderedSeconds(), 1e-9, "render work is time; rendered seconds stay video");
        PolicyResult unloaded = simulator(TINY, oneViewer().withSpeed(1)).run(Policy.ON_DEMAND);
        assertEquals(6.0, unloaded.fullWorkSeconds(), 1e-9);
    }

    @Test
    void aViewerWhoWaitsGetsADraftAndSeesTheUpgradeWhereItIsStoredInTime() {
        // Full quality renders at 4x (0.25 s a segment). The viewer waits from the start, so the
        // deadline has passed and the ladder drafts: about a quarter of the full cost a segment
        // (the generated pictures at a smaller size, every second frame, and x264 given only
        // those), plus the encoder's start: segment 0 stored at 0.08 s, the whole draft at 0.27 s.
        // The upgrade then stores full segments at 0.52, 0.77, 1.02, 1.27 s. The player reaches
        // segment 0 at 0.08 s (draft) and segment 1 at 1.08 s, when full is there: 1 s of 4 from the draft.
        PolicyResult r = simulator(ONE_SHOT, oneViewer().withSpeed(4).withLadder(true)).run(Policy.ON_DEMAND);
        assertEquals(0.083, r.startWaitSeconds(), 1e-9);
        assertEquals(4.0, r.watchedSeconds(), 1e-9);
        assertEquals(1.0, r.watchedDraftSeconds(), 1e-9);
        assertEquals(0.25, r.draftShare(), 1e-9);
        assertEquals(1, r.drafts());
        assertEquals(1, r.upgrades());
        assertEquals(2, r.jobs(), "the draft and its upgrade");
        assertEquals(0.271, r.draftWorkSeconds(), 1e-9);
        assertEquals(1.0, r.fullWorkSeconds(), 1e-9);
        assertEquals(0.0, r.wasteSeconds(), 1e-9, "both tiers were seen");
        assertEquals(8.0, r.renderedSeconds(), 1e-9, "4 s of video at each tier");

        PolicyResult off = simulator(ONE_SHOT, oneViewer().withSpeed(4)).run(Policy.ON_DEMAND);
        assertEquals(0.25, off.startWaitSeconds(), 1e-9, "without the ladder the first full segment is waited for");
        assertEquals(0.0, off.draftShare(), 1e-9);
        assertEquals(0, off.drafts());
        assertEquals(0.0, off.draftWorkSeconds(), 1e-9);
    }

    @Test
    void anUpgradeThatComesTooLateForEveryViewerIsWaste() {
        // At speed 1 the draft is whole at 1.08 s and the player started at 0.33 s; the upgrade
        // stores full segment k at 2.08 + k s, after the player reached it at 0.33 + k s. The
        // whole visit is played from the draft, and nobody sees the full render.
        PolicyResult r = simulator(ONE_SHOT, oneViewer().withSpeed(1).withLadder(true)).run(Policy.ON_DEMAND);
        assertEquals(1.0, r.draftShare(), 1e-9);
        assertEquals(1, r.upgrades());
        assertEquals(4.0, r.wasteSeconds(), 1e-9, "the full tier, rendered after the only viewer");
    }

    @Test
    void withoutTheLadderNothingIsDraftedWhateverTheLoad() {
        PolicyResult r = nightFerry(SimOptions.defaults().withViewers(40).withLoad(4)).run(Policy.PREDICTIVE);
        assertEquals(0, r.drafts());
        assertEquals(0, r.upgrades());
        assertEquals(0.0, r.draftShare(), 1e-9);
        assertEquals(0.0, r.draftWorkSeconds(), 1e-9);
        assertTrue(r.fullWorkSeconds() > 0);
    }

    @Test
    void onALoadedMachineTheLadderCutsStalledChoices() {
        SimOptions o = SimOptions.defaults().withViewers(200).withRenderSlots(1).withLoad(4);
        for (Policy p : new Policy[] {Policy.ON_DEMAND, Policy.PREDICTIVE}) {
            PolicyResult off = nightFerry(o).run(p);
            PolicyResult on = nightFerry(o.withLadder(true)).run(p);
            assertEquals(off.choices(), on.choices(), "the same viewers make the same decisions");
            assertTrue(on.stalledChoices() < off.stalledChoices() * 0.6,
                    p + ": " + on.stalledChoices() + " stalled with the ladder, " + off.stalledChoices() + " without");
            assertTrue(on.stallSeconds() < off.stallSeconds() / 5, p + ": stall s " + on.stallSeconds() + " vs " + off.stallSeconds());
            assertTrue(on.draftShare() > 0.3, "under load much of what is watched is a draft: " + on.draftShare());
            assertTrue(on.drafts() > 0 && on.upgrades() <= on.drafts());
            assertTrue(on.draftWorkSeconds() > 0 && on.draftWorkSeconds() < on.fullWorkSeconds(),
                    "a draft costs less than its full render");
        }
    }

    @Test
    void onAnUnloadedMachineWithSlotsToSpareDraftsAreOnlyTheWarmUp() {
        // The viewers who come first wait for visits nobody rendered ahead, and get drafts; with
        // slots to spare the upgrades follow, and the viewers after them see full quality.
        SimOptions o = SimOptions.defaults().withViewers(200).withRenderSlots(4).withLadder(true);
        PolicyResult r = nightFerry(o).run(Policy.PREDICTIVE);
        assertTrue(r.draftShare() < 0.005, "draft share " + r.draftShare());
        assertTrue(r.drafts() > 0 && r.drafts() <= 10, r.drafts() + " drafts");
        assertEquals(r.drafts(), r.upgrades(), "every draft upgraded");
        PolicyResult off = nightFerry(o.withLadder(false)).run(Policy.PREDICTIVE);
        assertTrue(r.stalledChoices() <= off.stalledChoices());
        assertEquals(off.fullWorkSeconds(), r.fullWorkSeconds(), 1e-9, "the same full renders, upgrades included");
    }

    @Test
    void theSchedulerMeasuresTheLoadFromTheSegmentsItIsTold() {
        // Night Ferry's cost model is 0.59-0.65 of its reference cost over whole visits (less over
        // a first segment, which carries the encoder's start in the reference only); the ratio is
        // smoothed over the latest segments, so the two runs end on different ones.
        SimOptions o = SimOptions.defaults().withViewers(40).withRenderSlots(1).withLadder(true);
        double unloaded = nightFerry(o).run(Policy.PREDICTIVE).fullRatio();
        double loaded = nightFerry(o.withLoad(4)).run(Policy.PREDICTIVE).fullRatio();
        assertTrue(unloaded > 0.4 && unloaded < 0.8, "unloaded " + unloaded);
        assertTrue(loaded > 3 * unloaded && loaded < 5 * unloaded, "loaded " + loaded + ", unloaded " + unloaded);
    }

    @Test
    void aLadderRunIsTheSameForTheSameSeed() {
        SimOptions o = SimOptions.defaults().withViewers(60).withRenderSlots(1).withLoad(4).withLadder(true).withSeed(3);
        PolicyResult a = nightFerry(o).run(Policy.PREDICTIVE);
        PolicyResult b = nightFerry(o).run(Policy.PREDICTIVE);
        assertEquals(a, b);
        assertNotEquals(a, nightFerry(o.withSeed(4)).run(Policy.PREDICTIVE), "another seed, other viewers");
    }
}
