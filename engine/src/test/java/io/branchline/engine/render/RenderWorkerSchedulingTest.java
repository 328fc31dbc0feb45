package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The render worker with its scheduler on the event bus: withdrawals drop jobs, the status
 * query, and a speculative render pausing between segments for an on-demand one. Renders are
 * fakes that wait on latches the test opens, so nothing depends on how fast the machine is.
 */
@ExtendWith(VertxExtension.class)
class RenderWorkerSchedulingTest {

    private static final ResolvedShot SHOT = new ResolvedShot("color", 3000, null, null, "#336699", null, null, null, null, "Hi",
            Step.Transition.CUT, null, 1, null, false, 1);

    private Vertx vertx;
    private final io.branchline.engine.metrics.EngineMetrics metrics = new io.branchline.engine.metrics.EngineMetrics();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** Opened to let the render of a key go on. */
    private final Map<String, CountDownLatch> gates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> started = new java.util.concurrent.ConcurrentHashMap<>();

    private CountDownLatch gate(String key) {
        return gates.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    private CountDownLatch started(String key) {
        return started.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    /** Three segments; waits for its gate before the first, and looks at its cancel token before each. */
    private final RenderFunction fake = (job, ready, cancel) -> {
        log.add(job.key() + " start");
        started(job.key()).countDown();
        try {
            assertTrue(gate(job.key()).await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 3; i++) {
            cancel.check(i); // as the renderer does at every frame
            log.add(job.key() + " " + i);
            ready.accept(i);
        }
        log.add(job.key() + " done");
        return new RenderOutcome(job.key(), 3, 90, 1, false);
    };

    private static RenderJob job(String key, String reason, String session, double probability) {
        return new RenderJob(key, "/stories/x", 240, 426, 30, 1000, "AI-generated", List.of(SHOT), reason, true, session, probability,
                System.currentTimeMillis() + 10_000);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Future<RenderOutcome> send(RenderJob job) {
        return vertx.eventBus().<RenderOutcome>request(RenderAddresses.JOBS, job).map(m -> m.body());
    }

    private JsonObject status(String... keys) throws Exception {
        return await(vertx.eventBus().<JsonObject>request(RenderAddresses.STATUS,
                new JsonObject().put("keys", new JsonArray(List.of((Object[]) keys)))).map(m -> m.body()));
    }

    private static int failureCode(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(f));
        return ((ReplyException) e.getCause()).failureCode();
    }

    @BeforeEach
    void deploy() throws Exception {
        vertx = Vertx.vertx();
        await(vertx.deployVerticle(new RenderWorkerVerticle(fake, 1, metrics)));
    }

    @AfterEach
    void close() throws Exception {
        gates.values().forEach(CountDownLatch::countDown);
        await(vertx.close());
    }

    @Test
    void aWithdrawnAskIsAnsweredAndAJobNobodyWantsIsDropped() throws Exception {
        Future<RenderOutcome> a = send(job("a", "on-demand", "s0", 1));
        assertTrue(started("a").await(30, TimeUnit.SECONDS));
        Future<RenderOutcome> b = send(job("b", "speculative", "s1", 0.5));
        Future<RenderOutcome> c1 = send(job("c", "speculative", "s1", 0.5));
        Future<RenderOutcome> c2 = send(job("c", "speculative", "s2", 0.5));
        assertEquals(new JsonObject().put("a", "rendering").put("b", "queued").put("c", "queued"), status("a", "b", "c", "never-asked"));

        vertx.eventBus().send(RenderAddresses.WITHDRAW, new JsonObject().put("session", "s1").put("keys", new JsonArray().add("b").add("c")));
        assertEquals(RenderAddresses.WITHDRAWN, failureCode(b));
        assertEquals(RenderAddresses.WITHDRAWN, failureCode(c1));
        assertEquals(new JsonObject().put("a", "rendering").put("c", "queued"), status("a", "b", "c"), "b is dropped, s2 still wants c");
        assertTrue(metrics.scrape().contains("branchline_render_dropped_total 1.0"), metrics.scrape());
        assertTrue(metrics.scrape().contains("branchline_render_queue 1.0"), "c waits: " + metrics.scrape());

        gate("a").countDown();
        gate("c").countDown();
        gate("b").countDown();
        assertEquals(3, await(a).segments());
        assertEquals(3, await(c2).segments());
        assertTrue(log.stream().noneMatch(l -> l.startsWith("b ")), "b never rendered: " + log);
        assertEquals(new JsonObject(), status("a", "b", "c"), "nothing held once done");
    }

    @Test
    void aSpeculativeRenderPausesAtItsNextFrameForAnOnDemandOneAndThenGoesOn() throws Exception {
        Future<RenderOutcome> spec = send(job("spec", "speculative", "s1", 0.5));
        assertTrue(started("spec").await(30, TimeUnit.SECONDS));
        Future<RenderOutcome> needed = send(job("needed", "on-demand", "s2", 1));
        assertEquals(new JsonObject().put("spec", "rendering").put("needed", "queued"), status("spec", "needed"));

        gate("needed").countDown();
        gate("spec").countDown();
        assertEquals(3, await(needed).segments());
        assertEquals(3, await(spec).segments());
        assertEquals(List.of("spec start", "needed start", "needed 0", "needed 1", "needed 2", "needed done",
                "spec 0", "spec 1", "spec 2", "spec done"), log, "spec stops before its next frame and goes on after needed");
        assertTrue(metrics.scrape().contains("branchline_render_paused_total 1.0"), metrics.scrape());
        assertTrue(metrics.scrape().contains("branchline_renders_total{reason=\"speculative\",reused=\"false\",tier=\"full\"} 1.0"), metrics.scrape());
    }

    @Test
    void aPausedRenderWhoseSessionWithdrawsStops() throws Exception {
        Future<RenderOutcome> spec = send(job("spec", "speculative", "s1", 0.5));
        assertTrue(started("spec").await(30, TimeUnit.SECONDS));
        Future<RenderOutcome> needed = send(job("needed", "on-demand", "s2", 1));
        status("needed");
        gate("spec").countDown();
        assertTrue(started("needed").await(30, TimeUnit.SECONDS), "spec paused: needed has the slot");
        assertEquals(new JsonObject().put("spec", "queued").put("needed", "rendering"), status("spec", "needed"));

        vertx.eventBus().send(RenderAddresses.WITHDRAW, new JsonObject().put("session", "s1").put("keys", new JsonArray().add("spec")));
        assertEquals(RenderAddresses.WITHDRAWN, failureCode(spec));
        gate("needed").countDown();
        assertEquals(3, await(needed).segments());
        assertEquals(new JsonObject(), status("spec", "needed"));
        assertTrue(!log.contains("spec 0") && !log.contains("spec done"), "spec stopped where it was parked: " + log);
    }
}
