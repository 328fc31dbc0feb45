package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.renderer.RenderTier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The render speed follows the cores other programs leave free, at once: a measurement made on a
 * free machine counts for less when a browser or a busy loop takes half of it, with no new render
 * measured in between. The free cores are a value the test sets.
 */
class RenderSpeedTest {

    private final AtomicReference<Double> free = new AtomicReference<>(2.0);

    @Test
    void theRatioScalesWithTheCoresFreeThenAgainstNow() {
        RenderSpeed speed = new RenderSpeed(free::get);
        speed.measured(RenderTier.FULL, 1000, 1000);
        assertEquals(1.0, speed.ratio(RenderTier.FULL), 1e-9, "measured and read on the same machine");
        free.set(1.0);
        assertEquals(2.0, speed.ratio(RenderTier.FULL), 1e-9, "half the cores free: twice the time");
        assertEquals(2.0, speed.ratio(RenderTier.DRAFT), 1e-9, "the tier not measured borrows the other's, scaled alike");
        free.set(0.0);
        assertEquals(8.0, speed.ratio(RenderTier.FULL), 1e-9, "a starved machine counts as a quarter of a core free");
        free.set(1.0);
        speed.measured(RenderTier.FULL, 1000, 2000);
        assertEquals(2.0, speed.ratio(RenderTier.FULL), 1e-9, "a measurement made under the load agrees with the scaling");
        free.set(2.0);
        assertEquals(1.0, speed.ratio(RenderTier.FULL), 1e-9, "and the load gone, the machine is as fast as before");
    }

    @Test
    void withoutKnowledgeOfTheMachineOnlyMeasurementsCount() {
        RenderSpeed speed = new RenderSpeed();
        assertEquals(1.0, speed.ratio(RenderTier.FULL), 1e-9, "nothing measured: the reference machine");
        speed.measured(RenderTier.FULL, 1000, 3000);
        assertEquals(3.0, speed.ratio(RenderTier.FULL), 1e-9);
    }

    @Test
    void aBrowserStartingBesideTheEngineTurnsTheNextChoiceToADraftBeforeAnyRenderSlowsDown() {
        AtomicLong now = new AtomicLong(1_000_000);
        RenderScheduler<String> s = new RenderScheduler<String>(1, now::get, free::get).ladder(true);
        VisitCost cost = VisitCost.uniform(3, 2000, 1000, 250);
        // Measured on a free machine at the reference speed.
        s.ask("first", "first", cost, new Ask("s1", false, 1, now.get() + 100_000));
        s.take();
        for (int i = 0; i < 3; i++) {
            now.addAndGet(1000);
            s.segmentDone("first", i);
        }
        s.finished("first");
        s.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 1500));
        assertEquals(RenderTier.FULL, s.take().get(0).tier(), "1,250 ms with the safety margin, needed in 1,500");
        s.finished("a");
        free.set(0.8);
        s.ask("b", "b", cost, new Ask("s1", true, 1, now.get() + 1500));
        assertEquals(RenderTier.DRAFT, s.take().get(0).tier(), "with 0.8 of 2 cores free the same render would take 2.5 times as long");
    }

    @Test
    void rendersRunOneAtATimeWhenOtherProgramsLeaveOneCore() {
        AtomicLong now = new AtomicLong(1_000_000);
        RenderScheduler<String> s = new RenderScheduler<String>(2, now::get, free::get).ladder(true);
        VisitCost cost = VisitCost.uniform(3, 2000, 1000, 250);
        free.set(1.1);
        s.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 10_000));
        s.ask("b", "b", cost, new Ask("s2", true, 1, now.get() + 20_000));
        assertEquals(java.util.List.of("a"), s.take().stream().map(RenderScheduler.Start::key).toList(),
                "one free core: the render due first runs alone");
        free.set(1.9);
        assertEquals(java.util.List.of("b"), s.take().stream().map(RenderScheduler.Start::key).toList(), "two free: both run");
        free.set(0.2);
        s.finished("a");
        s.finished("b");
        s.ask("c", "c", cost, new Ask("s3", true, 1, now.get() + 10_000));
        assertEquals(1, s.take().size(), "a starved machine still renders one");
    }
}
