package io.branchline.engine.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.worker.WorkerProtocol.GenerateJob;
import io.branchline.renderer.RenderFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The worker protocol's messages: what is accepted, and the words used when something is not. */
class WorkerProtocolTest {

    private static final GenerateJob JOB = GenerateJob.of("j1", "a ferry", 7, new RenderFormat(64, 48, 10, 1000), 1000);

    static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static JsonObject hello(int protocol, String worker, JsonObject model) {
        return new JsonObject().put("protocol", protocol).put("worker", worker).put("model", model);
    }

    private static JsonObject model() {
        return new JsonObject().put("name", "sdxl-turbo").put("version", "1.0").put("hash", "sha256:abc");
    }

    @Test
    void aGenerateJobCarriesTheShotAndTheFormat() {
        JsonObject json = JOB.toJson();
        assertEquals("generate", json.getString("type"));
        assertEquals(1, json.getInteger("protocol"));
        assertEquals(10, json.getInteger("frames"));
        assertEquals(64, json.getInteger("width"));
        assertEquals(48, json.getInteger("height"));
        assertEquals(7L, json.getLong("seed"));
        assertEquals("png", json.getString("encoding"));
        assertEquals(WorkerProtocol.RESULTS, json.getString("resultAddress"));
    }

    @Test
    void theSchemaInTheDocsListsWhatAJobCarries() throws Exception {
        JsonObject schema = new JsonObject(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "worker-protocol.schema.json")));
        JsonObject defs = schema.getJsonObject("$defs");
        assertEquals(new java.util.TreeSet<>(JOB.toJson().fieldNames()),
                new java.util.TreeSet<>(defs.getJsonObject("GenerateJob").getJsonArray("required").stream().map(Object::toString).toList()));
        assertEquals(new java.util.TreeSet<>(defs.getJsonObject("GenerateJob").getJsonObject("properties").fieldNames()),
                new java.util.TreeSet<>(JOB.toJson().fieldNames()));
        assertEquals(WorkerProtocol.VERSION, defs.getJsonObject("Hello").getJsonObject("properties").getJsonObject("protocol").getInteger("const"));
    }

    @Test
    void aHelloNamesTheWorkerAndItsModel() {
        WorkerProtocol.Hello hello = WorkerProtocol.hello(hello(1, "gpu-1", model()));
        assertEquals("branchline.worker.gpu-1", hello.address());
        assertEquals("worker:sdxl-turbo@1.0#sha256:abc", hello.model().modelHash());
    }

    @Test
    void helloMistakesAreNamed() {
        assertEquals("the worker speaks protocol 2; this engine speaks protocol 1",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.hello(hello(2, "gpu-1", model()))).getMessage());
        assertTrue(assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.hello(hello(1, "gpu 1", model()))).getMessage()
                .contains("'worker' must be"));
        assertEquals("hello: expected 'model', an object with name, version and hash",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.hello(hello(1, "gpu-1", null))).getMessage());
        assertEquals("hello.model: expected 'hash', a non-empty string",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.hello(hello(1, "gpu-1", model().put("hash", "")))).getMessage());
    }

    @Test
    void resultsAreRead() throws Exception {
        byte[] png = png(64, 48);
        var frames = (WorkerProtocol.Frames) WorkerProtocol.result(new JsonObject().put("type", "frames").put("job", "j1").put("first", 3)
                .put("frames", new JsonArray().add(Base64.getEncoder().encodeToString(png))));
        assertEquals(3, frames.first());
        assertEquals(List.of(png.length), frames.png().stream().map(b -> b.length).toList());
        assertEquals(new WorkerProtocol.Done("j1", 10), WorkerProtocol.result(new JsonObject().put("type", "done").put("job", "j1").put("frames", 10)));
        assertEquals(new WorkerProtocol.Failed("j1", "CUDA out of memory"),
                WorkerProtocol.result(new JsonObject().put("type", "failed").put("job", "j1").put("message", "CUDA out of memory")));
        assertEquals("frames: frame 0 is not valid base64 (Illegal base64 character 21)",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.result(new JsonObject().put("type", "frames").put("job", "j1")
                        .put("first", 0).put("frames", new JsonArray().add("!!")))).getMessage());
        assertEquals("result: unknown type 'frame'; expected frames, done or failed",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.result(new JsonObject().put("type", "frame").put("job", "j1"))).getMessage());
    }

    @Test
    void aFrameMustBeAPngOfTheJobsSize() throws Exception {
        assertEquals(64, WorkerProtocol.frame(JOB, 0, png(64, 48)).getWidth());
        assertEquals("frame 2 is 48x64; the job asked for 64x48",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.frame(JOB, 2, png(48, 64))).getMessage());
        assertEquals("frame 1 is not a PNG image (expected the PNG signature)",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.frame(JOB, 1, "GIF89a....".getBytes())).getMessage());
        assertEquals("frame 10 is out of range: the job asked for 10 frames (0 to 9)",
                assertThrows(WorkerProtocol.Refused.class, () -> WorkerProtocol.frame(JOB, 10, png(64, 48))).getMessage());
    }

    @Test
    void aJobRefusesTooFewFramesAndDuplicates() throws Exception {
        WorkerJob job = new WorkerJob(JOB, "gpu-1", 5_000);
        job.accept(new WorkerProtocol.Frames("j1", 0, List.of(png(64, 48))));
        job.accept(new WorkerProtocol.Done("j1", 1));
        var e = assertThrows(io.branchline.renderer.RenderException.class, () -> job.frame(1));
        assertEquals("generate job j1 on GPU worker 'gpu-1' failed: the worker said done after 1 frames (1 received); the job asked for 10",
                e.getMessage());
        WorkerJob twice = new WorkerJob(JOB, "gpu-1", 5_000);
        twice.accept(new WorkerProtocol.Frames("j1", 0, List.of(png(64, 48))));
        twice.accept(new WorkerProtocol.Frames("j1", 0, List.of(png(64, 48))));
        assertEquals("generate job j1 on GPU worker 'gpu-1' failed: frame 0 was sent twice",
                assertThrows(io.branchline.renderer.RenderException.class, () -> twice.frame(1)).getMessage());
    }

    @Test
    void aSilentWorkerFailsTheJob() {
        WorkerJob job = new WorkerJob(JOB, "gpu-1", 50);
        var e = assertThrows(io.branchline.renderer.RenderException.class, () -> job.frame(0));
        assertTrue(e.getMessage().contains("no word from the worker for 50 ms (waiting for frame 0 of 10"), e.getMessage());
    }
}
