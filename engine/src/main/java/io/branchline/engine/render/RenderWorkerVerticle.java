package io.branchline.engine.render;

import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.schedule.RenderScheduler;
import io.branchline.engine.schedule.VisitCost;
import io.branchline.renderer.RenderTier;
import io.branchline.renderer.RenderCancelled;
import io.branchline.renderer.RenderException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A render worker: takes render jobs from the event bus and runs them on worker threads in
 * the order a {@link RenderScheduler} gives, at most {@code slots} at a time, in wall-clock
 * time. Thin: the order is the scheduler's, the rendering a plain {@link RenderFunction}.
 *
 * <p>Besides {@link RenderAddresses#JOBS} it hears {@link RenderAddresses#WITHDRAW} (a session
 * no longer needs some keys: its asks are answered with {@link RenderAddresses#WITHDRAWN} and
 * a job nobody asks for any more is dropped) and answers {@link RenderAddresses#STATUS}.
 * A speculative render the scheduler asks to make room for an on-demand one parks its worker
 * thread at its next frame (see {@link PauseGate}) and goes on when given a slot
 * again, or stops when it is dropped meanwhile.
 *
 * <p>Renders run on threads of the worker's own ({@link RenderThreads}), each with a cancel
 * token. {@link #stop()} answers the queued jobs {@link RenderAddresses#SHUTTING_DOWN}, cancels
 * the running ones (they stop at their next frame, keep nothing and are answered {@link
 * RenderAddresses#CANCELLED}), waits for their threads to end, at most {@value #STOP_WAIT_MS} ms,
 * and only then closes the models it was given: closing them under a running render crashes
 * the JVM.
 */
public final class RenderWorkerVerticle extends VerticleBase {

    private final RenderFunction render;
    private final EngineMetrics metrics;
    private final RenderScheduler<RenderJob> scheduler;
    /**
     * What other programs leave of the machine, sampled on the recheck timer: the scheduler's speed
     * and slots follow it. Null (the default, and in tests) leaves both to the configured slots and
     * the speed measured; {@link #followMachine()} turns it on.
     */
    private MachineCores cores;
    /** Every message waiting for a key's outcome, queued, paused or running. */
    private final Map<String, List<Message<RenderJob>>> askers = new HashMap<>();
    /** The pause gates of the renders started. */
    private final Map<String, PauseGate> gates = new HashMap<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final RenderThreads threads;
    private final AutoCloseable models;
    private volatile int queued;
    private long anonymous;
    /** How often running renders are looked at again for a rescue. */
    static final long RECHECK_MS = 500;
    private long recheckTimer = -1;
    /** Set by {@link #stop()}: no job is taken or started any more. */
    private boolean stopping;

    /** How long {@link #stop()} waits for running renders to reach a frame and end. */
    static final long STOP_WAIT_MS = 10_000;

    /** The most jobs that wait for a slot; {@code -Dbranchline.renderQueue} changes it. */
    static final int QUEUE_CAPACITY = Integer.getInteger("branchline.renderQueue", 64);

    public RenderWorkerVerticle(RenderFunction render, int slots) {
        this(render, slots, null);
    }

    /** With {@code metrics} (may be null): renders by reason, render time, queue depth, dropped and paused jobs. */
    public RenderWorkerVerticle(RenderFunction render, int slots, EngineMetrics metrics) {
        this(render, slots, metrics, null);
    }

    /**
     * With {@code models} (may be null), closed by {@link #stop()} once no render runs any more
     * (the render tools the render function uses).
     */
    public RenderWorkerVerticle(RenderFunction render, int slots, EngineMetrics metrics, AutoCloseable models) {
        if (slots < 1) {
            throw new IllegalArgumentException("a render worker needs at least one slot");
        }
        this.render = render;
        this.metrics = metrics;
        this.models = models;
        this.scheduler = new RenderScheduler<>(slots, System::currentTimeMillis, this::freeCores);
        // A parked render keeps its thread but not its slot; the scheduler parks at most as many viewers' renders as
        // slots, and a few upgrades (and the pool grows rather than let a started render wait for a thread).
        this.threads = new RenderThreads(2 * slots + RenderScheduler.MAX_PARKED_UPGRADES);
        if (metrics != null) {
            metrics.gauge("branchline_render_queue", "render jobs waiting for a slot", () -> queued);
            metrics.gauge("branchline_render_slots_now", "renders run at once now: the configured slots, at most the cores other programs"
                    + " leave free", scheduler::slotsNow);
            metrics.gauge("branchline_render_free_cores", "cores other programs leave free, as the render worker sees them (0 when it does"
                    + " not follow the machine)", () -> cores == null ? 0 : cores.now());
        }
    }

    /**
     * Lets render speed estimates and the number of renders at once follow the cores other programs
     * leave free (see {@link io.branchline.engine.schedule.RenderSpeed}); before deploying. What
     * {@code serve} does; tests leave it off so that nothing depends on how busy the machine is.
     */
    public RenderWorkerVerticle followMachine() {
        this.cores = new MachineCores();
        return this;
    }

    /** Turns the render ladder on or off (see {@link RenderScheduler#ladder(boolean)}); before deploying. */
    public RenderWorkerVerticle ladder(boolean on) {
        scheduler.ladder(on).rescues(on && RESCUES);
        return this;
    }

    /** Whether the ladder rescues full renders that fall behind; {@code -Dbranchline.renderRescue=false} turns it off (to compare). */
    static final boolean RESCUES = !"false".equals(System.getProperty("branchline.renderRescue"));

    @Override
    public Future<?> start() {
        RenderAddresses.registerCodecs(vertx);
        consumers.add(vertx.eventBus().consumer(RenderAddresses.JOBS, this::accept));
        consumers.add(vertx.eventBus().<JsonObject>consumer(RenderAddresses.WITHDRAW, m -> withdraw(m.body())));
        consumers.add(vertx.eventBus().<JsonObject>consumer(RenderAddresses.STATUS, m -> m.reply(status(m.body()))));
        // A render that stalls between two segments is looked at again: its viewers may need a rescue.
        recheckTimer = vertx.setPeriodic(RECHECK_MS, t -> {
            if (cores != null) {
                cores.sample();
            }
            if (!stopping && scheduler.recheck()) {
                pauseForWaiting();
                next();
            }
        });
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    private void accept(Message<RenderJob> message) {
        if (stopping) {
            message.fail(RenderAddresses.SHUTTING_DOWN, "the render worker is shutting down");
            return;
        }
        RenderJob job = message.body();
        String asker = job.session() != null ? job.session() : "anonymous-" + anonymous++;
        long deadline = job.deadlineMs() > 0 ? job.deadlineMs() : Long.MAX_VALUE;
        // A job that names its tier renders at it; for the others the scheduler chooses, from what the visit costs.
        VisitCost cost = job.tier() == null ? VisitCost.of(job.request()) : null;
        scheduler.ask(job.key(), job, cost, new RenderScheduler.Ask(asker, job.onDemand(), job.probability(), deadline),
                job.tier() == null ? null : job.renderTier());
        askers.computeIfAbsent(job.key(), k -> new ArrayList<>()).add(message);
        for (String shed : scheduler.shed(QUEUE_CAPACITY)) {
            for (Message<RenderJob> m : askers.getOrDefault(shed, List.of())) {
                m.fail(RenderAddresses.SHED, "the render queue is full (" + QUEUE_CAPACITY + " jobs); ask again later");
            }
            askers.remove(shed);
            if (metrics != null) {
                metrics.dropped();
            }
        }
        pauseForWaiting();
        next();
    }

    /** Asks the renders the scheduler names to pause before their next frame. */
    private void pauseForWaiting() {
        for (String key : scheduler.toPause()) {
            gates.get(key).askToPause();
        }
    }

    /** {@code {"session": ID, "keys": [..]}}: the session no longer needs these keys. */
    private void withdraw(JsonObject body) {
        String session = body.getString("session");
        JsonArray keys = body.getJsonArray("keys", new JsonArray());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.getString(i);
            boolean dropped = scheduler.withdraw(key, session);
            List<Message<RenderJob>> waiting = askers.getOrDefault(key, List.of());
            for (Iterator<Message<RenderJob>> it = waiting.iterator(); it.hasNext(); ) {
                Message<RenderJob> m = it.next();
                if (session != null && session.equals(m.body().session())) {
                    it.remove();
                    m.fail(RenderAddresses.WITHDRAWN, "withdrawn by its session");
                }
            }
            if (dropped) {
                forgetDropped(key);
            }
        }
        next();
    }

    private JsonObject status(JsonObject body) {
        JsonArray keys = body == null ? new JsonArray() : body.getJsonArray("keys", new JsonArray());
        List<String> asked = new ArrayList<>();
        keys.forEach(k -> asked.add(String.valueOf(k)));
        return new JsonObject(new HashMap<>(scheduler.status(asked)));
    }

    private void next() {
        if (stopping) {
            return;
        }
        for (RenderScheduler.Start<RenderJob> start : scheduler.take()) {
            RenderJob job = start.job().at(start.tier());
            trace(start.resumed() ? "resumed" : start.rescueOf() != null ? "rescue" : "started", start.key(), job,
                    () -> String.format("queued=%d free=%.2f ratio=%.2f/%.2f", scheduler.queued(), freeCores(),
                            scheduler.speed().ratio(RenderTier.FULL), scheduler.speed().ratio(RenderTier.DRAFT)));
            if (start.resumed()) {
                gates.get(start.key()).resume();
            } else {
                run(start.key(), job, start.rescueOf() != null);
            }
        }
        // What started may have others give way: an upgrade beside a viewer's render, a full render beside its rescue.
        pauseForWaiting();
        queued = scheduler.queued();
    }

    /**
     * Runs a job the scheduler started under {@code key} (the visit's key; a rescue's own key is its
     * draft key, and its segments are announced under the visit's key like any other render's).
     */
    private void run(String key, RenderJob job, boolean rescue) {
        Context context = vertx.getOrCreateContext();
        PauseGate gate = new PauseGate();
        gates.put(key, gate);
        String tier = job.renderTier().wireName();
        long scheduled = scheduler.deadline(key);
        long deadline = scheduled != Long.MAX_VALUE ? scheduled : job.deadlineMs();
        if (rescue && metrics != null) {
            metrics.rescued();
        }
        threads.run(context, cancel -> {
            // Where a render asked to pause stops: before its next frame (the renderer looks at its token there),
            // or after its next segment (a render that does not look at its token per frame, a remote one).
            Runnable pausePoint = () -> {
                if (gate.pauseAsked()) {
                    CompletableFuture<Boolean> goOn = new CompletableFuture<>();
                    context.runOnContext(v -> boundary(key, job, gate, goOn));
                    gate.await(goOn, cancel);
                }
            };
            cancel.beforeEachFrame(pausePoint);
            return render.render(job, index -> {
                long now = System.currentTimeMillis();
                vertx.eventBus().publish(RenderAddresses.SEGMENT_READY, new JsonObject().put("key", job.key()).put("index", index).put("tier", tier));
                context.runOnContext(v -> {
                    // A rescue may have been asked for, and a guess with its first segment made may now give way to one with none.
                    scheduler.segmentDone(key, index);
                    if (!stopping) {
                        pauseForWaiting();
                        next();
                    }
                    if (index == 0 && deadline > 0 && now > deadline && !rescue && metrics != null) { // a rescue's first segments are the full render's
                        metrics.deadlineMissed(tier);
                    }
                });
                pausePoint.run();
            }, cancel);
        }).onComplete(result -> {
            if (gate.stopped()) {
                return; // dropped while paused: its askers were answered when they withdrew
            }
            gates.remove(key);
            trace(result.succeeded() ? "finished" : "failed", key, job, null);
            String rescued = null;
            boolean draftOnly = false;
            if (!stopping) { // once stopping the scheduler is done with; a parked render is not "rendering" to it
                rescued = result.succeeded() ? scheduler.rescueDone(key) : null;
                draftOnly = scheduler.draftOnly(key);
                scheduler.finished(key);
            }
            if (metrics != null && result.succeeded()) {
                // By the reason of the job rendered (its first asker's): a speculative job a viewer
                // then waited for still counts as speculative; the pre-render hits and misses tell that.
                metrics.rendered(job.reason(), result.result().renderMs(), result.result().reused(), tier);
            }
            for (Message<RenderJob> asker : askers.getOrDefault(key, List.of())) {
                reply(key, asker, result);
            }
            askers.remove(key);
            if (rescued != null) {
                // The viewers who waited for the full render are served by its rescue; the full render goes on as an upgrade
                // (or, with too many upgrades parked already, is dropped: its draft is stored).
                for (Message<RenderJob> asker : askers.getOrDefault(rescued, List.of())) {
                    reply(rescued, asker, result);
                }
                askers.remove(rescued);
                if (scheduler.state(rescued).isEmpty()) {
                    trace("dropped", rescued, job.at(RenderTier.FULL), null);
                    forgetDropped(rescued);
                }
            }
            if (result.succeeded() && job.renderTier() != RenderTier.FULL && !rescue && !draftOnly && !stopping) {
                // The draft (or rough render) was for whoever could not wait; the full tier follows for those who come after.
                RenderJob full = job.at(RenderTier.FULL);
                scheduler.upgradeLater(key, full, VisitCost.of(full.request()));
            }
            next();
        });
    }

    /** On the event loop: a render asked to pause reached its pause point (before a frame, or after a segment). */
    private void boundary(String key, RenderJob job, PauseGate gate, CompletableFuture<Boolean> goOn) {
        if (stopping) {
            goOn.complete(true); // on to its next frame, where its cancel token stops it
            return;
        }
        if (scheduler.yieldNow(key)) {
            trace("paused", key, job, null);
            if (metrics != null) {
                metrics.paused();
            }
            if (scheduler.state(key).isEmpty()) { // nobody asks for it any more: dropped instead of paused
                forgetDropped(key);
            }
            gate.parked(goOn);
            next();
        } else {
            goOn.complete(true);
        }
    }

    /**
     * The scheduler dropped the job of {@code key}: its askers are forgotten, its render stops if it
     * is parked (at its next frame, through its cancel token: see {@link PauseGate#stop()}), and the
     * drop is counted.
     */
    private void forgetDropped(String key) {
        askers.remove(key);
        PauseGate parked = gates.remove(key);
        if (parked != null) {
            parked.stop();
            // Its segments were announced as they were made; sessions must not count on them any more.
            vertx.eventBus().publish(RenderAddresses.SEGMENTS_DISCARDED, new JsonObject().put("key", key));
        }
        if (metrics != null) {
            metrics.dropped();
        }
    }

    /** A trace line for the job of {@code key} (see {@link RenderTrace}); {@code more} is only worked out when tracing is on. */
    private void trace(String event, String key, RenderJob job, java.util.function.Supplier<String> more) {
        if (RenderTrace.on()) {
            RenderTrace.event(event, key, job, scheduler.onDemand(key), scheduler.probability(key), scheduler.deadline(key),
                    more == null ? null : more.get());
        }
    }

    /** The cores other programs leave free as last sampled; NaN when the worker does not follow the machine. */
    private double freeCores() {
        return cores == null ? Double.NaN : cores.now();
    }

    private static void reply(String key, Message<RenderJob> asker, io.vertx.core.AsyncResult<RenderOutcome> result) {
        if (result.succeeded()) {
            asker.reply(result.result());
        } else if (result.cause() instanceof RenderCancelled cancelled) {
            asker.fail(RenderAddresses.CANCELLED, cancelled.getMessage());
        } else if (result.cause() instanceof RenderException bad) {
            asker.fail(RenderAddresses.FAILED_INPUT, bad.getMessage());
        } else {
            System.getLogger("branchline.render").log(System.Logger.Level.ERROR, "render of " + key + " failed", result.cause());
            asker.fail(RenderAddresses.FAILED_INTERNAL, "the render failed inside Branchline; it has been logged");
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(recheckTimer);
        // Running renders first, so that they stop as soon as they can (and before anyone hears of the stop).
        threads.cancelAll("the engine is shutting down");
        // A parked render goes on to its next frame, where its cancel token ends it like the others.
        gates.values().forEach(PauseGate::resume);
        for (Iterator<Map.Entry<String, List<Message<RenderJob>>>> it = askers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Message<RenderJob>>> waiting = it.next();
            if (!gates.containsKey(waiting.getKey())) { // queued, never started
                waiting.getValue().forEach(m -> m.fail(RenderAddresses.SHUTTING_DOWN, "the render worker is shutting down"));
                it.remove();
            }
        }
        Future<?> unregistered = Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
        // Blocking, so off the event loop; the renders' own replies come back on this context meanwhile.
        return unregistered.transform(v -> vertx.executeBlocking(this::awaitRendersThenCloseModels, false));
    }

    private Void awaitRendersThenCloseModels() throws Exception {
        if (!threads.shutdownAndWait(STOP_WAIT_MS)) {
            System.getLogger("branchline.render").log(System.Logger.Level.WARNING, threads.running()
                    + " renders did not stop within " + STOP_WAIT_MS + " ms; the models are left open");
            return null;
        }
        if (models != null) {
            models.close();
        }
        return null;
    }
}
