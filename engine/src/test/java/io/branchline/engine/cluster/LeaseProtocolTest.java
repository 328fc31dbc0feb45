package io.branchline.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.render.RenderFunction;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.render.RenderOutcome;
import io.branchline.engine.store.SegmentStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease protocol between {@link LeaseDispatchVerticle} and {@link RenderNodeVerticle} on one
 * Vert.x (the event bus is the same one a cluster spans): version refusal, a joining node taking
 * work at once, and the time from a job's submission to a node starting it.
 */
class LeaseProtocolTest {

    @TempDir
    Path dir;
    private Vertx vertx;
    private SegmentStore store;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        store = SegmentStore.open(dir.resolve("store"), 1L << 30);
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await();
        store.close();
    }

    private static RenderJob job(int i) {
        return new RenderJob(String.format("%064x", i), "/nowhere", 144, 256, 12, 1000, "AI", List.of(), RenderJob.ON_DEMAND, false,
                null, 1, 0, "full");
    }

    private RenderNodeVerticle node(String name, RenderFunction render) {
        return new RenderNodeVerticle(name, render, store, 2, "127.0.0.1", 0, "127.0.0.1");
    }

    @Test
    void aNodeOfAnotherVersionIsRefusedWithAClearMessage() {
        vertx.deployVerticle(new LeaseDispatchVerticle("engine", "1.4.0")).await();
        Exception e = assertThrows(Exception.class,
                () -> vertx.deployVerticle(node("old", (j, s, c) -> null).version("1.3.9")).await());
        assertTrue(e.getMessage().contains("render node old runs Branchline 1.3.9 but this engine runs 1.4.0"), e.getMessage());
    }

    @Test
    void aJoiningNodeTakesTheWaitingWorkWithinASecond() throws Exception {
        LeaseDispatchVerticle dispatch = new LeaseDispatchVerticle("engine", "v");
        vertx.deployVerticle(dispatch).await();
        CompletableFuture<LeaseDispatchVerticle.Finished> done = dispatch.submit(job(1));
        Thread.sleep(300); // queued with nobody to take it
        CompletableFuture<Long> started = new CompletableFuture<>();
        long t0 = System.nanoTime();
        vertx.deployVerticle(node("late", (j, s, c) -> {
            started.complete(System.nanoTime());
            return new RenderOutcome(j.key(), 1, 12, 1, false);
        }).version("v")).await();
        long ms = (started.get(5, TimeUnit.SECONDS) - t0) / 1_000_000;
        System.out.printf("a joining node started the waiting job %d ms after it was deployed%n", ms);
        assertTrue(ms < 1_000, ms + " ms");
        LeaseDispatchVerticle.Finished f = done.get(5, TimeUnit.SECONDS);
        assertEquals("late", f.done().node());
        assertEquals(job(1).tierKey(), f.done().stored());
        assertTrue(f.url().startsWith("http://127.0.0.1:"), f.url());
    }

    @Test
    void dispatchLatencyFromSubmissionToANodeStartingTheJob() throws Exception {
        LeaseDispatchVerticle dispatch = new LeaseDispatchVerticle("engine", "v");
        vertx.deployVerticle(dispatch).await();
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        vertx.deployVerticle(node("n", (j, s, c) -> {
            startedAt.put(j.key(), System.nanoTime());
            return new RenderOutcome(j.key(), 1, 12, 1, false);
        }).version("v")).await();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 200; i++) {
            long t0 = System.nanoTime();
            RenderJob j = job(1000 + i);
            dispatch.submit(j).get(5, TimeUnit.SECONDS);
            micros.add((startedAt.get(j.key()) - t0) / 1_000);
        }
        List<Long> sorted = micros.stream().skip(20).sorted().toList(); // after warm-up
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get(sorted.size() * 99 / 100);
        System.out.printf("dispatch on one Vert.x: submission to render start p50 %d us, p99 %d us%n", p50, p99);
        assertTrue(p50 < 50_000, p50 + " us");
    }

    @Test
    void aNodeCountsItsRendersInItsOwnMetricsAndAdvertisesThemToTheEngine() throws Exception {
        LeaseDispatchVerticle dispatch = new LeaseDispatchVerticle("engine", "v");
        vertx.deployVerticle(dispatch).await();
        RenderNodeVerticle node = node("n", (j, s, c) -> {
            if (j.key().equals(job(2).key())) {
                throw new io.branchline.renderer.RenderException("no such asset");
            }
            return new RenderOutcome(j.key(), 1, 12, 1, false);
        }).version("v");
        vertx.deployVerticle(node).await();
        assertEquals(0, dispatch.submit(job(1)).get(5, TimeUnit.SECONDS).done().failure());
        assertEquals(io.branchline.engine.render.RenderAddresses.FAILED_INPUT, dispatch.submit(job(2)).get(5, TimeUnit.SECONDS).done().failure());

        var client = io.vertx.ext.web.client.WebClient.create(vertx);
        java.net.URI url = java.net.URI.create(node.url());
        String text = client.get(url.getPort(), url.getHost(), "/metrics").send().await().bodyAsString();
        for (String line : List.of("branchline_node_slots 2.0", "branchline_node_busy_slots 0.0", "branchline_node_leases_held 0.0",
                "branchline_node_renders_total 1.0", "branchline_node_render_failures_total 1.0", "branchline_node_leases_lost_total 0.0")) {
            assertTrue(text.contains(line + "\n"), "the node's /metrics has " + line + "\n" + text);
        }
        // The node advertises itself every renewal period; the engine lists what it said.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ClusterNodes.Node seen = null;
        while (System.nanoTime() < deadline) {
            seen = dispatch.view().nodes().get(0);
            if (seen.rendered() == 1 && seen.failures() == 1) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(new ClusterNodes.Node("n", node.url(), "v", "cpu", 2, 0, 0, 1, 1, 0, seen.lastSeenMsAgo()), seen);
        assertEquals(2, dispatch.view().dispatchMicros().length, "both jobs' dispatch was timed");
        assertEquals(2, dispatch.view().granted());
    }
}
