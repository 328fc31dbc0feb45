package io.branchline.engine.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.Signed;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.render.RenderOutcome;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoredScene;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import io.vertx.core.Vertx;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python reference worker (workers/python/worker.py, run with the machine's python3) makes a
 * story's generated shots through the TCP event bus bridge: its frames are what is painted and
 * stored, its declared model is in the content key and the Content Credentials, and a worker
 * that dies mid-job fails the job with words an operator understands.
 */
class PythonWorkerTest {

    static final Path WORKER = Path.of("..", "workers", "python", "worker.py").toAbsolutePath().normalize();
    static final String TRIVIAL_HASH = "worker:branchline-reference-trivial@1#sha256:"
            + sha256("branchline-reference-trivial/1: colour from sha256(prompt|seed), bar at frame*8").substring(0, 32);
    /** The Python to run the worker with: {@code -Dbranchline.python3=PATH} names another (a virtual environment's, say). */
    static final String PYTHON = System.getProperty("branchline.python3", "python3");
    static final RenderFormat FORMAT = new RenderFormat(64, 48, 10, 1000);

    static Vertx vertx;
    static WorkerBridge bridge;
    static int port;
    final List<Process> workers = new ArrayList<>();

    @BeforeAll
    static void startTheBridge() throws Exception {
        if (!python3()) {
            return;
        }
        vertx = Vertx.vertx();
        bridge = new WorkerBridge(vertx, 10_000);
        port = freePort();
        bridge.listen("localhost", port).await();
    }

    @org.junit.jupiter.api.BeforeEach
    void needsPython() {
        Assumptions.assumeTrue(vertx != null, "no " + PYTHON + " on this machine: the Python reference worker cannot run, so this test is skipped");
    }

    @AfterAll
    static void stopTheBridge() {
        if (vertx != null) {
            bridge.close().await();
            vertx.close().await();
        }
    }

    @AfterEach
    void stopTheWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        workers.clear();
        awaitWorkers(0);
    }

    @Test
    void theWorkersFramesArePaintedFrameForFrame() throws Exception {
        startWorker("paint");
        BridgeFrameGenerator generator = new BridgeFrameGenerator(bridge);
        assertEquals(TRIVIAL_HASH, generator.modelHash());
        assertEquals("branchline-reference-trivial", generator.name());
        byte[] colour = MessageDigestHolder.sha256Bytes("a ferry at night|7");
        int background = (colour[0] & 0xff) << 16 | (colour[1] & 0xff) << 8 | colour[2] & 0xff;
        try (ShotPainter painter = generator.prepare("a ferry at night", 7, FORMAT, 1000)) {
            BufferedImage target = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            for (int frame = 0; frame < 10; frame++) {
                painter.paint(frame, target);
                int bar = frame * 8 % 64;
                assertEquals(0xffffff, target.getRGB(bar, 20) & 0xffffff, "the white bar of frame " + frame);
                assertEquals(background, target.getRGB((bar + 20) % 64, 20) & 0xffffff, "the background of frame " + frame);
            }
        }
    }

    @Test
    void aStorysGeneratedShotRendersThroughTheWorkerWithItsModelInTheKeyAndTheCredentials(@TempDir Path root) throws Exception {
        startWorker("render");
        RenderTools tools = RenderTools.withGenerator(new BridgeFrameGenerator(bridge), null, OptionalInt.empty());
        RenderJob job = job(root, tools);
        assertEquals(ContentKey.of(job.request(), stub(TRIVIAL_HASH)), job.key(), "the key is made with the worker's declared model");
        assertNotEquals(ContentKey.of(job.request(), stub(TRIVIAL_HASH + "0")), job.key(), "another model makes another key");
        try (SegmentStore store = SegmentStore.open(root.resolve("store"), 1L << 30)) {
            StoreRender render = new StoreRender(store, tools).signing(new io.branchline.engine.trust.Provenance(Signed.CREDENTIAL, tools));
            RenderOutcome outcome = render.render(job, i -> { }, RenderCancel.NEVER);
            assertFalse(outcome.reused());
            StoredScene scene = store.scene(job.tierKey()).orElseThrow();
            assertEquals(20, scene.frames(), "two seconds at 10 fps");
            byte[] init = Files.readAllBytes(store.file(job.tierKey(), "init.mp4").orElseThrow().path());
            String text = new String(init, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains(TRIVIAL_HASH), "the Content Credentials name the worker's model hash");
            assertTrue(text.contains("branchline-reference-trivial"), "the Content Credentials name the worker's model");
        }
    }

    @Test
    void aWorkerThatDiesMidJobFailsTheJobAndARetryWithAWorkerBackSucceeds(@TempDir Path root) throws Exception {
        Path module = root.resolve("dying.py");
        Files.writeString(module, """
                import os, sys
                sys.path.insert(0, %s)
                import worker
                def generate_frames(prompt, seed, width, height, frames, fps):
                    for i, frame in enumerate(worker.generate_frames(prompt, seed, width, height, frames, fps)):
                        if i == 9:
                            os._exit(3)  # the GPU machine goes away mid-shot
                        yield frame
                """.formatted("'" + WORKER.getParent() + "'"));
        Process dying = startWorker("dying", "--generator", "dying:generate_frames", "--model-name", "branchline-reference-trivial",
                "--model-hash", TRIVIAL_HASH.substring(TRIVIAL_HASH.indexOf('#') + 1), "--pythonpath", root.toString());
        RenderTools tools = RenderTools.withGenerator(new BridgeFrameGenerator(bridge), null, OptionalInt.empty());
        RenderJob job = job(root, tools);
        try (SegmentStore store = SegmentStore.open(root.resolve("store"), 1L << 30)) {
            StoreRender render = new StoreRender(store, tools);
            RenderException e = assertThrows(RenderException.class, () -> render.render(job, i -> { }, RenderCancel.NEVER));
            assertTrue(e.getMessage().contains("on GPU worker 'dying' failed: the GPU worker disconnected in the middle of the job (8 of 20 frames received)"),
                    e.getMessage());
            assertTrue(dying.waitFor(5, TimeUnit.SECONDS));
            assertTrue(store.scene(job.tierKey()).isEmpty(), "nothing of the failed render is stored");
            awaitWorkers(0);
            RenderException none = assertThrows(RenderException.class, () -> render.render(job, i -> { }, RenderCancel.NEVER));
            assertEquals("no GPU worker is connected to the worker bridge on port " + port + "; start one (python3 workers/python/worker.py --port "
                    + port + ") and the render will be retried", none.getMessage());
            startWorker("back");
            assertEquals(job.key(), job(root, tools).key(), "the same model back: the same key");
            assertEquals(20, render.render(job, i -> { }, RenderCancel.NEVER).frames());
        }
    }

    @Test
    void aWorkerOfAnotherModelIsRefusedWhileOthersRun() throws Exception {
        startWorker("first");
        Process other = start("other", "--generator", "worker:generate_frames", "--model-name", "other-model", "--model-hash", "x1",
                "--pythonpath", WORKER.getParent().toString());
        assertTrue(other.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, other.exitValue(), "the worker exits when its hello is refused");
        assertEquals(1, bridge.workers());
    }

    // ---- helpers

    private RenderJob job(Path root, RenderTools tools) {
        ResolvedShot shot = new ResolvedShot("generate", 2000, "a ferry at night", null, null, null, null, null, null, null,
                Step.Transition.CUT, null, 7, null, true, 1);
        RenderJob draft = new RenderJob("0".repeat(64), root.toString(), FORMAT.width(), FORMAT.height(), FORMAT.fps(), FORMAT.segmentMs(),
                "AI-generated", List.of(shot), "on-demand", true, null, 1, 0);
        String key = ContentKey.of(draft.request(), tools);
        return new RenderJob(key, root.toString(), FORMAT.width(), FORMAT.height(), FORMAT.fps(), FORMAT.segmentMs(),
                "AI-generated", List.of(shot), "on-demand", true, null, 1, 0);
    }

    private static RenderTools stub(String modelHash) {
        FrameGenerator generator = new FrameGenerator() {
            @Override
            public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String modelHash() {
                return modelHash;
            }
        };
        return new RenderTools(() -> generator, () -> null);
    }

    private Process startWorker(String id, String... more) throws Exception {
        Process p = start(id, more);
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        assertEquals("READY", ready.get(20, TimeUnit.SECONDS), "the worker said hello and was accepted");
        return p;
    }

    private Process start(String id, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, WORKER.toString(), "--port", Integer.toString(port), "--id", id));
        String pythonpath = null;
        for (int i = 0; i < more.length; i++) {
            if (more[i].equals("--pythonpath")) {
                pythonpath = more[++i];
            } else {
                command.add(more[i]);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (pythonpath != null) {
            builder.environment().put("PYTHONPATH", pythonpath);
        }
        Process p = builder.start();
        workers.add(p);
        return p;
    }

    private static void awaitWorkers(int n) throws InterruptedException {
        if (bridge == null) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (bridge.workers() != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, bridge.workers(), "connected workers");
    }

    private static boolean python3() {
        try {
            Process p = new ProcessBuilder(PYTHON, "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(MessageDigestHolder.sha256Bytes(text));
    }

    private static final class MessageDigestHolder {
        static byte[] sha256Bytes(String text) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
