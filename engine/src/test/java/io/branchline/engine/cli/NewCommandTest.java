package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.story.CompileResult;
import io.branchline.story.eval.SceneVisit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code branchline new}: the folder it makes compiles with no diagnostic at all, and what it refuses. */
class NewCommandTest {

    @TempDir
    Path dir;

    @Test
    void theNewStoryCompilesWithNoDiagnosticAndHasEveryPartTheTemplatePromises() throws Exception {
        MainTest.Run r = MainTest.run("new", "lantern-night", "--dir", dir.toString());
        assertEquals(0, r.code(), r.all());
        Path folder = dir.resolve("lantern-night");
        Path story = folder.resolve("lantern-night.story");
        assertTrue(Files.isRegularFile(story), r.all());
        assertTrue(Files.isRegularFile(folder.resolve("README.md")));
        CompileResult result = PolicedCompiler.compile(story);
        assertEquals(List.of(), result.diagnostics(), "no error, no warning");
        String text = Files.readString(story);
        assertTrue(text.contains("title: Lantern Night"), text);
        assertTrue(text.contains("shot 3s title "), "a title card");
        assertTrue(text.contains("image \"assets/night.png\" motion zoom-in"), "a picture with motion");
        assertTrue(text.contains("generate \""), "a generated shot");
        assertTrue(text.contains("choice 3s default knock"), "a timed choice");
        assertEquals(2, result.story().scenes().stream().filter(s -> s.exits().stream().anyMatch(e -> e.target().equals("END"))).count(),
                "two endings");
        // The picture is a real 9:16 PNG, not an empty placeholder.
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(folder.resolve("assets/night.png"))));
        assertEquals(360, picture.getWidth());
        assertEquals(640, picture.getHeight());
        // The README names the files and how to check the story, and the output says where it went.
        String readme = Files.readString(folder.resolve("README.md"));
        assertTrue(readme.contains("lantern-night.story") && readme.contains("assets/") && readme.contains("./branchline check"), readme);
        assertTrue(r.out().contains("lantern-night") && r.out().contains("./branchline check") && r.out().contains("/watch/lantern-night"), r.out());
        // Nothing left behind but the story's folder.
        try (var list = Files.list(dir)) {
            assertEquals(List.of(folder), list.toList());
        }
        // And check agrees.
        MainTest.Run check = MainTest.run("check", folder.toString());
        assertEquals(0, check.code(), check.all());
        assertTrue(check.out().contains("checked 1 story: 0 errors, 0 warnings"), check.all());
    }

    @Test
    void aNewStoryPlaysFromItsFirstSceneToAnEnding() throws Exception {
        assertEquals(0, MainTest.run("new", "first", "--dir", dir.toString()).code());
        CompileResult result = PolicedCompiler.compile(dir.resolve("first/first.story"));
        SceneVisit first = io.branchline.engine.render.VisitRequests.first(result.story());
        assertEquals(3, first.shots().size(), "title card, picture, generated shot");
    }

    @Test
    void anExistingFolderIsRefusedAndLeftAlone() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(existing.resolve("mine.txt"), "keep me");
        MainTest.Run r = MainTest.run("new", "taken", "--dir", dir.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("already exists"), r.err());
        assertFalse(r.err().contains("Usage:"), "one message, not the whole usage: " + r.err());
        assertEquals("keep me", Files.readString(existing.resolve("mine.txt")));
        try (var list = Files.list(existing)) {
            assertEquals(1, list.count(), "nothing written into it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"My Story", "my_story", "MyStory", "1st", "_lead", "trail-", "double--hyphen", "../escape", "a/b", "ümlaut"})
    void aBadNameIsRefusedWithWhatANameMayBe(String name) throws Exception {
        MainTest.Run r = MainTest.run("new", name, "--dir", dir.toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("lower-case letters, digits and single hyphens"), r.err());
        assertTrue(r.err().contains("--help"), "a hint where to look: " + r.err());
        try (var list = Files.list(dir)) {
            assertEquals(0, list.count(), "nothing written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "my-story", "night-ferry-2", "x1"})
    void goodNamesAreTaken(String name) {
        assertTrue(StarterStory.problem(name).isEmpty(), name);
    }

    @Test
    void aNameTooLongIsRefused() {
        assertTrue(StarterStory.problem("a".repeat(65)).orElseThrow().contains("at most 64"));
        assertTrue(StarterStory.problem("a".repeat(64)).isEmpty());
    }

    @Test
    void aBadNameGetsASuggestion() {
        assertTrue(StarterStory.problem("My Story").orElseThrow().contains("'my-story'"));
    }
}
