package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code branchline models list|check DIR} on a good folder and a bad one. */
class ModelsCommandTest {

    @TempDir
    Path dir;

    static byte[] style(String output, long channels) {
        OnnxGraph g = new OnnxGraph("style");
        Value in = g.input("input1", 1, channels, 224, 224);
        g.output(output, g.clip(in, 0, 255), 1, channels, 224, 224);
        return g.toModel();
    }

    static byte[] depth() {
        OnnxGraph g = new OnnxGraph("depth");
        Value pixels = g.input("pixel_values", 1, 3, 518, 518);
        g.output("predicted_depth", g.op("ReduceMean", Map.of("axes", new long[] {1}, "keepdims", 0L), pixels), 1, 518, 518);
        return g.toModel();
    }

    void write(String path, byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.write(dir.resolve(path), bytes);
    }

    @Test
    void aGoodFolderChecksCleanAndShowsEachHash() throws IOException {
        write("depth/model.onnx", depth());
        write("styles/mosaic.onnx", style("output1", 3));
        MainTest.Run run = MainTest.run("models", "check", dir.toString());
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("depth/model.onnx"), run.out());
        assertTrue(run.out().contains("sha256 " + ContentKey.sha256(Files.readAllBytes(dir.resolve("styles/mosaic.onnx")))), run.out());
        assertTrue(run.out().contains("ok"), run.out());

        MainTest.Run list = MainTest.run("models", "list", dir.toString());
        assertEquals(0, list.code(), list.all());
        assertTrue(list.out().contains("style \"mosaic\""), list.out());
    }

    @Test
    void aWrongExportFailsNamingTheTensor() throws IOException {
        write("depth/model.onnx", depth());
        write("styles/candy.onnx", style("output", 3));
        write("styles/udnie.onnx", style("output1", 1));
        MainTest.Run run = MainTest.run("models", "check", dir.toString());
        assertEquals(1, run.code(), run.all());
        assertTrue(run.out().contains("output \"output1\" is missing; the model's outputs are [output]"), run.out());
        assertTrue(run.out().contains("input \"input1\" has shape [1, 1, 224, 224]; expected [1, 3, ?, ?] (axis 1 differs)"), run.out());
        assertTrue(run.err().contains("2 models are not what their backends expect"), run.err());
    }

    @Test
    void anEmptyFolderOrNoFolderIsAnError() throws IOException {
        MainTest.Run empty = MainTest.run("models", "check", dir.toString());
        assertEquals(1, empty.code(), empty.all());
        assertTrue(empty.err().contains("nothing is installed"), empty.err());
        MainTest.Run none = MainTest.run("models", "list", dir.resolve("nope").toString());
        assertEquals(2, none.code(), none.all());
        assertTrue(none.err().contains("no such models folder"), none.err());
    }

    @Test
    void renderRefusesAnIncompleteExport() throws IOException {
        Files.writeString(dir.resolve("model_index.json"), "{}");
        Path story = Files.writeString(dir.resolve("small.story"), String.join("\n",
                "title: Small", "format: 240x426 30fps", "segment: 1s", "=== start ===", "shot 2s color \"#203040\"", "-> END", ""));
        MainTest.Run run = MainTest.run("render", story.toString(), "--out", dir.resolve("out").toString(),
                "--data", dir.resolve("data").toString(), "--models", dir.toString());
        assertEquals(1, run.code(), run.all());
        assertTrue(run.err().contains("text_encoder/model.onnx is missing"), run.err());
        MainTest.Run nowhere = MainTest.run("render", story.toString(), "--out", dir.resolve("out").toString(),
                "--data", dir.resolve("data").toString(), "--models", dir.resolve("nope").toString());
        assertEquals(1, nowhere.code(), nowhere.all());
        assertTrue(nowhere.err().contains("nope does not exist (set by --models)"), nowhere.err());
    }
}
