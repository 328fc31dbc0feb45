package io.branchline.engine.render;

import io.vertx.core.Vertx;

/** The event-bus seam between whoever wants scenes rendered and the render workers. */
public final class RenderAddresses {

    /** Render jobs are sent here (point to point: one worker takes each); the reply is a {@link RenderOutcome}. */
    public static final String JOBS = "branchline.render.jobs";

    /**
     * How long an ask on {@link #JOBS} waits for its answer. The worker answers every job it
     * holds: when it is rendered, shed, withdrawn, cancelled or the worker stops, however long it
     * queued first, so this only ends the wait for a worker that is gone. The event bus's own 30 s
     * default took a render still queued behind others for a failed one (logged as a failure and
     * asked again), which the browser load bench saw hundreds of times with 16 viewers.
     */
    public static final long JOB_ANSWER_TIMEOUT_MS = Long.getLong("branchline.renderAnswerTimeoutMs", 15 * 60_000L);

    /** Delivery options for an ask on {@link #JOBS}. */
    public static io.vertx.core.eventbus.DeliveryOptions jobDelivery() {
        return new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(JOB_ANSWER_TIMEOUT_MS);
    }
    /** Published when a segment of a visit is stored: a JSON object {@code {key, index}}. */
    public static final String SEGMENT_READY = "branchline.render.segment-ready";
    /**
     * Published when a render that had started is dropped before it finished (every asker withdrew
     * it): {@code {key}}. The segments it announced on {@link #SEGMENT_READY} are gone.
     */
    public static final String SEGMENTS_DISCARDED = "branchline.render.segments-discarded";

    /**
     * A session no longer needs some visits: {@code {"session": ID, "keys": [KEY, ..]}}. Its asks
     * for them are answered with {@link #WITHDRAWN}; a job nobody asks for any more is dropped
     * unless it is rendering.
     */
    public static final String WITHDRAW = "branchline.render.withdraw";
    /**
     * Where render jobs stand: a request {@code {"keys": [KEY, ..]}} is answered
     * {@code {KEY: "queued" | "rendering"}} for the keys the render worker holds (a key left out
     * is not held: stored, never asked for, or dropped).
     */
    public static final String STATUS = "branchline.render.status";

    /** Failure codes of a job's reply. */
    public static final int FAILED_INPUT = 400;
    public static final int FAILED_INTERNAL = 500;
    /** The reply to an ask its session withdrew. */
    public static final int WITHDRAWN = 410;
    /** The reply to a job whose render was cancelled at a frame, the engine stopping: nothing of it was kept. */
    public static final int CANCELLED = 499;
    /** The reply to a job the worker took no more: it was queued, or it came, once the engine began to stop. */
    public static final int SHUTTING_DOWN = 503;
    /** A job dropped because the render queue was full (speculative work is dropped first); ask again later. */
    public static final int SHED = 507;

    private RenderAddresses() {
    }

    /** Registers the codecs of the messages that cross the seam (once per Vert.x instance). */
    public static synchronized void registerCodecs(Vertx vertx) {
        try {
            vertx.eventBus().registerDefaultCodec(RenderJob.class, new JsonCodec<>(RenderJob.class));
            vertx.eventBus().registerDefaultCodec(RenderOutcome.class, new JsonCodec<>(RenderOutcome.class));
        } catch (IllegalStateException alreadyRegistered) {
            // Another verticle of this Vert.x instance did it first.
        }
    }
}
