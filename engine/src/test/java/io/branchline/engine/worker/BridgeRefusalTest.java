package io.branchline.engine.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that breaks the protocol, spoken to over a real bridge connection by a worker written
 * here with plain sockets (the wire format is the bridge's: 4-byte length, JSON): each bad reply
 * fails the job with words that name what was wrong.
 */
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
class BridgeRefusalTest {

    private static final RenderFormat FORMAT = new RenderFormat(64, 48, 10, 1000);

    private Vertx vertx;
    private WorkerBridge bridge;
    private int port;

    @BeforeEach
    void start() throws Exception {
        // The engine's own Vert.x, whose HTTP guard closes a connection with no header block in 300 ms here.
        vertx = io.branchline.engine.http.GuardedTransport.vertx(io.branchline.engine.http.ServerLimits.fromSystemProperties().withTimeouts(30_000, 300));
        bridge = new WorkerBridge(vertx, 10_000);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        bridge.listen("localhost", port).await();
    }

    @AfterEach
    void stop() {
        bridge.close().await();
        vertx.close().await();
    }

    /** A worker that answers each job with the messages {@code reply} makes of it. */
    private final class FakeWorker implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final DataInputStream in;
        final Thread loop;

        FakeWorker(BiFunction<JsonObject, Integer, JsonArray> reply) throws Exception {
            socket = new Socket("localhost", port);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
            write(new JsonObject().put("type", "register").put("address", "branchline.worker.fake"));
            write(new JsonObject().put("type", "send").put("address", WorkerProtocol.HELLO).put("replyAddress", "hello-1").put("body",
                    new JsonObject().put("protocol", 1).put("worker", "fake").put("model",
                            new JsonObject().put("name", "fake").put("version", "1").put("hash", "h"))));
            JsonObject answer = read();
            assertEquals("message", answer.getString("type"), answer.encode());
            assertEquals(true, answer.getJsonObject("body").getBoolean("accepted"));
            loop = new Thread(() -> {
                try {
                    while (true) {
                        JsonObject job = read().getJsonObject("body");
                        for (Object body : reply.apply(job, job.getInteger("frames"))) {
                            write(new JsonObject().put("type", "send").put("address", WorkerProtocol.RESULTS).put("body", body));
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            loop.start();
        }

        synchronized void write(JsonObject message) throws IOException {
            byte[] bytes = message.encode().getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
        }

        JsonObject read() throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws Exception {
            socket.close();
            loop.join(5000);
        }
    }

    private static String png(int width, int height) throws IOException {
        try {
            return Base64.getEncoder().encodeToString(WorkerProtocolTest.png(width, height));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private String failure(BiFunction<JsonObject, Integer, JsonArray> reply) throws Exception {
        try (FakeWorker worker = new FakeWorker(reply)) {
            ShotPainter painter = new BridgeFrameGenerator(bridge).prepare("a ferry", 7, FORMAT, 1000);
            BufferedImage target = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            String message = assertThrows(RenderException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    painter.paint(i, target);
                }
            }).getMessage();
            painter.close();
            return message.substring(message.indexOf("failed: ") + "failed: ".length());
        }
    }

    private static JsonObject frames(JsonObject job, int first, JsonArray frames) {
        return new JsonObject().put("type", "frames").put("job", job.getString("job")).put("first", first).put("frames", frames);
    }

    @Test
    void aWorkerStaysConnectedPastTheHttpHeaderDeadlineAndItsFramesArePainted() throws Exception {
        try (FakeWorker worker = new FakeWorker((job, n) -> {
            JsonArray all = new JsonArray();
            try {
                for (int i = 0; i < n; i++) {
                    all.add(png(64, 48));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new JsonArray().add(frames(job, 0, all)).add(new JsonObject().put("type", "done").put("job", job.getString("job")).put("frames", n));
        })) {
            Thread.sleep(900);
            assertEquals(1, bridge.workers(), "the worker is still connected");
            try (ShotPainter painter = new BridgeFrameGenerator(bridge).prepare("a ferry", 7, FORMAT, 1000)) {
                BufferedImage target = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
                for (int i = 0; i < 10; i++) {
                    painter.paint(i, target);
                }
            }
            assertEquals("worker:fake@1#h", new BridgeFrameGenerator(bridge).modelHash());
        }
    }

    @Test
    void anotherConnectionCannotTakeAConnectedWorkersAddress() throws Exception {
        try (FakeWorker worker = new FakeWorker((job, n) -> new JsonArray());
             Socket thief = new Socket("localhost", port)) {
            thief.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(thief.getOutputStream());
            byte[] register = new JsonObject().put("type", "register").put("address", "branchline.worker.fake").encode().getBytes(StandardCharsets.UTF_8);
            out.writeInt(register.length);
            out.write(register);
            out.flush();
            DataInputStream in = new DataInputStream(thief.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            JsonObject err = new JsonObject(new String(answer, StandardCharsets.UTF_8));
            assertEquals("err", err.getString("type"), err.encode());
            assertEquals(1, bridge.workers());
        }
    }

    @Test
    void aFrameOfTheWrongSize() throws Exception {
        assertEquals("the worker's frame 0 is 32x32; the job asked for 64x48",
                failure((job, n) -> {
                    try {
                        return new JsonArray().add(frames(job, 0, new JsonArray().add(png(32, 32))));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    @Test
    void aFrameThatIsNoImage() throws Exception {
        assertEquals("the worker's frame 0 is not a PNG image (expected the PNG signature)",
                failure((job, n) -> new JsonArray().add(frames(job, 0, new JsonArray().add(Base64.getEncoder().encodeToString("hello".getBytes()))))));
    }

    @Test
    void tooFewFrames() throws Exception {
        assertEquals("the worker said done after 1 frames (1 received); the job asked for 10",
                failure((job, n) -> {
                    try {
                        return new JsonArray().add(frames(job, 0, new JsonArray().add(png(64, 48))))
                                .add(new JsonObject().put("type", "done").put("job", job.getString("job")).put("frames", 1));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    @Test
    void tooManyFrames() throws Exception {
        JsonArray eleven = new JsonArray();
        for (int i = 0; i < 11; i++) {
            eleven.add(png(64, 48));
        }
        assertEquals("frame 10 is out of range: the job asked for 10 frames (0 to 9)",
                failure((job, n) -> new JsonArray().add(frames(job, 0, eleven))));
    }

    @Test
    void aWorkerThatSaysItFailed() throws Exception {
        assertEquals("the worker could not generate the shot: CUDA out of memory",
                failure((job, n) -> new JsonArray().add(new JsonObject().put("type", "failed").put("job", job.getString("job"))
                        .put("message", "CUDA out of memory"))));
    }
}
