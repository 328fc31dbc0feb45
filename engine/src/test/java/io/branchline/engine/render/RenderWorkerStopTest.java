package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the render worker in the middle of a real render: the scene renderer into the segment
 * store, with a styler (the "model") that styles one frame per permit the test hands out, so the
 * render stands exactly where the test wants it, whatever the machine's speed. Closing the render
 * tools closes that styler: the test sees when the models were closed against when the render
 * thread ended.
 */
class RenderWorkerStopTest {

    private static final int FPS = 30;
    /** Half a second: the first segment is stored after fifteen frames, long before the shot ends. */
    private static final long SEGMENT_MS = 500;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** One permit styles one frame. */
    private final Semaphore permits = new Semaphore(0);
    /** The frames the styler was asked for, as it is asked. */
    private final BlockingQueue<Integer> asked = new LinkedBlockingQueue<>();
    private final AtomicInteger styling = new AtomicInteger();
    private final AtomicBoolean closedWhileStyling = new AtomicBoolean();

    /** A styler that waits for a permit per frame and records its own closing. */
    private final FrameStyler steppedStyler = new FrameStyler() {
        @Override
        public ShotStyle prepare(String stylePrompt, long seed, RenderFormat format) {
            return (frame, image) -> {
                styling.incrementAndGet();
                try {
                    log.add("frame " + frame);
                    asked.add(frame);
                    if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the test gave no permit for frame " + frame);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    styling.decrementAndGet();
                }
            };
        }

        @Override
        public String modelHash() {
            return "stepped-test-styler";
        }

        @Override
        public void close() {
            closedWhileStyling.set(styling.get() > 0);
            log.add("models closed");
        }
    };

    private static RenderJob job(String key, String reason) {
        ResolvedShot shot = new ResolvedShot("color", 3000, null, null, "#336699", null, null, null, null, null,
                Step.Transition.CUT, "charcoal sketch", 1, null, true, 1);
        return new RenderJob(key, "/stories/x", 64, 36, FPS, SEGMENT_MS, "AI-generated", List.of(shot), reason, true, null, 1, 0);
    }

    private static String key(int n) {
        return String.format("%064x", n);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static ReplyException failure(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(f));
        return (ReplyException) e.getCause();
    }

    /** Lets one frame be styled and waits until the renderer asks for the next one. */
    private int step() throws InterruptedException {
        permits.release();
        Integer next = asked.poll(30, TimeUnit.SECONDS);
        assertNotNull(next, "the render asked for no further frame");
        return next;
    }

