package io.branchline.engine.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator on a story small enough to work out by hand: a 4 s scene (four 1 s segments)
 * whose last 2 s offer a choice between two 2 s scenes; one viewer, one slot, everything renders
 * at real time (speed 1). Times in the comments are simulated seconds.
 */
class SimulatorTest {

    private static final String STORY = """
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

    private static Simulator simulator(SimOptions o) {
        CompileResult r = StoryCompiler.compileString("tiny.story", STORY);
        assertTrue(r.ok(), r.diagnostics()::toString);
        return new Simulator(new Evaluator(r.story()), "tiny", o);
    }

    /** One viewer who lets the timer run out, so the default (Left) takes effect at media time 4 s. */
    private static SimOptions timesOut() {
        return SimOptions.defaults().withViewers(1).withRenderSlots(1).withSpeed(1).withTimeoutChance(1);
    }

    /** The same, where a visit plays only once wholly rendered. */
    private static SimOptions timesOutWhole() {
        return timesOut().withWholeVisit(true);
    }

    @Test
    void onDemandStartsEachSceneAfterItsFirstSegment() {
        // hall renders 0-4 s; its first segment is stored at 1 s, so it plays 1-5 s. The default
        // (Left) is asked for at 5 s and its first segment is there at 6 s: a 1 s stall.
        PolicyResult r = simulator(timesOut()).run(Policy.ON_DEMAND);
        assertEquals(1.0, r.startWaitSeconds(), 1e-9);
        assertEquals(1, r.choices());
        assertEquals(1, r.stalledChoices());
        assertEquals(1.0, r.latencyP50(), 1e-9);
        assertEquals(1.0, r.stallSeconds(), 1e-9);
        assertEquals(6.0, r.watchedSeconds(), 1e-9);
        assertEquals(6.0, r.renderedSeconds(), 1e-9);
        assertEquals(0.0, r.wasteSeconds(), 1e-9);
        assertEquals(1.0 / (6.0 / 60), r.stallSecondsPerViewerMinute(), 1e-9);
    }

    @Test
    void onDemandStallsForTheWholeRenderWhenScenesPlayOnlyOnceRendered() {
        PolicyResult r = simulator(timesOutWhole()).run(Policy.ON_DEMAND);
        assertEquals(4.0, r.startWaitSeconds(), 1e-9, "the first scene renders in 4 s before it plays");
        assertEquals(1, r.stalledChoices());
        assertEquals(2.0, r.latencyP50(), 1e-9, "Left is only asked for when the default is taken; it renders in 2 s");
        assertEquals(2.0, r.latencyP99(), 1e-9);
        assertEquals(2.0, r.stallSeconds(), 1e-9);
        assertEquals(6.0, r.renderedSeconds(), 1e-9);
    }

    @Test
    void nextLevelRendersBothOptionsAheadAndDoesNotStall() {
        // hall plays 4-8 s; Left renders 4-6 s, Right 6-8 s (same chance and deadline: asked
        // first, rendered first); Right is still rendering when the default is taken at 8 s, so it finishes.
        PolicyResult r = simulator(timesOutWhole()).run(Policy.NEXT_LEVEL);
        assertEquals(1, r.choices());
        assertEquals(0, r.stalledChoices());
        assertEquals(0.0, r.latencyP99(), 1e-9);
        assertEquals(0.0, r.stallSeconds(), 1e-9);
        assertEquals(3, r.jobs());
        assertEquals(8.0, r.renderedSeconds(), 1e-9, "hall, left and right");
        assertEquals(2.0, r.wasteSeconds(), 1e-9, "right was rendered and nobody watched it");
        assertEquals(0, r.droppedJobs());
    }

    @Test
    void theOptionNotTakenIsDroppedWhenItHasNotStartedYet() {
        // hall plays 1-5 s; Left renders from 4 s; the default is taken at 5 s, before Right
        // started: the viewer withdraws it and the scheduler drops it.
        PolicyResult r = simulator(timesOut()).run(Policy.NEXT_LEVEL);
        assertEquals(0, r.stalledChoices());
        assertEquals(2, r.jobs());
        assertEquals(1, r.droppedJobs());
        assertEquals(6.0, r.renderedSeconds(), 1e-9, "hall and left: no more than on-demand renders");
        assertEquals(0.0, r.wasteSeconds(), 1e-9);
    }

    @Test
    void predictiveRendersOnlyTheLikelyOptionAndLessThanNextLevel() {
        Simulator sim = simulator(timesOutWhole());
        PolicyResult p = sim.run(Policy.PREDICTIVE);
        PolicyResult n = sim.run(Policy.NEXT_LEVEL);
        assertEquals(2, p.jobs(), "weight 9 of 10 covers 80% by itself: only hall and left");
        assertEquals(6.0, p.renderedSeconds(), 1e-9);
        assertEquals(0, p.stalledChoices());
        assertEquals(0.0, p.wasteSeconds(), 1e-9);
        assertTrue(p.renderedSeconds() < n.renderedSeconds());
    }

    @Test
    void predictiveStallsWhenViewersDisagreeWithTheAuthor() {
        // hall plays 4-8 s; Left (predicted) renders 4-6 s; the viewer picks Right between 6 and
        // 8 s, which then renders for 2 s, past the end of hall.
        PolicyResult p = simulator(timesOutWhole().withTimeoutChance(0).withDisagree(true)).run(Policy.PREDICTIVE);
        assertEquals(1, p.choices());
        assertEquals(1, p.stalledChoices());
        assertEquals(8.0, p.renderedSeconds(), 1e-9, "left ahead, then right on demand");
        assertEquals(2.0, p.wasteSeconds(), 1e-9, "left was rendered for nothing");
    }

    @Test
    void eagerRendersEverythingReachableAtTheStart() {
        Simulator sim = simulator(timesOut());
        assertEquals(List.of("hall", "left", "right"), sim.reachable(500).stream().map(Simulator.VisitKey::scene).toList());
        PolicyResult r = sim.run(Policy.EAGER);
        assertEquals(3, r.jobs());
        assertEquals(8.0, r.renderedSeconds(), 1e-9);
        assertEquals(2.0, r.wasteSeconds(), 1e-9, "eager never withdraws");
        assertEquals(0, r.stalledChoices());
        assertEquals(1.0, r.startWaitSeconds(), 1e-9, "the start visit goes first, and plays from its first segment");
    }

    @Test
    void slotsAndSpeedShortenTheWait() {
        PolicyResult r = simulator(timesOut().withSpeed(2)).run(Policy.ON_DEMAND);
        assertEquals(0.5, r.startWaitSeconds(), 1e-9);
        assertEquals(0.5, r.latencyP50(), 1e-9);
        PolicyResult whole = simulator(timesOutWhole().withSpeed(2)).run(Policy.ON_DEMAND);
        assertEquals(2.0, whole.startWaitSeconds(), 1e-9);
        assertEquals(1.0, whole.latencyP50(), 1e-9);
    }

    /** Left is a 10 s scene, the default is Right. */
    private static final String SLOW_LEFT = """
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 4s color "#102030"
            choice 2s default right
              * "Left" -> left
              * "Right" -> right
            === left ===
            shot 10s title "Left"
            -> END
            === right ===
            shot 2s title "Right"
            -> END
            """;

    @Test
    void aSpeculativeRenderYieldsItsSlotAtASegmentBoundaryToTheSceneAViewerWaitsFor() {
        // hall renders 0-4 s and plays 1-5 s. Left (asked first) starts at 4 s; at 5 s the default
        // Right is taken and asked for on demand: Left stops after its first segment (nobody wants
        // it now, so it is dropped), Right renders 5-7 s and plays from 6 s. Without the pause
        // Right would wait for Left's 10 s render.
        CompileResult c = StoryCompiler.compileString("slow.story", SLOW_LEFT);
        assertTrue(c.ok(), c.diagnostics()::toString);
        PolicyResult r = new Simulator(new Evaluator(c.story()), "slow", timesOut()).run(Policy.NEXT_LEVEL);
        assertEquals(1, r.pauses());
        assertEquals(1, r.droppedJobs());
        assertEquals(1, r.stalledChoices());
        assertEquals(1.0, r.latencyP99(), 1e-9);
        assertEquals(7.0, r.renderedSeconds(), 1e-9, "hall, right and one second of left");
        assertEquals(1.0, r.wasteSeconds(), 1e-9);
    }

    @Test
    void aRunIsTheSameForTheSameSeedOnABundledStory() {
        CompileResult r = StoryCompiler.compile(Path.of("../stories/night-ferry/night-ferry.story"));
        assertTrue(r.ok(), r.diagnostics()::toString);
        SimOptions o = SimOptions.defaults().withViewers(40).withSeed(7);
        List<Policy> all = List.of(Policy.values());
        List<PolicyResult> a = new Simulator(new Evaluator(r.story()), "night-ferry", o).runAll(all);
        List<PolicyResult> b = new Simulator(new Evaluator(r.story()), "night-ferry", o).runAll(all);
        assertEquals(a, b);
        for (PolicyResult x : a) {
            assertTrue(x.choices() > 0, x::toString);
            assertTrue(x.wasteSeconds() <= x.renderedSeconds());
            assertTrue(x.latencyP50() <= x.latencyP95() && x.latencyP95() <= x.latencyP99());
        }
        PolicyResult c = new Simulator(new Evaluator(r.story()), "night-ferry", o.withSeed(8)).run(Policy.ON_DEMAND);
        assertTrue(!c.equals(a.get(0)), "another seed, other viewers");
    }
}
