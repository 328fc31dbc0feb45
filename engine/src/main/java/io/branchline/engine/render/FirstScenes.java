package io.branchline.engine.render;

import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRequest;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.model.CompiledStory;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders each servable story's first visit ahead, when the engine starts and again after the
 * story is compiled anew, and keeps it pinned in the store: the first viewer's first frame then
 * comes at once instead of after a render (and, for generated shots, after the models load).
 * Runs on the event loop of the caller of {@link #start()}; keys are worked out on a worker.
 *
 * <p>It also tells when the engine is ready for viewers ({@link #ready()}, served as
 * {@code /health/ready}): once every story servable at start-up has its first visit stored (or
 * its render failed, which is logged). Until then a viewer who arrives shares the machine with
 * the start-up work: the JIT compiling, the models loading and every story's first render.
 * Readiness is reached once and kept: a story changed later is rendered again without taking
 * the engine out of service.
 */
public final class FirstScenes implements io.branchline.engine.http.Readiness {

    private static final String OWNER = "first-scene:";
    private static final long CHECK_MS = 2000;

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final SegmentStore store;
    private final RenderTools tools;
    /** Story id to the compilation whose first visit was asked for, and its key once known. */
    private final Map<String, Instant> asked = new HashMap<>();
    private final Map<String, String> pinned = new HashMap<>();
    /** Stories whose first visit is not answered yet, and whether none is left (kept once reached); read from any thread. */
    private volatile List<String> waiting = List.of();
    private volatile boolean ready;
    private final Set<String> answered = new HashSet<>();
    /** Stories whose ask ended without an answer (the wait timed out) while the render may go on: the store tells. */
    private final Map<String, String> unanswered = new HashMap<>();
    private boolean checkedOnce;
    private long answerTimeoutMs = RenderAddresses.JOB_ANSWER_TIMEOUT_MS;
    private java.util.function.Consumer<String> warnings =
            message -> System.getLogger("branchline.render").log(System.Logger.Level.WARNING, message);

    public FirstScenes(Vertx vertx, StoryCatalog catalog, SegmentStore store, RenderTools tools) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.tools = tools;
    }

    /** How long one ask waits for the render worker's answer before the store is watched instead (tests make it short). */
    public FirstScenes answerTimeout(long ms) {
        this.answerTimeoutMs = ms;
        return this;
    }

    /** Where warnings go (the log by default): only what an operator should act on. */
    public FirstScenes warnings(java.util.function.Consumer<String> sink) {
        this.warnings = sink;
        return this;
    }

    /** Asks now for what is missing, then looks again every two seconds. */
    public void start() {
        check();
        vertx.setPeriodic(CHECK_MS, t -> check());
    }

    private void check() {
        for (StoryEntry entry : catalog.stories().values()) {
            if (entry.servable() && !entry.compiledAt().equals(asked.get(entry.id()))) {
                asked.put(entry.id(), entry.compiledAt());
                ask(entry);
            }
        }
        // An ask whose wait ended is answered by the store: the render went on and its scene is there.
        unanswered.entrySet().removeIf(e -> {
            if (store.scene(e.getValue()).isPresent()) {
                answered(e.getKey());
                return true;
            }
            return false;
        });
        checkedOnce = true;
        updateWaiting();
    }

    /** Whether the engine is ready for viewers: every story servable at start-up has its first visit answered. Thread-safe. */
    @Override
    public boolean ready() {
        return ready;
    }

    /** The stories whose first visit is still being rendered at start-up, in id order (empty once ready). Thread-safe. */
    @Override
    public List<String> waiting() {
        return waiting;
    }

    private void answered(String storyId) {
        answered.add(storyId);
        updateWaiting();
    }

    private void updateWaiting() {
        if (!checkedOnce || ready) {
            return;
        }
        Set<String> left = new TreeSet<>(asked.keySet());
        left.removeAll(answered);
        waiting = List.copyOf(left);
        ready = left.isEmpty();
    }

    private void ask(StoryEntry entry) {
        CompiledStory story = entry.result().story();
        SceneVisit first = VisitRequests.first(story);
        if (first.shots().isEmpty()) {
            answered(entry.id());
            return;
        }
        // The same request a session makes for it, so the key is the one viewers will ask for.
        SceneRequest request = VisitRequests.served(entry.mainFile().toAbsolutePath().getParent(), story, first.shots());
        String owner = OWNER + entry.id();
        String before = pinned.get(entry.id());
        vertx.executeBlocking(() -> {
            String key = ContentKey.of(request, tools);
            store.pin(key, owner);
            if (before != null && !before.equals(key)) {
                store.unpin(before, owner);
            }
            return key;
        }, false).onSuccess(key -> {
            pinned.put(entry.id(), key);
            vertx.eventBus().request(RenderAddresses.JOBS, RenderJob.of(key, request, RenderJob.SPECULATIVE, null, 1,
                    System.currentTimeMillis() + 30_000), RenderAddresses.jobDelivery().setSendTimeout(answerTimeoutMs))
                    .onSuccess(done -> answered(entry.id()))
                    .onFailure(e -> failed(entry, key, e));
        }).onFailure(e -> {
            answered(entry.id());
            warnings.accept("the first scene of " + entry.id() + " could not be prepared: " + e.getMessage());
        });
    }

    /**
     * An ask that ended without a rendered answer. A wait that timed out says nothing about the render,
     * which goes on in the worker: the scene is then taken from the store when it lands there, with no
     * warning (the old warning "could not be rendered ahead: Timed out" came for scenes rendered a moment
     * later). Only a render that failed is worth a warning, and a story whose render failed is not waited for.
     */
    private void failed(StoryEntry entry, String key, Throwable e) {
        if (stopping(e)) {
            return;
        }
        if (store.scene(key).isPresent()) {
            answered(entry.id());
            return;
        }
        if (e instanceof io.vertx.core.eventbus.ReplyException r) {
            if (r.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT || r.failureCode() == RenderAddresses.WITHDRAWN) {
                unanswered.put(entry.id(), key);
                return;
            }
            if (r.failureCode() == RenderAddresses.SHED) {
                asked.remove(entry.id());   // the queue was full: ask again at the next check
                return;
            }
        }
        answered(entry.id());
        warnings.accept("the first scene of " + entry.id() + " could not be rendered ahead: " + e.getMessage()
                + " (viewers get it rendered when they start; run ./branchline render " + entry.mainFile() + " to see why)");
    }

    /** A render cancelled or refused because the engine is stopping: expected, not worth a warning. */
    private static boolean stopping(Throwable e) {
        return e instanceof io.vertx.core.eventbus.ReplyException r
                && (r.failureCode() == RenderAddresses.CANCELLED || r.failureCode() == RenderAddresses.SHUTTING_DOWN);
    }
}
