package io.branchline.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.engine.schedule.RenderScheduler.Ask;
import io.branchline.engine.schedule.RenderScheduler.Start;
import io.branchline.renderer.RenderTier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The ladder's last rung, on a hand-moved clock: a job goes down to the rough tier only when
 * even its draft would make a viewer wait, its own or one queued behind it, and the rough
 * render would save that viewer at least {@link RenderScheduler#MIN_GAIN_MS}. Costs: full
 * 2,000 reference ms a segment, the draft 800, the rough render 400 (the renders go at the
 * reference speed, times the scheduler's safety factor of 1.25).
 */
class RenderRoughTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RenderScheduler<String> scheduler = new RenderScheduler<String>(1, now::get).ladder(true);
    private final VisitCost cost = VisitCost.uniform(3, 2000, 2000, 800, 400);

    private Start<String> startOne() {
        List<Start<String>> started = scheduler.take();
        assertEquals(1, started.size());
        return started.get(0);
    }

    @Test
    void roughWhenEvenTheDraftWouldBeLate() {
        // Needed in 300 ms: the draft's first segment takes 1,000 (700 late), the rough one's 500 (200 late).
        scheduler.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 300));
        Start<String> job = startOne();
        assertEquals(RenderTier.ROUGH, job.tier());
        assertEquals(1, scheduler.drafts(), "a rough render counts among the drafts");
    }

    @Test
    void theDraftWhenTheDraftIsInTime() {
        // Needed in 1,100 ms: full quality is late (2,500), the draft is not (1,000): no reason to go rougher.
        scheduler.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 1100));
        assertEquals(RenderTier.DRAFT, startOne().tier());
    }

    @Test
    void theDraftWhenRoughWouldSaveTooLittle() {
        // Needed in 850 ms: the draft's first segment is 150 ms late (1,000), the rough one would be in
        // time (500). It saves the viewer 150 ms of waiting, less than MIN_GAIN_MS: the better picture wins.
        scheduler.ask("k", "k", cost, new Ask("s1", true, 1, now.get() + 850));
        assertEquals(RenderTier.DRAFT, startOne().tier());
    }

    /**
     * "a", a viewer's job needed in 2,000 ms (in time as a draft: 1,000 ms for its first segment,
     * 3,000 for the whole), is asked, then {@code behind}: the tier "a" starts at.
     */
    private RenderTier withBehind(Ask behind) {
        scheduler.ask("a", "a", cost, new Ask("s1", true, 1, now.get() + 2000));
        scheduler.ask("b", "b", cost, behind);
        Start<String> a = startOne();
        assertEquals("a", a.key());
        return a.tier();
    }

    @Test
    void roughWhenAViewerQueuedBehindWouldBeLateEvenWithThisJobAsADraft() {
        // "b" is needed in 2,500: after the draft of "a" its first segment would be ready at 4,000,
        // after a rough "a" (1,500) at 2,500, just in time.
        assertEquals(RenderTier.ROUGH, withBehind(new Ask("s2", true, 1, now.get() + 2500)));
    }

    @Test
    void aGuessQueuedBehindIsNoReasonToGoRough() {
        // As above, but "b" is a likely guess, not a viewer's job: a guess may make a job a draft, never rough.
        assertEquals(RenderTier.DRAFT, withBehind(new Ask("s2", false, 0.9, now.get() + 2500)));
    }

    @Test
    void theDraftWhenTheViewerBehindIsInTimeEitherWay() {
        // "b"'s first segment is ready at 4,000 behind a draft, needed at 6,000.
        assertEquals(RenderTier.DRAFT, withBehind(new Ask("s2", true, 1, now.get() + 6000)));
    }

    @Test
    void aTierNotMeasuredYetBorrowsTheNearestMeasuredOne() {
        RenderSpeed speed = new RenderSpeed();
        speed.measured(RenderTier.FULL, 1000, 1000);
        speed.measured(RenderTier.DRAFT, 1000, 3000);
        assertEquals(3.0, speed.ratio(RenderTier.ROUGH), 1e-9, "the draft's ratio, not full quality's");
        RenderSpeed fullOnly = new RenderSpeed();
        fullOnly.measured(RenderTier.FULL, 1000, 2000);
        assertEquals(2.0, fullOnly.ratio(RenderTier.ROUGH), 1e-9);
    }
}
