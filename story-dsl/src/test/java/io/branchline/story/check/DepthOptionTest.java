package io.branchline.story.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.StoryJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code depth "…"} option of image shots: parsed, checked against its picture, carried to the resolved shot. */
class DepthOptionTest {

    @TempDir
    Path dir;

    private void png(String name, int width, int height) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(name).toFile());
    }

    private CompileResult compile(String... lines) throws IOException {
        Path story = dir.resolve("main.story");
        Files.writeString(story, String.join("\n", lines) + "\n");
        return StoryCompiler.compile(story, "main.story", SourceReader.DISK);
    }

    private static List<String> found(CompileResult result) {
        return result.diagnostics().stream().map(d -> d.code() + " " + d.line() + ":" + d.column() + " " + d.severity().word()).toList();
    }

    @Test
    void aDepthMapOfThePicturesShapeCompilesAndReachesTheResolvedShot() throws IOException {
        png("assets/door.png", 300, 200);
        png("assets/door-depth.png", 150, 100);
        CompileResult result = compile(
                "=== start ===",
                "shot 3s image \"assets/door.png\" motion pan-left depth \"assets/door-depth.png\"",
                "shot 3s image \"assets/door.png\" depth \"assets/door-depth.png\" motion zoom-out",
                "shot 3s image \"assets/door.png\" depth \"assets/door-depth.png\"",
                "shot 3s image \"assets/door.png\"",
                "-> END");
        assertTrue(result.ok(), result.diagnostics().toString());
        assertEquals(List.of(), found(result));

        // Through a JSON round trip, as a compiled story is stored and served.
        CompiledStory story = StoryJson.read(StoryJson.write(result.story()));
        List<ResolvedShot> shots = new Evaluator(story).start().shots();
        assertEquals("assets/door-depth.png", shots.get(0).depth());
        assertEquals("pan-left", shots.get(0).motion());
        assertEquals("assets/door-depth.png", shots.get(1).depth());
        assertEquals("zoom-out", shots.get(1).motion());
        assertEquals("zoom-in", shots.get(2).motion(), "depth alone leaves the default motion");
        assertEquals(null, shots.get(3).depth());
        assertTrue(story.assets().stream().anyMatch(a -> a.path().equals("assets/door-depth.png")), "the depth map is an asset of the story");
        assertTrue(!StoryJson.write(result.story()).contains("\"depth\" : null"), "an image without a depth map is written as before");
    }

    @Test
    void aResolvedShotKeepsItsDepthMapThroughJson() throws Exception {
        // Render jobs carry resolved shots as JSON (the job store, the cluster's event bus).
        ResolvedShot shot = new ResolvedShot("image", 2000, null, null, null, "assets/door.png", "pan-left", null, null, null,
                io.branchline.story.model.Step.Transition.CUT, null, 7, null, false, 3, "assets/door-depth.png");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(shot, json.readValue(json.writeValueAsString(shot), ResolvedShot.class));
        ResolvedShot flat = new ResolvedShot("image", 2000, null, null, null, "assets/door.png", "pan-left", null, null, null,
                io.branchline.story.model.Step.Transition.CUT, null, 7, null, false, 3);
        String written = json.writeValueAsString(flat);
        assertTrue(!written.contains("depth"), "a shot without a depth map is written as before: " + written);
        assertEquals(flat, json.readValue(written, ResolvedShot.class));
    }

    @Test
    void aMissingDepthMapIsReportedAtItsPath() throws IOException {
        png("assets/door.png", 300, 200);
        CompileResult result = compile(
                "=== start ===",
                "shot 3s image \"assets/door.png\" motion pan-left depth \"assets/gone.png\"",
                "-> END");
        assertEquals(List.of("BL0034 2:55 error"), found(result));
        Diagnostic d = result.diagnostics().get(0);
        assertTrue(d.message().contains("assets/gone.png"), d.message());
    }

    @Test
    void aDepthMapThatIsNotAPictureIsRefused() throws IOException {
        png("assets/door.png", 300, 200);
        Files.writeString(dir.resolve("assets/notes.png"), "near things are white\n");
        CompileResult result = compile(
                "=== start ===",
                "shot 3s image \"assets/door.png\" depth \"assets/notes.png\"",
                "-> END");
        assertEquals(List.of("BL0036 2:39 error"), found(result));
    }

    @Test
    void depthOnAShotThatIsNotAnImageIsAnError() throws IOException {
        CompileResult result = compile(
                "=== start ===",
                "shot 3s generate \"a lighthouse at dusk\" depth \"assets/d.png\"",
                "shot 3s title \"Later\"",
                "-> END");
        assertEquals(List.of("BL0039 2:41 error"), found(result));
        assertTrue(result.diagnostics().get(0).message().contains("generate"), result.diagnostics().get(0).message());
    }

    @Test
    void aDepthMapOfAnotherShapeIsAWarningAndStillCompiles() throws IOException {
        png("assets/door.png", 300, 200);
        png("assets/square.png", 100, 100);
        CompileResult result = compile(
                "=== start ===",
                "shot 3s image \"assets/door.png\" motion pan-left depth \"assets/square.png\"",
                "-> END");
        assertEquals(List.of("BL0108 2:55 warning"), found(result));
        assertTrue(result.ok());
        String message = result.diagnostics().get(0).message();
        assertTrue(message.contains("100x100") && message.contains("300x200"), message);
    }

    @Test
    void depthIsNotReservedAndMayStillNameAVariable() throws IOException {
        CompileResult result = compile(
                "var depth = 3",
                "=== start ===",
                "shot 2s title \"{depth} metres down\"",
                "-> END");
        assertEquals(List.of(), found(result));
    }
}
