package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A started render never waits for a thread: parked renders hold theirs (they wait for a slot),
 * so a render the scheduler starts while more are parked than the pool keeps warm must still
 * run, or the parked ones and the started one wait for each other for ever.
 */
class RenderThreadsTest {

    @Test
    void moreRendersThanWarmThreadsAllRunAtOnce() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RenderThreads threads = new RenderThreads(1);
            CountDownLatch allRunning = new CountDownLatch(3);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Integer>> renders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                renders.add(threads.run(vertx.getOrCreateContext(), cancel -> {
                    allRunning.countDown();
                    try {
                        release.await(); // a parked render: it holds its thread until resumed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return n;
                }));
            }
            assertTrue(allRunning.await(10, TimeUnit.SECONDS), "three renders on a pool that keeps one thread warm all run at once");
            release.countDown();
            for (int i = 0; i < 3; i++) {
                assertEquals(i, renders.get(i).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
            assertTrue(threads.shutdownAndWait(10_000));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
