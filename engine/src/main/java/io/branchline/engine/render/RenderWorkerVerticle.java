package io.branchline.engine.render;

import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.renderer.RenderException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A render worker: takes render jobs from the event bus and runs at most {@code slots} of
 * them at a time on worker threads; the rest wait their turn, on-demand jobs before
 * speculative ones. Jobs for a content key already in progress join it instead of rendering
 * twice. Thin: the rendering itself is a plain {@link RenderFunction}.
 */
public final class RenderWorkerVerticle extends VerticleBase {

    private final RenderFunction render;
    private final int slots;
    private final EngineMetrics metrics;
    private volatile int queued;
    /** Keys waiting for a slot, in the order they will run. */
    private final Deque<String> waiting = new ArrayDeque<>();
    /** Everyone waiting for a key, queued or running; the first asker's job is the one rendered. */
    private final Map<String, Deque<Message<RenderJob>>> askers = new HashMap<>();
    private final java.util.Set<String> running = new java.util.HashSet<>();
    private int busy;
    private MessageConsumer<RenderJob> consumer;

    public RenderWorkerVerticle(RenderFunction render, int slots) {
        this(render, slots, null);
    }

    /** With {@code metrics} (may be null): renders by reason, render time, queue depth. */
    public RenderWorkerVerticle(RenderFunction render, int slots, EngineMetrics metrics) {
        if (slots < 1) {
            throw new IllegalArgumentException("a render worker needs at least one slot");
        }
        this.render = render;
        this.slots = slots;
        this.metrics = metrics;
        if (metrics != null) {
            metrics.gauge("branchline_render_queue", "render jobs waiting for a slot", () -> queued);
        }
    }

    @Override
    public Future<?> start() {
        RenderAddresses.registerCodecs(vertx);
        consumer = vertx.eventBus().consumer(RenderAddresses.JOBS, this::accept);
        return consumer.completion();
    }

    private void accept(Message<RenderJob> message) {
        RenderJob job = message.body();
        boolean onDemand = "on-demand".equals(job.reason());
        Deque<Message<RenderJob>> waitingFor = askers.get(job.key());
        if (waitingFor != null) {
            // Same key: one render serves every asker; a viewer now waiting lifts it to the front.
            waitingFor.add(message);
            if (onDemand && !running.contains(job.key()) && waiting.remove(job.key())) {
                waiting.addFirst(job.key());
            }
            return;
        }
        Deque<Message<RenderJob>> list = new ArrayDeque<>();
        list.add(message);
        askers.put(job.key(), list);
        if (onDemand) {
            waiting.addFirst(job.key());
        } else {
            waiting.addLast(job.key());
        }
        queued = waiting.size();
        next();
    }

    private void next() {
        while (busy < slots && !waiting.isEmpty()) {
            String key = waiting.poll();
            RenderJob job = askers.get(key).peek().body();
            queued = waiting.size();
            running.add(key);
            busy++;
            vertx.executeBlocking(() -> render.render(job, index -> vertx.eventBus().publish(RenderAddresses.SEGMENT_READY,
                            new JsonObject().put("key", job.key()).put("index", index))), false)
                    .onComplete(result -> {
                        busy--;
                        running.remove(key);
                        if (metrics != null && result.succeeded()) {
                            metrics.rendered(job.reason(), result.result().renderMs(), result.result().reused());
                        }
                        for (Message<RenderJob> asker : askers.remove(key)) {
                            if (result.succeeded()) {
                                asker.reply(result.result());
                            } else if (result.cause() instanceof RenderException bad) {
                                asker.fail(RenderAddresses.FAILED_INPUT, bad.getMessage());
                            } else {
                                System.getLogger("branchline.render").log(System.Logger.Level.ERROR, "render of " + key + " failed",
                                        result.cause());
                                asker.fail(RenderAddresses.FAILED_INTERNAL, "the render failed inside Branchline; it has been logged");
                            }
                        }
                        next();
                    });
        }
    }

    @Override
    public Future<?> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
