package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderTools;
import io.branchline.engine.store.SegmentStore;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render seam on the event bus: bounded slots, one render per key, on-demand first, failures as replies. */
class RenderWorkerTest {

    private static final ResolvedShot SHOT = new ResolvedShot("color", 1000, null, null, "#336699", null, null, null, null, "Hi",
            Step.Transition.CUT, null, 1, null, false, 1);

    private static RenderJob job(String key, String reason) {
        return job(key, reason, null, 1, 0);
    }

    private static RenderJob job(String key, String reason, String session, double probability, long deadlineMs) {
        return new RenderJob(key, "/stories/x", 240, 426, 30, 1000, "AI-generated", List.of(SHOT), reason, true, session, probability,
                deadlineMs);
    }

    private static String key(int n) {
        return String.format("%064x", n);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void jobsCrossTheWireAsJson() {
        JsonCodec<RenderJob> codec = new JsonCodec<>(RenderJob.class);
        Buffer wire = Buffer.buffer();
        RenderJob sent = job(key(1), "speculative", "session-1", 0.25, 1_764_000_000_000L);
        codec.encodeToWire(wire, sent);
        assertEquals(sent, codec.decodeFromWire(0, wire));
        Buffer anonymous = Buffer.buffer();
        codec.encodeToWire(anonymous, job(key(2), "on-demand"));
        assertEquals(job(key(2), "on-demand"), codec.decodeFromWire(0, anonymous));
    }

    @Test
    void slotsAreBoundedSameKeysRenderOnceAndOnDemandGoesFirst() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            RenderFunction slow = (job, ready, cancel) -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                order.add(job.key());
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.decrementAndGet();
                ready.accept(0);
                return new RenderOutcome(job.key(), 1, 30, 150, false);
            };
            await(vertx.deployVerticle(new RenderWorkerVerticle(slow, 1)));
            List<Future<RenderOutcome>> replies = new ArrayList<>();
            for (String reason : List.of("speculative", "speculative", "speculative", "on-demand")) {
                int n = replies.size();
                replies.add(vertx.eventBus().<RenderOutcome>request(RenderAddresses.JOBS, job(key(n), reason)).map(m -> m.body()));
            }
            replies.add(vertx.eventBus().<RenderOutcome>request(RenderAddresses.JOBS, job(key(1), "speculative")).map(m -> m.body()));
            for (Future<RenderOutcome> r : replies) {
                assertTrue(await(r).frames() == 30);
            }
            assertEquals(1, most.get(), "never more renders at once than slots");
            assertEquals(4, order.size(), "two jobs for one key render once");
            assertEquals(key(3), order.get(1), "the on-demand job jumps the speculative queue");
        } finally {
            await(vertx.close());
        }
    }

    @Test
    void aBadAssetIsAFailedReplyWithTheMessage() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            await(vertx.deployVerticle(new RenderWorkerVerticle((job, ready, cancel) -> {
                throw new RenderException("image \"assets/door.png\" was not found");
            }, 2)));
            Future<Object> reply = vertx.eventBus().request(RenderAddresses.JOBS, job(key(9), "on-demand")).map(m -> m.body());
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> await(reply));
            ReplyException failure = (ReplyException) e.getCause();
            assertEquals(RenderAddresses.FAILED_INPUT, failure.failureCode());
            assertTrue(failure.getMessage().contains("door.png"));
        } finally {
            await(vertx.close());
        }
    }

    @Test
    void theRealRendererStoresTheVisitAndReusesIt(@TempDir Path root) throws Exception {
        try (SegmentStore store = SegmentStore.open(root, 1L << 30)) {
            StoreRender render = new StoreRender(store, new RenderTools(() -> null, () -> null));
            List<Integer> ready = new ArrayList<>();
            RenderOutcome first = render.render(job(key(5), "on-demand"), ready::add, RenderCancel.NEVER);
            assertFalse(first.reused());
            assertEquals(List.of(0), ready);
            assertTrue(store.scene(key(5)).isPresent());
            assertTrue(store.file(key(5), "seg-00000.m4s").orElseThrow().size() > 0);
            assertTrue(render.render(job(key(5), "on-demand"), i -> { }, RenderCancel.NEVER).reused());
        }
    }
}
