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
 * A machine that is behind: a job in time itself renders as a draft when a viewer's job waits
 * behind it for the slot, and upgrades are background work that yields to any viewer's render.
 */
class RenderCongestionTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    /** Three 2 s segments: full costs 1,000 reference ms a segment, the draft 250. */
    private final VisitCost cost = VisitCost.uniform(3, 2000, 1000, 250);

    private RenderScheduler<String> scheduler(int slots) {
        return new RenderScheduler<String>(slots, now::get).ladder(true);
    }

    @Test
    void aJobInTimeItselfIsDraftedWhenAViewersJobWaitsBehindItForTheSlot() {
        RenderScheduler<String> s = scheduler(1);
        // A is in time at full quality (3.75 s of work, first segment needed in 10 s, the last in 14 s) ...
        s.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 10_000));
        // ... but B, needed in 3 s, waits for the one slot behind it.
        s.ask("b", "b", cost, new Ask("s2", false, 0.6, now.get() + 3000));
        Start<String> a = s.take().get(0);
        assertEquals("a", a.key(), "on-demand first");
        assertEquals(RenderTier.DRAFT, a.tier(), "A's full render would end after B is needed");
    }

    @Test
    void noDraftWhenNobodyWaitsOrWhatWaitsIsAnUnlikelyGuessOrNeededLater() {
        RenderScheduler<String> alone = scheduler(1);
        alone.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 10_000));
        assertEquals(RenderTier.FULL, alone.take().get(0).tier());

        RenderScheduler<String> unlikely = scheduler(1);
        unlikely.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 10_000));
        unlikely.ask("b", "b", cost, new Ask("s2", false, 0.1, now.get() + 3000));
        assertEquals(RenderTier.FULL, unlikely.take().get(0).tier(), "a 10 % guess does not cost A its quality");

        RenderScheduler<String> later = scheduler(1);
        later.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 10_000));
        later.ask("b", "b", cost, new Ask("s2", false, 0.6, now.get() + 60_000));
        assertEquals(RenderTier.FULL, later.take().get(0).tier(), "B is needed long after A's full render ends");

        RenderScheduler<String> twoSlots = scheduler(2);
        twoSlots.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 10_000));
        twoSlots.ask("b", "b", cost, new Ask("s2", false, 0.6, now.get() + 3000));
        List<Start<String>> both = twoSlots.take();
        assertEquals(2, both.size());
        assertEquals(RenderTier.FULL, both.get(0).tier(), "B gets the other slot: nothing waits behind A");
    }

    @Test
    void anUpgradeIsBackgroundWork_itNeitherStartsNorGoesOnBesideAViewersRender() {
        RenderScheduler<String> s = scheduler(2);
        s.upgradeLater("u", "u", cost);
        s.ask("x", "x", cost, new Ask("s1", true, 1, now.get() + 100_000));
        List<Start<String>> started = s.take();
        assertEquals(List.of("x"), started.stream().map(Start::key).toList(), "the free slot stays free rather than slow X down");
        s.finished("x");
        assertEquals("u", s.take().get(0).key(), "with nothing else to do the upgrade runs");
        s.ask("guess", "guess", cost, new Ask("s2", false, 0.4, now.get() + 20_000));
        assertEquals(List.of("guess"), s.take().stream().map(Start::key).toList());
        assertEquals(List.of("u"), s.toPause(), "a viewer's guess now renders: the upgrade yields although a slot was free");
        assertTrue(s.yieldNow("u"));
        assertTrue(s.take().isEmpty(), "and is not resumed while the guess renders");
        s.finished("guess");
        Start<String> resumed = s.take().get(0);
        assertEquals("u", resumed.key());
        assertTrue(resumed.resumed());

        RenderScheduler<String> one = scheduler(1);
        one.upgradeLater("u", "u", cost);
        one.take();
        one.ask("guess", "guess", cost, new Ask("s2", false, 0.4, now.get() + 20_000));
        assertEquals(List.of("u"), one.toPause(), "with one slot too");
    }

    @Test
    void atMostTwoUpgradesAreParked_aThirdThatMustYieldIsDropped() {
        RenderScheduler<String> s = scheduler(3);
        s.upgradeLater("u1", "u1", cost);
        s.upgradeLater("u2", "u2", cost);
        s.upgradeLater("u3", "u3", cost);
        assertEquals(3, s.take().size());
        s.ask("x", "x", cost, new Ask("s1", true, 1, now.get() + 100_000));
        assertEquals(3, s.toPause().size());
        assertTrue(s.yieldNow("u1"));
        assertTrue(s.yieldNow("u2"));
        assertTrue(s.yieldNow("u3"));
        assertEquals(RenderScheduler.State.PAUSED, s.state("u1").orElseThrow());
        assertEquals(RenderScheduler.State.PAUSED, s.state("u2").orElseThrow());
        assertTrue(s.state("u3").isEmpty(), "the third is dropped: its draft stays, and a viewer who needs the visit asks again");
    }
}