    @Test
    void stoppingCancelsTheRenderAtAFrameWaitsForItsThreadThenClosesTheModelsAndKeepsNothing(@TempDir Path root) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (SegmentStore store = SegmentStore.open(root, 1L << 30)) {
            RenderTools tools = new RenderTools(() -> null, () -> steppedStyler);
            StoreRender real = new StoreRender(store, tools);
            RenderFunction render = (job, ready, cancel) -> {
                try {
                    return real.render(job, ready, cancel);
                } finally {
                    log.add("render ended");
                }
            };
            String id = await(vertx.deployVerticle(new RenderWorkerVerticle(render, 1, null, tools)));
            List<Integer> ready = Collections.synchronizedList(new ArrayList<>());
            vertx.eventBus().<JsonObject>consumer(RenderAddresses.SEGMENT_READY, m -> ready.add(m.body().getInteger("index")));

            Future<Object> running = vertx.eventBus().request(RenderAddresses.JOBS, job(key(1), RenderJob.ON_DEMAND)).map(m -> m.body());
            assertEquals(0, asked.poll(30, TimeUnit.SECONDS), "the render reached its first frame");
            Future<Object> queued = vertx.eventBus().request(RenderAddresses.JOBS, job(key(2), RenderJob.SPECULATIVE)).map(m -> m.body());
            assertEquals(new JsonObject().put(key(1), "rendering").put(key(2), "queued"), await(vertx.eventBus().<JsonObject>request(
                    RenderAddresses.STATUS, new JsonObject().put("keys", new JsonArray().add(key(1)).add(key(2)))).map(m -> m.body())));

            // On until the first segment is stored, so that the store holds something partial to throw away.
            int frame = 0;
            while (!store.partial(key(1), SceneFiles.segmentName(0)).isPresent()) {
                frame = step();
                assertTrue(frame < 60, "no segment after " + frame + " frames");
            }
            int stoppedIn = frame; // the styler now holds frame `stoppedIn`: the render thread is inside the "model"

            Future<Void> stopped = vertx.undeploy(id);
            assertEquals(RenderAddresses.SHUTTING_DOWN, failure(queued).failureCode(), "the queued job is answered at once");
            assertFalse(stopped.isComplete(), "stopping waits for the render, which is inside the styler");
            assertFalse(log.contains("models closed"), "the models stay open while a frame is being styled");

            permits.release(); // frame `stoppedIn` finishes; the render looks at its token before the next frame
            await(stopped);

            ReplyException cancelled = failure(running);
            assertEquals(RenderAddresses.CANCELLED, cancelled.failureCode());
            assertTrue(cancelled.getMessage().contains("before frame " + (stoppedIn + 1)), cancelled.getMessage());
            List<String> expected = new ArrayList<>();
            for (int f = 0; f <= stoppedIn; f++) {
                expected.add("frame " + f);
            }
            expected.add("render ended");
            expected.add("models closed");
            assertEquals(expected, log, "no frame after the cancel; the models closed after the render thread ended");
            assertFalse(closedWhileStyling.get());
            assertTrue(ready.contains(0), "a segment had been announced before the stop");

            assertTrue(store.scene(key(1)).isEmpty(), "no visit committed");
            assertTrue(store.partial(key(1), SceneFiles.INIT).isEmpty() && store.partial(key(1), SceneFiles.segmentName(0)).isEmpty());
            assertFalse(store.rendering(key(1)));
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> media = files.filter(p -> p.toString().endsWith(".m4s") || p.toString().endsWith(".mp4")).toList();
                assertEquals(List.of(), media, "the cancelled render's files are gone from the disk");
            }
        } finally {
            permits.release(1000);
            await(vertx.close());
        }
    }
    /**
     * A fake render of nine frames, a segment every three: before each frame it looks at its
     * cancel token, then waits for a permit of its key's own.
     */
    private RenderFunction steppedFake(java.util.Map<String, Semaphore> frames) {
        return (job, ready, cancel) -> {
            try {
                for (int f = 0; f < 9; f++) {
                    cancel.check(f);
                    log.add(job.key() + " frame " + f);
                    asked.add(f);
                    if (!frames.get(job.key()).tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("no permit for " + job.key() + " frame " + f);
                    }
                    if (f % 3 == 2) {
                        ready.accept(f / 3);
                    }
                }
                return new RenderOutcome(job.key(), 3, 9, 1, false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                log.add(job.key() + " ended");
            }
        };
    }

    @Test
    void aRenderParkedForAnOnDemandOneIsCancelledTooAndTheModelsCloseAfterBoth() throws Exception {
        Vertx vertx = Vertx.vertx();
        java.util.Map<String, Semaphore> frames = java.util.Map.of("spec", new Semaphore(0), "needed", new Semaphore(0));
        try {
            AutoCloseable models = () -> log.add("models closed");
            String id = await(vertx.deployVerticle(new RenderWorkerVerticle(steppedFake(frames), 1, null, models)));
            Future<Object> spec = vertx.eventBus().request(RenderAddresses.JOBS, job("spec", RenderJob.SPECULATIVE)).map(m -> m.body());
            assertEquals(0, asked.poll(30, TimeUnit.SECONDS));
            Future<Object> needed = vertx.eventBus().request(RenderAddresses.JOBS, job("needed", RenderJob.ON_DEMAND)).map(m -> m.body());
            await(vertx.eventBus().request(RenderAddresses.STATUS, new JsonObject())); // the worker has taken both jobs
            frames.get("spec").release(3); // spec ends frame 0 and parks for needed before frame 1
            assertEquals(0, asked.poll(30, TimeUnit.SECONDS), "needed started: spec is parked");
            assertEquals(new JsonObject().put("spec", "queued").put("needed", "rendering"), await(vertx.eventBus().<JsonObject>request(
                    RenderAddresses.STATUS, new JsonObject().put("keys", new JsonArray().add("spec").add("needed"))).map(m -> m.body())));

            Future<Void> stopped = vertx.undeploy(id);
            ReplyException parked = failure(spec);
            assertEquals(RenderAddresses.CANCELLED, parked.failureCode(), "the parked render goes on to its next frame and stops there");
            assertTrue(parked.getMessage().contains("before frame 1"), parked.getMessage());
            assertFalse(stopped.isComplete(), "needed still holds a frame");
            assertFalse(log.contains("models closed"));

            frames.get("needed").release();
            await(stopped);
            ReplyException running = failure(needed);
            assertEquals(RenderAddresses.CANCELLED, running.failureCode());
            assertTrue(running.getMessage().contains("before frame 1"), running.getMessage());
            assertEquals(List.of("spec frame 0", "needed frame 0", "spec ended", "needed ended", "models closed"), log);
        } finally {
            frames.values().forEach(s -> s.release(100));
            await(vertx.close());
        }
    }
}
