package io.branchline.engine.render;

import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoreListener;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderTier;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Renders again the visits the store quarantined, for whoever still needs them. It sits in front
 * of the real {@link RenderFunction} and remembers each key's job as it passes, in memory and in
 * a folder so that it outlives a restart ({@link RenderJobs}: the store knows keys, not what to
 * render for them); when the store hears a visit was damaged and someone pins
 * its key (a session that has it on its timeline, a story's first scene), it asks the render
 * worker for it again, on demand. The render is deterministic, so the same key gives the same
 * segments: sessions that listed them keep their playlists, and meanwhile their fetches are
 * answered 503 "being rendered again" by the store. A visit nobody pins is not rendered: the next
 * session that needs it asks, as for any visit not stored.
 */
public final class StoreHealing implements RenderFunction, StoreListener {

    private static final System.Logger LOG = System.getLogger("branchline.render");
    /** Asks for one damaged visit, a second, then 2, 4 and 8 s apart: a disk that keeps failing is not hammered. */
    static final int TRIES = 5;

    private final Vertx vertx;
    private final SegmentStore store;
    private final RenderFunction render;
    private final RenderJobs jobs;

    /** Heals {@code store} through {@code render}, keeping what it renders in {@code jobs} (a folder of its own). */
    public StoreHealing(Vertx vertx, SegmentStore store, RenderFunction render, Path jobs) {
        this.vertx = vertx;
        this.store = store;
        this.render = render;
        this.jobs = new RenderJobs(jobs);
    }

    @Override
    public RenderOutcome render(RenderJob job, IntConsumer segmentReady, RenderCancel cancel) {
        // Anonymous: a session's withdrawal must never cancel a render that heals the store.
        RenderJob again = new RenderJob(job.key(), job.storyRoot(), job.width(), job.height(), job.fps(), job.segmentMs(), job.label(),
                job.shots(), RenderJob.ON_DEMAND, job.burnCaptions(), null, 1, 0);
        jobs.remember(again);
        if (job.renderTier() != RenderTier.FULL) {
            // A damaged draft is healed by rendering the visit: at full quality when there is time, which replaces the draft.
            jobs.remember(job.tierKey(), again);
        }
        return render.render(job, segmentReady, cancel);
    }

    @Override
    public void quarantined(String key, String file, String reason) {
        if (!store.pinned(key)) {
            return;
        }
        RenderJob job = jobs.recall(key);
        if (job == null) {
            LOG.log(System.Logger.Level.WARNING, "the damaged visit " + key + " cannot be rendered again: its job was not kept");
            return;
        }
        LOG.log(System.Logger.Level.INFO, "rendering the visit " + key + " again: " + file + " was damaged (" + reason + ")");
        ask(job, 1);
    }

    private void ask(RenderJob job, int attempt) {
        vertx.eventBus().request(RenderAddresses.JOBS, job, RenderAddresses.jobDelivery()).onFailure(e -> {
            if (stopping(e) || !store.pinned(job.key()) || store.scene(job.key()).isPresent()) {
                return;
            }
            if (attempt >= TRIES) {
                LOG.log(System.Logger.Level.WARNING, "the damaged visit " + job.key() + " could not be rendered again (" + e.getMessage()
                        + "); tried " + TRIES + " times");
                return;
            }
            vertx.setTimer(1000L << (attempt - 1), t -> ask(job, attempt + 1));
        });
    }

    /** A render cancelled or refused because the engine is stopping, or withdrawn. */
    private static boolean stopping(Throwable e) {
        return e instanceof ReplyException r && (r.failureCode() == RenderAddresses.CANCELLED
                || r.failureCode() == RenderAddresses.SHUTTING_DOWN || r.failureCode() == RenderAddresses.WITHDRAWN);
    }
}
