package io.branchline.renderer.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and checking a models folder: an SD-Turbo export, a depth model, style networks. */
class ModelRegistryTest {

    @TempDir
    Path dir;

    /** A depth model with Depth-Anything-V2's signature: pixel_values [b, 3, h, w] → predicted_depth [b, h, w]. */
    static byte[] depthModel() {
        OnnxGraph g = new OnnxGraph("depth");
        Value pixels = g.input("pixel_values", "batch", 3, "height", "width");
        Value depth = g.op("ReduceMean", Map.of("axes", new long[] {1}, "keepdims", 0L), pixels);
        g.output("predicted_depth", depth, "batch", "height", "width");
        return g.toModel();
    }

    /** A style network with fast-neural-style's signature: input1 [1, 3, 224, 224] → output1 of the same shape. */
    static byte[] styleModel(String inputName) {
        OnnxGraph g = new OnnxGraph("style");
        Value in = g.input(inputName, 1, 3, 224, 224);
        g.output("output1", g.clip(in, 0, 255), 1, 3, 224, 224);
        return g.toModel();
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    Map<String, InstalledModel> byPath(List<InstalledModel> models) {
        return models.stream().collect(Collectors.toMap(InstalledModel::path, m -> m));
    }

    @Test
    void listsAndChecksAGoodFolder() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 1);
        write(dir.resolve("depth/model.onnx"), depthModel());
        write(dir.resolve("styles/mosaic.onnx"), styleModel("input1"));
        Map<String, InstalledModel> checked = byPath(ModelRegistry.check(dir));
        assertEquals(List.of(".", "depth/model.onnx", "styles/mosaic.onnx", "text_encoder/model.onnx", "tokenizer",
                "unet/model.onnx", "vae_decoder/model.onnx"), checked.keySet().stream().sorted().toList());
        checked.values().forEach(m -> assertTrue(m.ok(), m.path() + ": " + m.problems()));
        assertEquals(ContentKey.sha256(Files.readAllBytes(dir.resolve("unet/model.onnx"))), checked.get("unet/model.onnx").sha256());
        assertEquals("style \"mosaic\"", checked.get("styles/mosaic.onnx").what());
        assertEquals(Files.size(dir.resolve("depth/model.onnx")), checked.get("depth/model.onnx").bytes());
        assertEquals(new SdTurboExport(dir).identity(), checked.get(".").sha256());
        assertEquals(checked.keySet(), byPath(ModelRegistry.list(dir)).keySet());
    }

    @Test
    void aWrongStyleNetworkIsNamedWithItsTensor() throws IOException {
        write(dir.resolve("styles/candy.onnx"), styleModel("image"));
        write(dir.resolve("depth/model.onnx"), depthModel());
        Map<String, InstalledModel> checked = byPath(ModelRegistry.check(dir));
        assertTrue(checked.get("depth/model.onnx").ok());
        List<String> problems = checked.get("styles/candy.onnx").problems();
        assertTrue(problems.contains("input \"input1\" is missing; the model's inputs are [image]"), problems.toString());
        // Listing does not open the models, so it sees nothing wrong with them.
        assertTrue(byPath(ModelRegistry.list(dir)).get("styles/candy.onnx").ok());
    }

    @Test
    void anExportMissingItsUnetIsReported() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 2);
        Files.delete(dir.resolve("unet/model.onnx"));
        Map<String, InstalledModel> listed = byPath(ModelRegistry.list(dir));
        assertEquals(List.of("unet/model.onnx is missing"), listed.get(".").problems());
    }

    @Test
    void aFileThatIsNotAModelIsReported() throws IOException {
        write(dir.resolve("depth/model.onnx"), "not a model".getBytes());
        InstalledModel depth = byPath(ModelRegistry.check(dir)).get("depth/model.onnx");
        assertEquals(1, depth.problems().size());
        assertTrue(depth.problems().get(0).contains("could not load"), depth.problems().toString());
    }

    @Test
    void anEmptyFolderHoldsNothing() {
        assertTrue(ModelRegistry.check(dir).isEmpty());
    }
}
