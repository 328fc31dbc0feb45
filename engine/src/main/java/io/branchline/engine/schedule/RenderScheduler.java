package io.branchline.engine.schedule;

import io.branchline.renderer.RenderTier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which render jobs run, in what order, on a bounded number of slots. Plain and
 * single-threaded: the render worker verticle drives it from its event loop in wall-clock
 * time, the viewer simulator from its event loop in simulated time, through the same
 * {@link Clock}.
 *
 * <ul>
 * <li>A job is one content key, however many sessions ask for it: each asker's probability
 *     that it will need the visit is combined ({@code 1 - Π(1 - p)}), the earliest deadline
 *     wins, and one on-demand ask makes the whole job on-demand.</li>
 * <li>On-demand jobs run first, earliest deadline first. Speculative jobs follow, by
 *     probability over the time left until their deadline (at least {@link #MIN_SLACK_MS}):
 *     a likely visit needed soon goes before an unlikely one needed later. The score moves
 *     with the clock, so the next job is chosen by a scan when a slot frees rather than kept
 *     in a heap ordered once.</li>
 * <li>A job whose last asker withdraws is dropped unless it is rendering (a running
 *     speculative render may finish; its visit is stored for whoever comes next).</li>
 * <li>An on-demand job that finds every slot busy asks a running speculative job to pause at
 *     its next frame ({@link #toPause()}, {@link #yieldNow(String)}); the paused
 *     job goes back to the queue and resumes where it stopped. At most as many jobs are
 *     paused at once as there are slots.</li>
 * <li>The render ladder ({@link #ladder(boolean)}): when a job gets a slot, the scheduler
 *     estimates from the job's {@link VisitCost} and the {@link RenderSpeed} measured lately
 *     whether full quality can finish every segment before it is needed (the deadline for
 *     the first, one segment later for each next). If not, and the draft would make the viewer
 *     wait at least {@link #MIN_GAIN_MS} less, the job renders at the {@link RenderTier#DRAFT
 *     draft} tier. So does a job in time itself that takes the last free slot while a viewer's
 *     job waits that is needed before its full render would end ({@link #congested}): the
 *     machine is behind, and time one job saves goes to the next. The same two rules, applied
 *     once more with the draft in place of full quality, take a job down to the
 *     {@link RenderTier#ROUGH rough} tier when even a draft would be late. The caller then asks
 *     for the full tier with {@link #upgradeLater}, a
 *     speculative job with no deadline that runs when nothing more urgent waits (and is never
 *     drafted itself), for the viewers who come after.</li>
 * <li>A rescue ({@link #rescues(boolean)}): a full render already running can fall behind a
 *     viewer who asks for it later (a scene rendered ahead at start-up, then wanted at once) or
 *     a machine that slows down. When its own progress says some segment will be late and a
 *     draft of the same visit, started now, would make the viewer wait at least
 *     {@link #MIN_GAIN_MS} less, the scheduler adds a draft job for that visit, on-demand, keyed
 *     {@link RenderTier#key(String) by its draft key}. It gets the next slot, even one the full
 *     render itself pauses to give; when it finishes, the viewers who asked for the visit are
 *     answered by it, and the full render goes on as an {@link #UPGRADE} for those who come
 *     after. Off by default: the caller must know that a started job may be a rescue
 *     ({@link Start#rescueOf()}).</li>
 * </ul>
 *
 * @param <J> what the caller runs for a job (a {@code RenderJob}, or the simulator's own)
 */
public final class RenderScheduler<J> {

    /** How long before a video ends the next visit's first segment should be stored, so the player can fetch it. */
    public static final long FETCH_MARGIN_MS = 1000;
    /** The shortest time-to-deadline a speculative job's score divides by: deadlines already passed count as this close. */
    public static final long MIN_SLACK_MS = 1000;

    /** The scheduler's time in milliseconds: wall-clock time in the engine, simulated time in the simulator. */
    @FunctionalInterface
    public interface Clock {
        long nowMs();
    }

    /**
     * One session's ask for a job.
     *
     * @param asker       who asks (a session id); asks of the same asker for the same key merge
     * @param onDemand    a viewer will wait for it (or already does)
     * @param probability the chance the asker will need it, 0 to 1 (on-demand asks count as 1)
     * @param deadlineMs  when the asker needs its first segment, on the scheduler's clock
     */
    public record Ask(String asker, boolean onDemand, double probability, long deadlineMs) {

        Ask merge(Ask other) {
            return new Ask(asker, onDemand || other.onDemand, Math.max(probability, other.probability),
                    Math.min(deadlineMs, other.deadlineMs));
        }
    }

    /**
     * A job given a slot.
     *
     * @param resumed  true when it was paused and goes on from where it stopped
     * @param rescueOf the key of the running full render this draft rescues; null for any other job
     */
    public record Start<J>(String key, J job, boolean onDemand, boolean resumed, RenderTier tier, String rescueOf) {
    }

    /** The asker of a rescue job: the viewers who wait are the full render's askers. */
    public static final String RESCUE = "rescue";

    /** The asker of the full render that follows a draft: nobody waits for it. */
    public static final String UPGRADE = "upgrade";
    /** The probability an upgrade counts as: below any viewer's speculative ask worth rendering. */
    public static final double UPGRADE_PROBABILITY = 0.01;
    /** Estimates are taken this much longer, so that full quality is chosen only with room to spare. */
    static final double SAFETY = 1.25;
    /**
     * A draft is rendered only when it is estimated to make the viewer wait at least this much
     * less than full quality would: a scene with nothing cheaper to paint (titles, colours) gains
     * nothing from a draft, and every draft costs a full render after it.
     */
    static final long MIN_GAIN_MS = 250;

    /** Where a job stands. */
    public enum State {
        QUEUED, RENDERING, PAUSED;

        /** The word the status query answers: paused jobs are waiting for a slot, as queued ones are. */
        public String word() {
            return this == RENDERING ? "rendering" : "queued";
        }
    }

    private final class Entry {
        final String key;
        final J job;
        final long seq;
        final Map<String, Ask> asks = new LinkedHashMap<>();
        VisitCost cost;
        State state = State.QUEUED;
        boolean pauseAsked;
        RenderTier tier = RenderTier.FULL;
        long startedMs;
        boolean pausedOnce;
        /** Segments finished so far by the running render (0 until its first), and when the last one was. */
        int segmentsDone;
        long lastSegmentMs;
        /** The tier every ask so far named (a session's upgrade names full, an unlikely option draft); null: the scheduler chooses. */
        RenderTier named;
        /** For a rescue: the key of the full render it rescues. */
        String rescueOf;
        /** For a full render: the key of the rescue asked for it (it is asked at most once). */
        String rescue;
        /** Asked to pause, or paused, so that a guess with no segment yet renders its first ({@link #toPause}); cleared when it goes on. */
        boolean forFirst;
        /** Asked to pause, or paused, so that a viewer's job whose next segment is needed sooner renders first ({@link #toPause}); cleared when it goes on. */
        boolean forNeed;
        /**
         * How far the segments' needs have moved on because one was finished late: a viewer who
         * waited for a segment watches the ones after it that much later.
         */
        long stallMs;

        Entry(String key, J job, long seq) {
            this.key = key;
            this.job = job;
            this.seq = seq;
        }

        boolean onDemand() {
            return asks.values().stream().anyMatch(Ask::onDemand);
        }

        double probability() {
            double none = 1;
            for (Ask a : asks.values()) {
                none *= 1 - (a.onDemand() ? 1 : Math.max(0, Math.min(1, a.probability())));
            }
            return 1 - none;
        }

        long deadline() {
            return asks.values().stream().mapToLong(Ask::deadlineMs).min().orElse(Long.MAX_VALUE);
        }

        /**
         * When the next segment this job makes is needed: its first at the deadline, each one after
         * a segment later, and later again by the time a viewer waited for one made late.
         */
        long nextNeed() {
            long deadline = deadline();
            return deadline == Long.MAX_VALUE || cost == null ? deadline : deadline + segmentsDone * cost.segmentMs() + stallMs;
        }

        /** The waited time counts against the earliest asker's needs: another earliest asker has waited for none. */
        void forgetStallsIfNeedsMoved(long deadlineBefore) {
            if (deadline() != deadlineBefore) {
                stallMs = 0;
            }
        }

        double score(long now) {
            return probability() / Math.max(MIN_SLACK_MS, (double) nextNeed() - now);
        }

        boolean waiting() {
            return state != State.RENDERING;
        }

        /** A viewer's job waiting for a slot (a full render parked for its rescue aside: the rescue stands for it). */
        boolean waitingViewerJob() {
            return waiting() && onDemand() && !parkedForRescue();
        }

        /** A viewer's guess, likely enough, that has made no segment yet and whose first segment is needed at a known time. */
        boolean freshGuess() {
            return state != State.RENDERING && segmentsDone == 0 && !onDemand() && !upgradeOnly() && !asks.isEmpty() && rescueOf == null
                    && cost != null && deadline() != Long.MAX_VALUE && probability() >= FIRST_SEGMENT_PROBABILITY;
        }

        /** A viewer's guess that has made its first segment, not its last, and whose segments are needed at known times. */
        boolean startedGuess() {
            return segmentsDone >= 1 && !onDemand() && !upgradeOnly() && rescueOf == null && cost != null
                    && segmentsDone < cost.segments() && deadline() != Long.MAX_VALUE;
        }

        /** Every segment is made: all that is left is finishing, and pausing it would gain nobody anything. */
        boolean allMade() {
            return cost != null && segmentsDone >= cost.segments();
        }

        /** Nobody but {@link #UPGRADE} asks for it: it only improves what is stored. */
        boolean upgradeOnly() {
            return asks.size() == 1 && asks.containsKey(UPGRADE);
        }

        /** A full render parked to give its slot to its own rescue: it waits until the rescue is done. */
        boolean parkedForRescue() {
            return rescue != null && entries.containsKey(rescue);
        }
    }

    private final int slots;
    private final FreeCores free;
    private final Clock clock;
    private final RenderSpeed speed;
    private boolean ladder;
    private boolean rescues;
    private long drafts;
    private long rescuesAsked;
    private final Map<String, Entry> entries = new HashMap<>();
    private int busy;
    private long seq;
    private long dropped;
    private long pauses;

    public RenderScheduler(int slots, Clock clock) {
        this(slots, clock, FreeCores.NONE);
    }

    /** A scheduler whose speed estimates follow the cores other programs leave free ({@link RenderSpeed}). */
    public RenderScheduler(int slots, Clock clock, FreeCores free) {
        if (slots < 1) {
            throw new IllegalArgumentException("a scheduler needs at least one slot");
        }
        this.slots = slots;
        this.clock = clock;
        this.free = free;
        this.speed = new RenderSpeed(free);
    }

    /**
     * The slots to fill now: the configured ones, but no more than the cores other programs leave
     * free (rounded, at least one). Two renders sharing one free core each go at half speed, so
     * the one due first would finish later than if it ran alone; one at a time, earliest need
     * first, is what meets deadlines on a machine that has no second core to give. Renders already
     * running when the machine gets busier go on; no new one starts until fewer run.
     */
    public int slotsNow() {
        double f = free.now();
        if (Double.isNaN(f)) {
            return slots;
        }
        return (int) Math.max(1, Math.min(slots, Math.round(f)));
    }

    /** Turns the render ladder on or off (off: every job renders at full quality, as before the ladder). */
    public RenderScheduler<J> ladder(boolean on) {
        this.ladder = on;
        return this;
    }

    public boolean ladder() {
        return ladder;
    }

    /** Lets the ladder rescue full renders that fall behind with a draft of the same visit (see the class comment). */
    public RenderScheduler<J> rescues(boolean on) {
        this.rescues = on;
        return this;
    }

    /** Rescue drafts asked for, since the start. */
    public long rescuesAsked() {
        return rescuesAsked;
    }

    /**
     * Adds an ask for a key: a new job with {@code job} to run, or one more asker of the job
     * already held for the key (whose own {@code job} is kept). Returns whether the job is new.
     * A job asked without a {@link VisitCost} always renders at full quality.
     */
    public boolean ask(String key, J job, Ask ask) {
        return ask(key, job, null, ask);
    }

    /** Adds an ask for a key whose visit costs {@code cost} to render (may be null: unknown). */
    public boolean ask(String key, J job, VisitCost cost, Ask ask) {
        return ask(key, job, cost, ask, null);
    }

    /**
     * Adds an ask that names the tier to render at ({@code named}; null lets the scheduler choose).
     * A job renders at a named tier only while every ask names it, except that full quality, once
     * named, stays: an upgrade is never drafted.
     */
    public boolean ask(String key, J job, VisitCost cost, Ask ask, RenderTier named) {
        Entry e = entries.get(key);
        boolean fresh = e == null;
        if (fresh) {
            e = new Entry(key, job, seq++);
            e.named = named;
            entries.put(key, e);
        } else if (named == RenderTier.FULL || e.named == RenderTier.FULL) {
            e.named = RenderTier.FULL;
        } else if (named == null) {
            e.named = null;
        }
        if (e.cost == null) {
            e.cost = cost;
        }
        long deadline = e.deadline();
        e.asks.merge(ask.asker(), ask, Ask::merge);
        e.forgetStallsIfNeedsMoved(deadline);
        considerRescue(e);
        return fresh;
    }

    /**
     * After a draft render of {@code key} finished: asks for the full tier, as a speculative job
     * with no deadline that only runs when nothing more urgent waits (and is shed first).
     */
    public void upgradeLater(String key, J job, VisitCost cost) {
        ask(key, job, cost, new Ask(UPGRADE, false, UPGRADE_PROBABILITY, Long.MAX_VALUE));
    }

    /**
     * The tier a job renders at if it starts now: full unless the ladder is on and a cheaper rung
     * pays. Each rung down is taken, from full to draft and from draft to rough, when at the rung
     * above some segment is estimated to be made after it is needed and the cheaper rung would
     * make the viewer wait at least {@link #MIN_GAIN_MS} less, or when the job is in time itself
     * but the viewers' jobs behind it would be late ({@link #congested}).
     */
    RenderTier tierFor(Entry e, long now) {
        long deadline = e.deadline();
        if (!ladder || e.cost == null || deadline == Long.MAX_VALUE || e.asks.containsKey(UPGRADE)) {
            return RenderTier.FULL; // an upgrade follows a draft that is stored already: only full quality adds anything
        }
        RenderTier tier = RenderTier.FULL;
        while (tier.cheaper() != tier && cheaperPays(e, tier, now, deadline)) {
            tier = tier.cheaper();
        }
        return tier;
    }

    /** Whether {@code e} should render at the rung below {@code tier} rather than at {@code tier} (see {@link #tierFor}). */
    private boolean cheaperPays(Entry e, RenderTier tier, long now, long deadline) {
        double late = lateness(e.cost, tier, speed.ratio(tier), 0, now, deadline);
        if (late <= 0) {
            return congested(e, tier, now);
        }
        RenderTier cheaper = tier.cheaper();
        return late - floor(tier, lateness(e.cost, cheaper, speed.ratio(cheaper), 0, now, deadline)) >= MIN_GAIN_MS;
    }

    /**
     * What counts of {@code late}, the lateness a rung below {@code tier} is estimated at, when
     * weighing that rung: from full to draft, as it always was, the whole estimate (a draft
     * estimated well in time counts as saving more, which is how the ladder was measured); from
     * the draft down, only the waiting it saves (a rough render's coarser motion is worth it only
     * for time a viewer would really wait).
     */
    private static double floor(RenderTier tier, double late) {
        return tier == RenderTier.FULL ? late : Math.max(0, late);
    }

    /**
     * Whether {@code e}, in time at {@code tier} itself, should still render a rung lower because
     * others wait behind it: it takes the last free slot, and the viewers' jobs that wait
     * (on-demand, or guesses at least {@link #CONGESTION_PROBABILITY} likely), rendered after it
     * one by one in the order they are needed, each as a draft, would make some segment later with
     * {@code e} at {@code tier} than with {@code e} a rung lower, by at least {@link #MIN_GAIN_MS},
     * and late at all. The work queued counts, not only the one job needed next: the options of a
     * choice all wait at once, and a first one rendered at full quality can make the last late.
     * A loaded machine then renders more drafts and fewer stalls; the upgrades come when it is idle.
     * One that cannot keep up even with drafts renders rough ones, but only for viewers' jobs
     * (on-demand) queued behind, not for guesses: a rough visit is watched at a quarter of the
     * frame rate by everyone who comes before its upgrade.
     */
    private boolean congested(Entry e, RenderTier tier, long now) {
        if (busy + 1 < slotsNow()) {
            return false;
        }
        RenderTier cheaper = tier.cheaper();
        int last = e.cost.segments() - 1;
        double here = SAFETY * speed.estimateMs(tier, e.cost.upTo(tier, last));
        double lower = SAFETY * speed.estimateMs(cheaper, e.cost.upTo(cheaper, last));
        if (here - lower < MIN_GAIN_MS) {
            return false;
        }
        List<Entry> behind = new ArrayList<>(entries.values().stream().filter(w -> w != e && w.waiting() && !w.parkedForRescue()
                && !w.upgradeOnly() && !w.asks.isEmpty() && w.deadline() != Long.MAX_VALUE
                && (w.onDemand() || tier == RenderTier.FULL && w.probability() >= CONGESTION_PROBABILITY)).toList());
        if (behind.isEmpty()) {
            return false;
        }
        behind.sort((a, b) -> Long.compare(a.nextNeed(), b.nextNeed()));
        double lateAfter = lateBehind(behind, now + here);
        return lateAfter > 0 && lateAfter - floor(tier, lateBehind(behind, now + lower)) >= MIN_GAIN_MS;
    }

    /**
     * How late, at most, a segment of the jobs {@code behind} is estimated to be when they render
     * one after another as drafts from {@code start} (ms; 0 or less: all in time). A job of unknown
     * cost counts as its deadline, without work.
     */
    private double lateBehind(List<Entry> behind, double start) {
        double t = start;
        double late = Double.NEGATIVE_INFINITY;
        for (Entry w : behind) {
            if (w.cost == null) {
                late = Math.max(late, t - w.deadline());
                continue;
            }
            RenderTier tier = w.state == State.PAUSED ? w.tier : w.named != null ? w.named : RenderTier.DRAFT;
            double ratio = speed.ratio(tier);
            // From the segment it is on: a paused job has made the ones before.
            late = Math.max(late, lateness(w.cost, tier, ratio, w.segmentsDone, w.segmentsDone, (long) t, w.deadline()));
            double doneRef = w.segmentsDone == 0 ? 0 : w.cost.upTo(tier, w.segmentsDone - 1);
            t += SAFETY * ratio * (w.cost.upTo(tier, w.cost.segments() - 1) - doneRef);
        }
        return late;
    }

    /** How likely a waiting guess must be for the job ahead of it to render as a draft to make room (see {@link #congested}). */
    static final double CONGESTION_PROBABILITY = 0.25;

    /**
     * How late, at most, a segment of the visit from segment {@code from} on is estimated to be
     * when rendered at {@code tier} from now at {@code ratio} times the reference cost (ms; 0 or
     * less: every such segment in time). The first {@code done} segments are made already (their
     * cost is not counted); the first segment is needed at the deadline, each next one a segment
     * later.
     */
    private static double lateness(VisitCost cost, RenderTier tier, double ratio, int done, int from, long now, long deadline) {
        double doneRef = done == 0 ? 0 : cost.upTo(tier, done - 1);
        double late = Double.NEGATIVE_INFINITY;
        for (int i = from; i < cost.segments(); i++) {
            double needed = deadline + (double) i * cost.segmentMs() - now;
            late = Math.max(late, SAFETY * ratio * (cost.upTo(tier, i) - doneRef) - needed);
        }
        return late;
    }

    /** {@link #lateness(VisitCost, RenderTier, double, int, int, long, long)} for a render that starts now from the first segment. */
    private static double lateness(VisitCost cost, RenderTier tier, double ratio, int from, long now, long deadline) {
        return lateness(cost, tier, ratio, 0, from, now, deadline);
    }

    /**
     * The job of {@code key} finished segment {@code index} (0-based): the time since it started
     * measures how fast renders go now. Jobs that paused on the way are not measured. Returns
     * whether a rescue was asked for it (its progress says it falls behind a viewer).
     */
    public boolean segmentDone(String key, int index) {
        Entry e = entries.get(key);
        if (e == null || e.state != State.RENDERING) {
            return false;
        }
        long now = clock.nowMs();
        if (index == e.segmentsDone) {
            // Made after the fetch margin before its need: a viewer watching waited, and watches the rest that much later.
            long need = e.nextNeed();
            if (need != Long.MAX_VALUE && now > need + FETCH_MARGIN_MS) {
                e.stallMs += now - need - FETCH_MARGIN_MS;
            }
        }
        e.segmentsDone = Math.max(e.segmentsDone, index + 1);
        e.lastSegmentMs = now;
        if (e.pausedOnce || e.cost == null) {
            return false;
        }
        double reference = e.cost.upTo(e.tier, index);
        speed.measured(e.tier, reference, clock.nowMs() - e.startedMs);
        return considerRescue(e);
    }

    /**
     * Asks for a rescue draft of {@code e} when it renders at full quality, is estimated from its
     * progress to finish some segment late for its earliest asker, and a draft started now would
     * gain at least {@link #MIN_GAIN_MS}. At most once per render.
     */
    private boolean considerRescue(Entry e) {
        if (e.rescue != null || !needsRescue(e)) {
            return false;
        }
        Entry r = new Entry(RenderTier.DRAFT.key(e.key), e.job, seq++);
        r.rescueOf = e.key;
        r.tier = RenderTier.DRAFT;
        r.cost = e.cost;
        r.asks.put(RESCUE, new Ask(RESCUE, true, 1, e.deadline()));
        entries.put(r.key, r);
        e.rescue = r.key;
        rescuesAsked++;
        return true;
    }

    /**
     * Looks again at every running full render (call a few times a second): one whose current
     * segment takes much longer than the speed measured says may need a rescue although none of
     * its segments finished since it was last looked at. Returns whether a rescue was asked for.
     */
    public boolean recheck() {
        boolean asked = false;
        for (Entry e : List.copyOf(entries.values())) {
            if (e.state == State.RENDERING) {
                asked |= considerRescue(e);
            }
        }
        return asked;
    }

    /** Whether a draft started now would gain a viewer of {@code e}'s full render at least {@link #MIN_GAIN_MS}. */
    private boolean needsRescue(Entry e) {
        if (!ladder || !rescues || e.state != State.RENDERING || e.tier != RenderTier.FULL
                || e.rescueOf != null || e.cost == null || e.asks.containsKey(UPGRADE) || e.segmentsDone >= e.cost.segments()) {
            return false;
        }
        long deadline = e.deadline();
        if (deadline == Long.MAX_VALUE) {
            return false;
        }
        long now = clock.nowMs();
        int done = e.segmentsDone;
        double doneRef = done == 0 ? 0 : e.cost.upTo(RenderTier.FULL, done - 1);
        // A segment taking longer than the speed measured says shows this render is slower now (a stall, a sudden load).
        double inProgressRef = e.cost.upTo(RenderTier.FULL, done) - doneRef;
        double ratio = Math.max(speed.ratio(RenderTier.FULL), inProgressRef > 0 ? (now - e.lastSegmentMs) / inProgressRef : 0);
        // The draft would run on the same machine: slowed as much (a scene whose draft costs what full quality does gains nothing).
        double draftRatio = speed.ratio(RenderTier.DRAFT) * ratio / speed.ratio(RenderTier.FULL);
        double lateFull = lateness(e.cost, RenderTier.FULL, ratio, done, done, now, deadline);
        // A draft starts from the visit's first segment; only those the full render has not made count.
        double lateDraft = lateness(e.cost, RenderTier.DRAFT, draftRatio, done, now, deadline);
        return lateFull > 0 && lateFull - Math.max(0, lateDraft) >= MIN_GAIN_MS;
    }

    /** The measured speed: the ratio of actual to reference render time, per tier. */
    public RenderSpeed speed() {
        return speed;
    }

    /** Jobs started at the draft tier, since the start. */
    public long drafts() {
        return drafts;
    }

    /**
     * Withdraws an asker's ask for a key. Returns true when that was the last ask and the job
     * was dropped (queued or paused jobs only: a rendering job goes on with nobody asking).
     */
    public boolean withdraw(String key, String asker) {
        Entry e = entries.get(key);
        long deadline = e == null ? Long.MAX_VALUE : e.deadline();
        if (e == null || e.asks.remove(asker) == null) {
            return false;
        }
        e.forgetStallsIfNeedsMoved(deadline);
        Entry rescue = e.rescue == null ? null : entries.get(e.rescue);
        if (rescue != null && rescue.state == State.QUEUED && !needsRescue(e)) {
            entries.remove(rescue.key); // the viewer who needed it soon is gone
            e.rescue = null;
        }
        if (!e.asks.isEmpty() || !e.waiting()) {
            return false;
        }
        entries.remove(key);
        dropped++;
        return true;
    }

    /**
     * Keeps the waiting jobs (queued, not paused) at most {@code capacity}: drops the least urgent
     * speculative ones first, then, when only viewers' own asks wait, the on-demand job needed
     * last. Returns the keys dropped; their askers should be told (an on-demand asker asks again
     * later). So a burst of asks cannot grow the queue without limit, and speculation never
     * pushes out what a viewer is waiting for.
     */
    public List<String> shed(int capacity) {
        List<String> out = new ArrayList<>();
        long now = clock.nowMs();
        while (entries.values().stream().filter(e -> e.state == State.QUEUED).count() > capacity) {
            Entry worst = null;
            for (Entry e : entries.values()) {
                if (e.state == State.QUEUED && (worst == null || before(worst, e, now))) {
                    worst = e;
                }
            }
            entries.remove(worst.key);
            dropped++;
            out.add(worst.key);
        }
        return out;
    }

    /** Gives free slots to the waiting jobs that go first; returns what to start or resume. */
    public List<Start<J>> take() {
        List<Start<J>> out = new ArrayList<>();
        long now = clock.nowMs();
        int slotsNow = slotsNow();
        while (busy < slotsNow) {
            Entry best = null;
            boolean viewerWork = viewerWork();
            for (Entry e : entries.values()) {
                if (e.waiting() && e.asks.size() > 0 && !e.parkedForRescue() && !(viewerWork && e.upgradeOnly())
                        && (best == null || before(e, best, now))) {
                    best = e;
                }
            }
            if (best == null) {
                break;
            }
            best = firstSegmentFor(best, now, viewerWork);
            boolean resumed = best.state == State.PAUSED;
            if (!resumed) {
                best.tier = best.rescueOf != null ? RenderTier.DRAFT : best.named != null ? best.named : tierFor(best, now);
                best.startedMs = now;
                best.lastSegmentMs = now;
                if (best.tier != RenderTier.FULL) {
                    drafts++;
                }
            }
            best.state = State.RENDERING;
            best.pauseAsked = false;
            best.forFirst = false;
            best.forNeed = false;
            busy++;
            out.add(new Start<>(best.key, best.job, best.onDemand(), resumed, best.tier, best.rescueOf));
        }
        return out;
    }

    /**
     * Whether any job other than an upgrade renders or waits to (a full render parked for its
     * rescue aside: the rescue stands for it). Upgrades are background work: they neither start
     * nor go on beside a viewer's render, which on a machine with no core to spare would only
     * slow that render down.
     */
    private boolean viewerWork() {
        for (Entry e : entries.values()) {
            if (!e.upgradeOnly() && !e.asks.isEmpty() && !e.parkedForRescue()) {
                return true;
            }
        }
        return false;
    }

    private long parkedUpgrades() {
        return entries.values().stream().filter(o -> o.state == State.PAUSED && o.upgradeOnly()).count();
    }

    /** Upgrades parked at once, at most; one more that must yield is dropped instead (its draft stays stored, and the next viewer to need the visit asks again). */
    public static final int MAX_PARKED_UPGRADES = 2;

    private boolean before(Entry a, Entry b, long now) {
        boolean da = a.onDemand();
        if (da != b.onDemand()) {
            return da;
        }
        if (da) {
            // Earliest need first: a job that has made segments already is needed a segment later for each.
            return byNeed(a, b) < 0;
        }
        int byScore = Double.compare(a.score(now), b.score(now));
        return byScore != 0 ? byScore > 0 : a.seq < b.seq;
    }

    /**
     * The running jobs that should pause before their next frame so that waiting jobs get
     * a slot. Each key is returned once; tell the job, then call {@link #yieldNow(String)} at its
     * boundary.
     * <ul>
     * <li>For each on-demand job waiting beyond the free slots, a running speculative job, the
     *     lowest-scored first (upgrades, then viewers' guesses), and after those a full render
     *     whose rescue waits for its slot; at most as many viewers' jobs parked at once as there
     *     are slots.</li>
     * <li>Every running upgrade while any viewer's job renders or waits: an upgrade only improves
     *     what viewers already have, so it runs when nothing else does (at most
     *     {@link #MAX_PARKED_UPGRADES} are parked; one more is dropped).</li>
     * <li>A full render whose rescue renders: the two would share the machine, and the rescue is
     *     what its viewers need first.</li>
     * </ul>
     */
    public List<String> toPause() {
        long now = clock.nowMs();
        long free = Math.max(0, slotsNow() - busy);
        long onDemandWaiting = entries.values().stream().filter(Entry::waitingViewerJob).count();
        long alreadyAsked = entries.values().stream().filter(e -> e.state == State.RENDERING && e.pauseAsked).count();
        long paused = entries.values().stream().filter(e -> e.state == State.PAUSED && !e.upgradeOnly() && !e.forFirst && !e.forNeed).count();
        long room = slots - paused - alreadyAsked;
        List<String> out = new ArrayList<>();
        long forOnDemand = Math.min(onDemandWaiting - free - alreadyAsked, room);
        List<Entry> candidates = new ArrayList<>(entries.values().stream()
                .filter(e -> e.state == State.RENDERING && !e.pauseAsked && !e.onDemand()).toList());
        candidates.sort((a, b) -> before(a, b, now) ? 1 : before(b, a, now) ? -1 : 0);
        // Then full renders whose rescue waits for a slot: the draft of the same visit is what their viewers need first.
        entries.values().stream().filter(e -> e.state == State.RENDERING && !e.pauseAsked && e.onDemand() && e.parkedForRescue()
                && entries.get(e.rescue).state == State.QUEUED).sorted((a, b) -> Long.compare(a.seq, b.seq)).forEach(candidates::add);
        for (Entry e : candidates) {
            if (out.size() >= forOnDemand) {
                break;
            }
            e.pauseAsked = true;
            out.add(e.key);
        }
        pauseForSoonerNeeds(Math.max(0, free) + alreadyAsked + out.size(), out);
        pauseForFirstSegments(now, Math.max(0, free - onDemandWaiting), out);
        // Upgrades are background work: each running one pauses while a viewer's job renders or waits.
        if (viewerWork()) {
            for (Entry e : entries.values()) {
                if (e.state == State.RENDERING && !e.pauseAsked && e.upgradeOnly()) {
                    e.pauseAsked = true;
                    out.add(e.key);
                }
            }
        }
        // A full render whose rescue now renders waits for it: the draft is what its viewers need first,
        // and the two would only share the machine.
        for (Entry e : entries.values()) {
            if (e.state == State.RENDERING && !e.pauseAsked && e.parkedForRescue() && entries.get(e.rescue).state == State.RENDERING) {
                e.pauseAsked = true;
                out.add(e.key);
            }
        }
        return out;
    }

    /**
     * Earliest need first among viewers' jobs, segment by segment: a running on-demand job whose
     * next segment is needed later than a waiting one's pauses for it. A job is otherwise never
     * paused for another viewer's, so the visits picked at one choice were made one whole visit
     * after another: the viewer whose visit came last waited for every segment of the others,
     * though each of their viewers had a segment to watch meanwhile. Needs only move when a
     * segment is made, so a job changes hands at most once a segment. {@code served} waiting jobs
     * (the earliest needs) get the slots free or being freed already; at most
     * {@link #MAX_PARKED_FOR_NEED} are parked so.
     */
    private void pauseForSoonerNeeds(long served, List<String> out) {
        long parked = entries.values().stream().filter(e -> e.forNeed).count();
        List<Entry> waiting = new ArrayList<>(entries.values().stream().filter(Entry::waitingViewerJob).toList());
        waiting.sort(RenderScheduler::byNeed);
        List<Entry> running = new ArrayList<>(entries.values().stream().filter(e -> e.state == State.RENDERING && !e.pauseAsked && e.onDemand()
                && !e.parkedForRescue() && !e.allMade()).toList());
        running.sort((a, b) -> byNeed(b, a)); // the one needed last gives way first
        for (Entry w : waiting.subList((int) Math.min(waiting.size(), served), waiting.size())) {
            if (parked >= MAX_PARKED_FOR_NEED || running.isEmpty() || running.get(0).nextNeed() <= w.nextNeed()) {
                break;
            }
            Entry r = running.remove(0);
            r.pauseAsked = true;
            r.forNeed = true;
            out.add(r.key);
            parked++;
        }
    }

    private static int byNeed(RenderScheduler<?>.Entry a, RenderScheduler<?>.Entry b) {
        int byNeed = Long.compare(a.nextNeed(), b.nextNeed());
        return byNeed != 0 ? byNeed : Long.compare(a.seq, b.seq);
    }

    /** Viewers' jobs parked at once so that others needed sooner render first, at most. */
    public static final int MAX_PARKED_FOR_NEED = 3;

    /** Whether a viewer's job waits whose next segment is needed before {@code e}'s. */
    private boolean soonerWaiting(Entry e) {
        return entries.values().stream().anyMatch(w -> w != e && w.waitingViewerJob() && byNeed(w, e) < 0);
    }

    /**
     * First segments first: a running guess that has made its first segment pauses for a waiting
     * guess (at least {@link #FIRST_SEGMENT_PROBABILITY} likely) that has none yet and is needed
     * before the running one's next segment, when there is time for both. The options of a choice
     * all open at once; a viewer who picks one has a stall unless its first segment is stored, and
     * one segment of each option is what the bridge and the buffer cannot hide. The one the viewer
     * picks then goes on from a segment ahead. At most {@link #MAX_PARKED_FOR_FIRST} are parked so.
     */
    private void pauseForFirstSegments(long now, long free, List<String> out) {
        long parked = entries.values().stream().filter(e -> e.forFirst).count();
        List<Entry> fresh = new ArrayList<>(entries.values().stream().filter(w -> w.state == State.QUEUED && w.freshGuess()).toList());
        fresh.sort((a, b) -> before(a, b, now) ? -1 : before(b, a, now) ? 1 : 0); // the order take() gives them slots in
        List<Entry> running = new ArrayList<>(entries.values().stream().filter(r -> r.state == State.RENDERING && !r.pauseAsked
                && r.startedGuess()).toList());
        running.sort((a, b) -> Long.compare(b.nextNeed(), a.nextNeed())); // the one needed last gives way first
        for (Entry w : fresh.subList((int) Math.min(fresh.size(), free), fresh.size())) {
            if (parked >= MAX_PARKED_FOR_FIRST || running.isEmpty()) {
                break;
            }
            for (Entry r : running) {
                if (firstBefore(w, r, now)) {
                    r.pauseAsked = true;
                    r.forFirst = true;
                    out.add(r.key);
                    running.remove(r);
                    parked++;
                    break;
                }
            }
        }
    }

    /**
     * Whether the guess {@code w}, with no segment yet, goes before the guess {@code r}, which has
     * made its first: {@code w} is needed before {@code r}'s next segment, and both {@code w}'s
     * first segment and {@code r}'s next are estimated to be made before that one is needed.
     */
    private boolean firstBefore(Entry w, Entry r, long now) {
        if (!w.freshGuess() || !r.startedGuess() || w.deadline() >= r.nextNeed()) {
            return false;
        }
        RenderTier tier = w.named != null ? w.named : ladder ? RenderTier.DRAFT : RenderTier.FULL;
        double first = speed.estimateMs(tier, w.cost.upTo(tier, 0));
        double next = speed.estimateMs(r.tier, r.cost.upTo(r.tier, r.segmentsDone) - r.cost.upTo(r.tier, r.segmentsDone - 1));
        return now + SAFETY * (first + next) <= r.nextNeed();
    }

    /**
     * {@code best}, or, when it is a guess that has made its first segment and a waiting guess
     * with none {@link #firstBefore goes before it}, the first of those. Chosen after the plain
     * order, not inside it: "goes before" only relates guesses with no segment to guesses with
     * some, so mixed into the order it would not be one, and the job a scan picked would depend
     * on where in the scan each stood (a guess paused for another's first segment could be picked
     * again at once, and paused again, without end).
     */
    private Entry firstSegmentFor(Entry best, long now, boolean viewerWork) {
        if (!best.startedGuess()) {
            return best;
        }
        Entry first = null;
        for (Entry w : entries.values()) {
            if (w.state == State.QUEUED && firstBefore(w, best, now) && !(viewerWork && w.upgradeOnly())
                    && (first == null || before(w, first, now))) {
                first = w;
            }
        }
        return first == null ? best : first;
    }

    /** How likely a waiting guess must be for a running one to pause so that it renders its first segment. */
    static final double FIRST_SEGMENT_PROBABILITY = 0.1;
    /** Guesses parked at once to let others render their first segment, at most. */
    public static final int MAX_PARKED_FOR_FIRST = 3;

    /**
     * A running job reached its pause point (before a frame, or after a segment) after being asked to pause: returns true when it
     * should pause now (it is still speculative), and frees its slot; false when it should go on
     * (a viewer asked for it meanwhile, or it was not asked to pause). A job that nobody asks for
     * any more is dropped instead of paused: {@link #state} no longer knows it, and its render
     * should stop.
     */
    public boolean yieldNow(String key) {
        Entry e = entries.get(key);
        if (e == null || e.state != State.RENDERING || !e.pauseAsked) {
            return false;
        }
        e.pauseAsked = false;
        if (e.onDemand() && !e.parkedForRescue() && !(e.forNeed && !e.allMade() && soonerWaiting(e))) {
            e.forFirst = false; // a viewer asked for it meanwhile, or the job needed sooner got a slot: it goes on
            e.forNeed = false;
            return false;
        }
        busy--;
        pauses++;
        e.pausedOnce = true;
        if (e.upgradeOnly() && parkedUpgrades() >= MAX_PARKED_UPGRADES) {
            e.asks.clear(); // dropped rather than parked: see MAX_PARKED_UPGRADES
        }
        if (e.asks.isEmpty()) {
            entries.remove(key);
            dropped++;
        } else {
            e.state = State.PAUSED;
        }
        return true;
    }

    /** A rendering job finished (or failed): frees its slot and forgets it. Returns the askers it had. */
    public List<String> finished(String key) {
        Entry e = entries.get(key);
        if (e == null || e.state != State.RENDERING) {
            throw new IllegalStateException("no job is rendering for " + key);
        }
        entries.remove(key);
        busy--;
        if (e.rescue != null) {
            Entry r = entries.get(e.rescue);
            if (r != null && r.state == State.QUEUED) {
                entries.remove(r.key); // the full render won the race: its rescue is of no more use
            }
        }
        return List.copyOf(e.asks.keySet());
    }

    /**
     * A rescue draft finished (call before {@link #finished}): the full render it rescued, if still
     * held, now only upgrades what is stored, so it yields to viewers' renders and is never rescued
     * again. Returns the key of that full render, whose askers the rescue answers; null when
     * {@code key} is no rescue or its full render is gone.
     */
    public String rescueDone(String key) {
        Entry r = entries.get(key);
        if (r == null || r.rescueOf == null) {
            return null;
        }
        Entry full = entries.get(r.rescueOf);
        if (full == null) {
            return null;
        }
        full.asks.clear();
        full.asks.put(UPGRADE, new Ask(UPGRADE, false, UPGRADE_PROBABILITY, Long.MAX_VALUE));
        if (full.state == State.PAUSED && parkedUpgrades() > MAX_PARKED_UPGRADES) {
            entries.remove(full.key); // parked for its rescue, now one upgrade too many: dropped (see MAX_PARKED_UPGRADES)
            dropped++;
        }
        return full.key;
    }

    /** Whether every ask for {@code key} named the draft tier: nobody needs its full tier yet, so none follows it. */
    public boolean draftOnly(String key) {
        Entry e = entries.get(key);
        return e != null && e.named == RenderTier.DRAFT;
    }

    /** The key of the full render a held rescue job rescues; null for any other key. */
    public String rescueOf(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.rescueOf;
    }

    /** Where the job of a key stands, if the scheduler holds one. */
    public Optional<State> state(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.state);
    }

    /** Whether the job of a key has an on-demand ask. */
    public boolean onDemand(String key) {
        Entry e = entries.get(key);
        return e != null && e.onDemand();
    }

    /** The combined probability of a job (0 when not held). */
    public double probability(String key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.probability();
    }

    /** The earliest deadline of a job's askers ({@link Long#MAX_VALUE} when not held or none). */
    public long deadline(String key) {
        Entry e = entries.get(key);
        return e == null ? Long.MAX_VALUE : e.deadline();
    }

    /** For each of these keys the scheduler holds, {@code queued} or {@code rendering}; keys not held are left out. */
    public Map<String, String> status(Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            Entry e = entries.get(k);
            if (e != null) {
                out.put(k, e.state.word());
            }
        }
        return out;
    }

    /** Jobs waiting for a slot, paused ones included. */
    public int queued() {
        return (int) entries.values().stream().filter(Entry::waiting).count();
    }

    /** Jobs rendering now. */
    public int rendering() {
        return busy;
    }

    /** Jobs dropped because every asker withdrew, since the start. */
    public long dropped() {
        return dropped;
    }

    /** Times a speculative job paused for an on-demand one, since the start. */
    public long pauses() {
        return pauses;
    }

    /** Every key held and where its job stands. */
    public Map<String, State> held() {
        Map<String, State> out = new HashMap<>();
        entries.forEach((k, e) -> out.put(k, e.state));
        return out;
    }
}
