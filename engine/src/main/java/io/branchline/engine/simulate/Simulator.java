package io.branchline.engine.simulate;

import io.branchline.engine.predict.ChoicePredictor;
import io.branchline.engine.predict.SpeculationPolicy;
import io.branchline.engine.render.VisitRequests;
import io.branchline.engine.schedule.RenderScheduler;
import io.branchline.engine.schedule.VisitCost;
import io.branchline.engine.session.Played;
import io.branchline.engine.session.Session;
import io.branchline.renderer.RenderTier;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.eval.ViewerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A discrete-event simulation of viewers watching a story while a render farm renders it, in
 * virtual time (milliseconds). Every viewer runs a real {@link Session}. A visit, identified by
 * the scene entered and the viewer's state before it, is one render job shared by every viewer
 * (and kept once rendered); a viewer whose video reaches a visit not yet playable waits (a stall).
 * A visit is playable once its first segment is rendered if the rest is sure to keep ahead of
 * the player (an on-demand render, which is never paused, at real time or faster), otherwise
 * once it is wholly rendered ({@link SimOptions#wholeVisit()} asks for the latter always).
 *
 * <p>The order of the render jobs is the engine's own {@link RenderScheduler}, on the simulated
 * clock: every ask carries its viewer, the probability that the viewer needs the visit and the
 * deadline (when the viewer's current video ends, less the fetch margin); a viewer withdraws its
 * speculative asks for the options it did not take; a speculative render pauses at a segment
 * boundary when an on-demand job waits. A visit's render cost is spread over its segments in
 * proportion to their video time. Deterministic for a seed: each viewer's behaviour comes from
 * its own random stream, so every policy sees the same viewers doing the same things.
 *
 * <p>The render ladder ({@link SimOptions#ladder()}) is the scheduler's too: every ask carries
 * the visit's {@link VisitCost}, worked out from the request the engine would make; a job renders
 * at the tier the scheduler gives it, taking the time {@link TierTimes} says (the cost model at
 * full quality, the reference cost's draft or rough proportion below it, all times
 * {@link SimOptions#load()}); each finished segment is reported to the scheduler, which so
 * measures the loaded speed; after a draft or a rough render the full tier is asked for as an
 * upgrade. The figures count rough renders and rough seconds watched with the drafts. A viewer sees each segment at the best tier
 * stored when its player reaches it ({@link TierProgress}).
 */
public final class Simulator {

    /** A visit: the scene entered and the state before it. */
    public record VisitKey(String scene, ViewerState before) {
    }

    /** Where asset paths would be read from: the reference cost needs none of them. */
    private static final Path STORY_ROOT = Path.of(".");

    private final Evaluator evaluator;
    private final String storyId;
    private final SimOptions options;
    private final CostModel cost;
    private final VisitGraph graph;

    public Simulator(Evaluator evaluator, String storyId, SimOptions options) {
        this.evaluator = evaluator;
        this.storyId = storyId;
        this.options = options;
        this.cost = new CostModel(options.speed());
        this.graph = new VisitGraph(evaluator);
    }

    /** Runs every policy given on the same viewers. */
    public List<PolicyResult> runAll(List<Policy> policies) {
        List<PolicyResult> out = new ArrayList<>();
        for (Policy p : policies) {
            out.add(run(p));
        }
        return out;
    }

    /** Runs one policy. */
    public PolicyResult run(Policy policy) {
        return new Run(policy).go();
    }

    /** What the eager policy renders: every visit reachable from the start, breadth first, at most {@code limit}. */
    public List<VisitKey> reachable(int limit) {
        return graph.reachable(limit);
    }

    /** One visit's render job, at whichever tier the scheduler gives it (and its upgrade after a draft). */
    private static final class Job {
        final String id;
        final VisitKey key;
        final long videoMs;
        final long costMs;
        final int segments;
        final long segmentMs;
        final VisitCost reference;
        final TierTimes times;
        final TierProgress progress;
        RenderTier tier = RenderTier.FULL;
        int segmentsDone;
        boolean running;
        final List<Viewer> waiters = new ArrayList<>();

        Job(String id, VisitKey key, long videoMs, long costMs, long segmentMs, VisitCost reference, double load) {
            this.id = id;
            this.key = key;
            this.videoMs = videoMs;
            this.costMs = costMs;
            this.segmentMs = segmentMs;
            this.segments = (int) Math.max(1, (videoMs + segmentMs - 1) / segmentMs);
            this.reference = reference;
            this.times = TierTimes.of(costMs, videoMs, segmentMs, segments, reference, load);
            this.progress = new TierProgress(segments);
        }

        /** Nothing to render (no video), or some tier wholly stored: a viewer plays it without asking for a render. */
        boolean stored() {
            return costMs == 0 || progress.stored();
        }

        /** The render time of the running tier's next segment. */
        long nextSegmentMs() {
            return times.segment(tier, segmentsDone);
        }

        long videoOf(int n) {
            return Math.min(videoMs, n * segmentMs);
        }
    }

    /** A planned pick for a choice visit: the media time and the option, or a timeout. */
    private record Plan(long atMs, int option) {
    }

    /** One viewer and its player. */
    private final class Viewer {
        final int number;
        final Random random;
        Session session;
        int known;           // timeline entries already seen
        int idx;             // the visit playing or waited for
        boolean waiting = true;
        long waitSince;
        long wallStart;      // wall time the visit idx started playing
        boolean afterDecision;
        RenderTier following; // the tier of the render the player started the visit idx from
        Plan plan;
        int planFor = -1;
        boolean done;
        /** The visits this viewer asked for speculatively at its open choice. */
        final Set<VisitKey> speculated = new HashSet<>();

        Viewer(int number, long seed) {
            this.number = number;
            this.random = new Random(seed);
        }
    }

    private final class Run {
        final Policy policy;
        final Map<VisitKey, Job> jobs = new LinkedHashMap<>();
        final Map<VisitKey, SceneVisit> visits = new HashMap<>();
        final RenderScheduler<Job> scheduler = new RenderScheduler<>(options.renderSlots(), () -> this.now);
        final PriorityQueue<long[]> events = new PriorityQueue<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        final List<Runnable> actions = new ArrayList<>();
        final ChoicePredictor predictor = new ChoicePredictor();
        List<VisitKey> eagerSet;
        long now;
        long partialMs;
        long seq;
        long choices;
        long stalledChoices;
        long stallMs;
        long startWaitMs;
        long watchedMs;
        long watchedDraftMs;
        long stalls;
        long fullWorkMs;
        long draftWorkMs;
        long jobsDone;
        long draftsDone;
        long upgradesDone;
        final List<Long> latencies = new ArrayList<>();

        Run(Policy policy) {
            this.policy = policy;
            scheduler.ladder(options.ladder());
        }

        void at(long time, Runnable r) {
            actions.add(r);
            events.add(new long[] {time, seq++, actions.size() - 1});
        }

        PolicyResult go() {
            Random arrivals = new Random(options.seed());
            long t = 0;
            for (int i = 0; i < options.viewers(); i++) {
                if (i > 0) {
                    t += Math.round(-Math.log(1 - arrivals.nextDouble()) * options.arrivalSeconds() * 1000);
                }
                Viewer v = new Viewer(i, options.seed() * 1_000_003L + i * 7919L + 17);
                at(t, () -> arrive(v));
            }
            while (!events.isEmpty()) {
                long[] e = events.poll();
                now = e[0];
                Runnable r = actions.get((int) e[2]);
                actions.set((int) e[2], null);
                r.run();
            }
            long rendered = partialMs;
            long waste = partialMs;
            for (Job j : jobs.values()) {
                for (RenderTier tier : RenderTier.values()) {
                    if (j.progress.whole(tier)) {
                        rendered += j.videoMs;
                        if (!j.progress.watched(tier)) {
                            waste += j.videoMs;
                        }
                    }
                }
            }
            long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new PolicyResult(policy, options.viewers(), choices, stalledChoices, stallMs / 1000.0,
                    startWaitMs / 1000.0, watchedMs / 1000.0, pct(lat, 50), pct(lat, 95), pct(lat, 99),
                    rendered / 1000.0, waste / 1000.0, jobsDone, now / 1000.0, scheduler.dropped(), scheduler.pauses(),
                    options.ladder(), stalls, watchedDraftMs / 1000.0, fullWorkMs / 1000.0, draftWorkMs / 1000.0,
                    draftsDone, upgradesDone, scheduler.speed().ratio(RenderTier.FULL));
        }

        // ---- render farm ----

        SceneVisit visit(VisitKey k) {
            return visits.computeIfAbsent(k, key -> evaluator.enter(key.scene(), key.before()));
        }

        /** Asks for a visit on behalf of {@code asker}; returns its job (done at once when it has nothing to render). */
        Job request(VisitKey key, String asker, boolean onDemand, double probability, long deadlineMs) {
            Job j = jobs.get(key);
            if (j == null) {
                SceneVisit v = visit(key);
                VisitCost reference = VisitCost.of(VisitRequests.served(STORY_ROOT, evaluator.story(), v.shots()));
                j = new Job("v" + jobs.size(), key, v.videoMs(), cost.costMs(v), evaluator.story().segmentMs(), reference,
                        options.load());
                jobs.put(key, j);
                if (j.costMs == 0) {
                    jobsDone++;
                    return j;
                }
            }
            if (!j.stored()) {
                scheduler.ask(j.id, j, j.reference, new RenderScheduler.Ask(asker, onDemand, probability, deadlineMs));
                scheduler.toPause(); // the paused jobs yield at their next segment boundary (segmentDone)
                dispatch();
            }
            return j;
        }

        /** The asker no longer needs the visit; a job nobody needs is dropped, and what it had rendered is wasted. */
        void withdraw(VisitKey key, String asker) {
            Job j = jobs.get(key);
            if (j != null && !j.stored() && scheduler.withdraw(j.id, asker)) {
                partialMs += j.videoOf(j.segmentsDone);
                j.segmentsDone = 0;
                dispatch();
            }
        }

        void dispatch() {
            for (RenderScheduler.Start<Job> start : scheduler.take()) {
                Job j = start.job();
                j.running = true;
                j.tier = start.tier();
                at(now + j.nextSegmentMs(), () -> segmentDone(j));
            }
        }

        void segmentDone(Job j) {
            long took = j.nextSegmentMs();
            if (j.tier == RenderTier.FULL) {
                fullWorkMs += took;
            } else {
                draftWorkMs += took;
            }
            j.progress.stored(j.tier, j.segmentsDone, now);
            scheduler.segmentDone(j.id, j.segmentsDone); // the scheduler measures how fast renders go, as in the engine
            j.segmentsDone++;
            scheduler.toPause(); // as the engine asks after every segment: a guess with its first segment may give way to one with none
            if (j.segmentsDone >= j.segments) {
                scheduler.finished(j.id);
                j.running = false;
                j.segmentsDone = 0;
                jobsDone++;
                if (j.tier != RenderTier.FULL) {
                    draftsDone++;
                    // the draft was for whoever could not wait; the full tier follows for those who come after
                    scheduler.upgradeLater(j.id, j, j.reference);
                } else if (j.progress.wholeBelowFull()) {
                    upgradesDone++;
                }
                j.progress.finished(j.tier);
            } else if (scheduler.yieldNow(j.id)) {
                j.running = false;
                if (scheduler.state(j.id).isEmpty()) { // nobody wanted it any more: dropped, not paused
                    partialMs += j.videoOf(j.segmentsDone);
                    j.segmentsDone = 0;
                }
            } else {
                at(now + j.nextSegmentMs(), () -> segmentDone(j));
            }
            List<Viewer> woken = new ArrayList<>(j.waiters);
            j.waiters.clear();
            for (Viewer v : woken) {
                step(v);
            }
            dispatch();
        }

        /**
         * Whether a viewer can start a visit now: rendered, or its first segment is and the rest
         * keeps ahead of the player (an on-demand render, never paused, at real time or faster).
         */
        boolean playable(Job j) {
            return j.stored() || !options.wholeVisit() && j.running && j.segmentsDone >= 1 && scheduler.onDemand(j.id)
                    && j.times.total(j.tier) <= j.videoMs;
        }

        /** The tier the player follows when it starts a visit now: the best stored, else the render running. */
        RenderTier following(Job j) {
            RenderTier best = j.progress.best();
            return best != null ? best : j.costMs == 0 ? RenderTier.FULL : j.tier;
        }

        /**
         * A viewer played {@code p} to its end: counts its video, each segment by the best tier
         * stored when the player reached it.
         */
        void played(Viewer v, Played p) {
            long length = p.endMs() - p.startMs();
            watchedMs += length;
            Job j = jobs.get(new VisitKey(p.entered(), p.before()));
            if (length <= 0) {
                j.progress.watchedAt(v.following);
                return;
            }
            for (int s = 0; (long) s * j.segmentMs < length; s++) {
                long from = (long) s * j.segmentMs;
                RenderTier seen = j.progress.seen(s, v.wallStart + from, v.following);
                j.progress.watchedAt(seen);
                if (seen != RenderTier.FULL) {
                    watchedDraftMs += Math.min(j.segmentMs, length - from);
                }
            }
        }

        // ---- policies ----

        /** A visit was appended to a viewer's timeline: asks for it, withdraws the options not taken, renders ahead. */
        void appended(Viewer v, Played p) {
            VisitKey key = new VisitKey(p.entered(), p.before());
            String asker = "viewer-" + v.number;
            for (VisitKey k : v.speculated) {
                if (!k.equals(key)) {
                    withdraw(k, asker);
                }
            }
            v.speculated.clear();
            request(key, asker, true, 1, wallAt(v, p.startMs()) - RenderScheduler.FETCH_MARGIN_MS);
            if (policy == Policy.NEXT_LEVEL || policy == Policy.PREDICTIVE) {
                SceneVisit visit = visit(key);
                if (visit.terminal() instanceof Terminal.Choice || visit.terminal() instanceof Terminal.Ask) {
                    Map<VisitKey, Double> next = policy == Policy.PREDICTIVE && visit.terminal() instanceof Terminal.Choice c
                            ? predicted(visit, c) : evenly(graph.successors(visit));
                    long deadline = wallAt(v, p.endMs()) - RenderScheduler.FETCH_MARGIN_MS;
                    next.forEach((k, probability) -> {
                        v.speculated.add(k);
                        request(k, asker, false, probability, deadline);
                    });
                }
            }
        }

        /** Every next visit, equally likely: next-level knows nothing of the viewers. */
        Map<VisitKey, Double> evenly(List<VisitKey> next) {
            Map<VisitKey, Double> out = new LinkedHashMap<>();
            next.forEach(k -> out.merge(k, 1.0 / next.size(), Double::sum));
            return out;
        }

        /** The wall (simulated) time at which the viewer's player reaches media time {@code mediaMs}, if it plays on from now. */
        long wallAt(Viewer v, long mediaMs) {
            List<Played> tl = v.session.timeline();
            if (v.idx >= tl.size()) {
                return now;
            }
            long playingFrom = v.waiting ? now : v.wallStart;
            return playingFrom + (mediaMs - tl.get(v.idx).startMs());
        }

        /** The options' next visits with their predicted probabilities, as the engine's {@link SpeculationPolicy} plans them. */
        Map<VisitKey, Double> predicted(SceneVisit visit, Terminal.Choice c) {
            SpeculationPolicy.Plan plan = new SpeculationPolicy(predictor, options.predictiveCover()).plan(storyId, visit);
            Integer[] order = new Integer[plan.probabilities().length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(plan.probabilities()[b], plan.probabilities()[a]));
            Map<VisitKey, Double> out = new LinkedHashMap<>();
            for (int i : order) {
                VisitKey k = plan.ahead()[i] ? VisitGraph.taken(evaluator.choose(visit, i)) : null;
                if (k != null) {
                    out.merge(k, plan.probabilities()[i], Double::sum);
                }
            }
            return out;
        }

        // ---- viewers ----

        void arrive(Viewer v) {
            v.session = Session.start("sim-" + v.number, storyId, evaluator);
            v.waitSince = now;
            sync(v, 0);
            if (policy == Policy.EAGER) {
                if (eagerSet == null) {
                    eagerSet = reachable(options.eagerLimit());
                }
                for (VisitKey k : eagerSet) {
                    request(k, "eager", false, 1, Long.MAX_VALUE);
                }
            }
            step(v);
        }

        /** Lets the session catch up to media time {@code mediaMs} and asks for whatever it appended. */
        void sync(Viewer v, long mediaMs) {
            v.session.advance(mediaMs);
            List<Played> tl = v.session.timeline();
            while (v.known < tl.size()) {
                appended(v, tl.get(v.known++));
            }
        }

        /** Moves a viewer on as far as it can at the current time, and schedules what comes next. */
        void step(Viewer v) {
            while (!v.done) {
                List<Played> tl = v.session.timeline();
                if (v.waiting) {
                    if (v.idx >= tl.size()) {
                        return; // should not happen: a visit is always there to wait for
                    }
                    Played p = tl.get(v.idx);
                    Job j = request(new VisitKey(p.entered(), p.before()), "viewer-" + v.number, true, 1, now);
                    if (!playable(j)) {
                        if (!j.waiters.contains(v)) {
                            j.waiters.add(v);
                        }
                        return;
                    }
                    long waited = now - v.waitSince;
                    if (v.idx == 0) {
                        startWaitMs += waited;
                    } else {
                        stallMs += waited;
                        if (waited > 0) {
                            stalls++;
                        }
                        if (v.afterDecision) {
                            choices++;
                            latencies.add(waited);
                            if (waited > 0) {
                                stalledChoices++;
                            }
                        }
                    }
                    v.following = following(j);
                    v.waiting = false;
                    v.wallStart = now;
                    sync(v, p.startMs());
                    continue;
                }
                Played p = tl.get(v.idx);
                long media = p.startMs() + (now - v.wallStart);
                boolean last = v.idx == tl.size() - 1;
                long end = p.endMs();
                long[] w = last && !v.session.ended() ? v.session.window() : null;
                if (w != null) {
                    end = Math.max(end, w[1]);
                    if (v.planFor != v.idx) {
                        v.plan = plan(v, w);
                        v.planFor = v.idx;
                    }
                    if (v.plan != null && media >= v.plan.atMs()) {
                        int option = v.plan.option();
                        v.plan = null;
                        Terminal.Choice c = (Terminal.Choice) v.session.current().terminal();
                        SceneVisit before = v.session.current();
                        if (v.session.choose(option, media).status() < 300) {
                            teach(before, c, option);
                        }
                        sync(v, media);
                        continue;
                    }
                }
                if (media >= end) {
                    if (last) {
                        SceneVisit before = v.session.current();
                        boolean open = w != null;
                        sync(v, end);
                        if (open && before.terminal() instanceof Terminal.Choice c) {
                            teach(before, c, c.defaultIndex());
                        }
                        tl = v.session.timeline();
                        if (v.idx == tl.size() - 1) {
                            if (v.session.ended()) {
                                played(v, p);
                                v.done = true;
                                for (VisitKey k : v.speculated) {
                                    withdraw(k, "viewer-" + v.number);
                                }
                                v.speculated.clear();
                                return;
                            }
                            return; // nothing follows and nothing ended: cannot go on
                        }
                        p = tl.get(v.idx);
                    }
                    played(v, p);
                    v.afterDecision = decides(p);
                    v.idx++;
                    v.waiting = true;
                    v.waitSince = now;
                    continue;
                }
                long next = end;
                if (v.plan != null && v.planFor == v.idx) {
                    next = Math.min(next, v.plan.atMs());
                }
                at(v.wallStart + (next - p.startMs()), () -> step(v));
                return;
            }
        }

        boolean decides(Played p) {
            Terminal t = visit(new VisitKey(p.entered(), p.before())).terminal();
            return t instanceof Terminal.Choice || t instanceof Terminal.Ask;
        }

        void teach(SceneVisit visit, Terminal.Choice c, int option) {
            if (policy == Policy.PREDICTIVE) {
                predictor.picked(storyId, visit.scene(), c.options().get(option).target());
            }
        }

        /** When and what the viewer picks, or null to let the timer run out. */
        Plan plan(Viewer v, long[] w) {
            if (!(v.session.current().terminal() instanceof Terminal.Choice c)) {
                return null; // questions time out
            }
            double roll = v.random.nextDouble();
            double when = v.random.nextDouble();
            double which = v.random.nextDouble();
            if (roll < options.timeoutChance()) {
                return null;
            }
            long at = w[0] + (long) Math.floor(when * Math.max(0, w[1] - w[0] - 1));
            return new Plan(at, pick(c.options(), which));
        }

        int pick(List<Terminal.ShownOption> shown, double u) {
            double[] weights = new double[shown.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Math.max(0, shown.get(i).weight());
            }
            if (options.disagree()) {
                Integer[] order = new Integer[weights.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                double[] w0 = weights.clone();
                Arrays.sort(order, (a, b) -> Double.compare(w0[b], w0[a]));
                for (int r = 0; r < order.length; r++) {
                    weights[order[r]] = w0[order[order.length - 1 - r]];
                }
            }
            double total = Arrays.stream(weights).sum();
            if (total <= 0) {
                return (int) Math.min(weights.length - 1, Math.floor(u * weights.length));
            }
            double x = u * total;
            for (int i = 0; i < weights.length; i++) {
                x -= weights[i];
                if (x < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }
}
