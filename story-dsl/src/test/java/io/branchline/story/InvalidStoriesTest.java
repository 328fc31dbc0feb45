package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.branchline.story.check.SourceReader;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.Severity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stories under {@code src/test/resources/invalid}: each states, in its first comment lines,
 * exactly the diagnostics the checker must report for it:
 *
 * <pre>
 * // expect: BL0030 14:33            (code, line, column; severity is the code's own)
 * // expect: BL0104 12:8 warning     (severity given)
 * // expect: nothing                 (a story that must compile without any diagnostic)
 * </pre>
 *
 * A sub-folder is a story of several files: {@code main.story} is compiled, and each file of the
 * folder states the diagnostics that lie in it. Stories named {@code regression-*} pin compiler bugs that were found
 * and fixed: each states what the spec asks for.
 */
class InvalidStoriesTest {

    private static final Pattern EXPECT = Pattern.compile("// expect: (BL\\d{4}) (\\d+):(\\d+)(?: (error|warning))?\\s*");
    private static final String NOTHING = "// expect: nothing";

    /** Codes that cannot be shown by a story's text alone; the asset test and BadInputTest cover them. */
    private static final Set<Code> NOT_AS_TEXT = EnumSet.of(Code.BL0001, Code.BL0002, Code.BL0003, Code.BL0036, Code.BL0106,
            Code.BL0108);

    @TestFactory
    Stream<DynamicTest> everyInvalidStoryReportsExactlyItsExpectedDiagnostics() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    @Test
    void everyErrorAndWarningCodeHasAStory() {
        Set<Code> shown = EnumSet.noneOf(Code.class);
        for (Path c : cases()) {
            for (Path file : storyFiles(c)) {
                expectations(file, "").forEach(e -> shown.add(Code.valueOf(e.split(" ")[1])));
            }
        }
        Set<Code> missing = EnumSet.allOf(Code.class);
        missing.removeAll(shown);
        missing.removeAll(NOT_AS_TEXT);
        // The prompt policy's codes come from the engine, which holds the policy: its tests show each one.
        missing.removeAll(DiagnosticsCatalogueTest.BY_THE_POLICY);
        assertEquals(Set.of(), missing, "codes without an invalid story");
    }

    /** Asset files a story's text cannot stand in for: made here, each checked by its content. */
    @Test
    void assetFilesThatAreMissingOrNotWhatTheyClaim(@TempDir Path dir) throws IOException {
        byte[] png = png();
        Files.createDirectories(dir.resolve("assets"));
        Files.write(dir.resolve("assets/good.png"), png);
        Files.writeString(dir.resolve("assets/notes.png"), "just some text, no image at all\n");
        Files.write(dir.resolve("assets/cut.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("assets/silence.ogg"), new byte[0]);
        Files.write(dir.resolve("assets/photo.jpg"), png);
        Path story = dir.resolve("assets.story");
        Files.writeString(story, String.join("\n",
                "=== start ===",
                "shot 2s image \"assets/good.png\"",
                "shot 2s image \"assets/gone.png\"",
                "shot 2s image \"assets/notes.png\"",
                "shot 2s image \"assets/cut.png\" motion still",
                "shot 2s title \"Quiet\"",
                "  audio \"assets/silence.ogg\"",
                "shot 2s image \"assets/photo.jpg\"",
                "-> END",
                ""));
        CompileResult result = StoryAssertions.bounded(StoryAssertions.LIMIT, "assets.story",
                () -> StoryCompiler.compile(story, "assets.story", SourceReader.DISK));
        StoryAssertions.assertWellFormed(result);
        result.diagnostics().forEach(StoryAssertions::assertPrinted);
        assertEquals(List.of(
                        "BL0034 3:15 error",   // missing image
                        "BL0036 4:15 error",   // a text file named .png
                        "BL0036 5:15 error",   // a truncated PNG
                        "BL0036 7:9 error",    // an empty .ogg
                        "BL0106 8:15 warning"), // a PNG named .jpg
                result.diagnostics().stream().map(d -> d.code() + " " + d.line() + ":" + d.column() + " " + d.severity().word()).toList(),
                StoryAssertions.printAll(result));

        // Warnings alone do not stop a story: the PNG named .jpg still compiles.
        Files.writeString(story, "=== start ===\nshot 2s image \"assets/photo.jpg\"\nshot 2s image \"assets/good.png\"\n-> END\n");
        CompileResult onlyWarning = StoryCompiler.compile(story, "assets.story", SourceReader.DISK);
        assertTrue(onlyWarning.ok(), StoryAssertions.printAll(onlyWarning));
        assertEquals(List.of(Code.BL0106), onlyWarning.diagnostics().stream().map(Diagnostic::code).toList());
    }

    /**
     * "PATH ... must stay inside the story's folder": a symbolic link inside the folder that points
     * out of it must not let an include or an asset leave it (a story uploaded as an archive can
     * hold such links). The checker compares paths only as text, so it follows the link, reads
     * the outside file and even prints its lines in diagnostics.
     */
    @Test
    void aSymbolicLinkDoesNotLeadOutOfTheStoryFolder(@TempDir Path dir) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.story"), "=== secret ===\nshot 1s title \"top secret\"\n-> END\n");
        Files.writeString(outside.resolve("credentials.txt"), "password=hunter2\n");
        Files.write(outside.resolve("photo.png"), png());
        Path folder = Files.createDirectories(dir.resolve("story"));
        try {
            Files.createSymbolicLink(folder.resolve("link"), Path.of("..", "outside"));
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symbolic links are not available here: " + e);
        }
        Path main = folder.resolve("main.story");
        Files.writeString(main, String.join("\n",
                "include \"link/secret.story\"",
                "include \"link/credentials.txt\"",
                "=== start ===",
                "shot 1s image \"link/photo.png\"",
                "-> END",
                ""));
        CompileResult result = StoryCompiler.compile(main, "main.story", SourceReader.DISK);
        StoryAssertions.assertWellFormed(result);
        assertFalse(StoryAssertions.printAll(result).contains("hunter2"), "an outside file's text is printed:\n" + StoryAssertions.printAll(result));
        assertEquals(List.of("main.story BL0035 1:9", "main.story BL0035 2:9", "main.story BL0035 4:15"),
                result.diagnostics().stream().map(d -> d.file() + " " + d.code() + " " + d.line() + ":" + d.column()).toList(),
                StoryAssertions.printAll(result));
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, (x * 8) << 16 | (y * 10) << 8 | ((x ^ y) * 7 & 0xFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out), "a PNG writer is available");
        return out.toByteArray();
    }

    private static void check(Path c) {
        boolean folder = Files.isDirectory(c);
        Path main = folder ? c.resolve("main.story") : c;
        assertTrue(Files.isRegularFile(main), "a story folder holds main.story: " + c);
        Path base = folder ? c : c.getParent();
        List<String> expected = new ArrayList<>();
        boolean anyStated = false;
        for (Path file : storyFiles(c)) {
            String rel = base.relativize(file).toString().replace('\\', '/');
            List<String> stated = expectations(file, rel);
            anyStated |= !stated.isEmpty() || statesNothing(file);
            expected.addAll(stated);
        }
        assertTrue(anyStated, c.getFileName() + " states no '// expect:' line");

        String display = folder ? "main.story" : c.getFileName().toString();
        CompileResult result = StoryAssertions.bounded(StoryAssertions.LIMIT, display,
                () -> StoryCompiler.compile(main, display, SourceReader.DISK));
        List<String> actual = result.diagnostics().stream()
                .map(d -> d.file().replace('\\', '/') + " " + d.code() + " " + d.line() + ":" + d.column() + " " + d.severity().word())
                .sorted()
                .collect(Collectors.toList());
        expected.sort(null);
        assertEquals(expected, actual, "diagnostics of " + c.getFileName() + ":\n" + StoryAssertions.printAll(result));

        StoryAssertions.assertWellFormed(result);
        for (Diagnostic d : result.diagnostics()) {
            StoryAssertions.assertPrinted(d);
        }
        if (expected.stream().noneMatch(e -> e.endsWith(" error"))) {
            assertTrue(result.ok(), "a story with warnings only compiles");
        } else {
            assertFalse(result.ok(), "a story with errors is never compiled");
        }
    }

    /** The expectations a file states, as "file CODE line:col severity". */
    private static List<String> expectations(Path file, String rel) {
        List<String> lines = readLines(file);
        List<String> stated = new ArrayList<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            header &= line.startsWith("//");
            if (!line.startsWith("// expect")) {
                continue;
            }
            if (!header) {
                fail(file + ":" + (i + 1) + ": '// expect' lines belong in the comment block at the top of the file");
            }
            if (line.strip().equals(NOTHING)) {
                continue;
            }
            Matcher m = EXPECT.matcher(line);
            if (!m.matches()) {
                fail(file + ":" + (i + 1) + ": malformed expectation '" + line + "'; write // expect: BL0030 14:33 [error|warning]");
            }
            Code code = Code.valueOf(m.group(1));
            String severity = m.group(4) != null ? m.group(4) : code.severity().word();
            assertTrue(severity.equals(Severity.ERROR.word()) || severity.equals(Severity.WARNING.word()));
            stated.add(rel + " " + code + " " + m.group(2) + ":" + m.group(3) + " " + severity);
        }
        return stated;
    }

    private static boolean statesNothing(Path file) {
        return readLines(file).stream().takeWhile(l -> l.startsWith("//")).anyMatch(l -> l.strip().equals(NOTHING));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> cases() {
        Path root = resource("invalid");
        try (Stream<Path> list = Files.list(root)) {
            List<Path> cases = list.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".story")).sorted().toList();
            assertFalse(cases.isEmpty(), "no invalid stories found in " + root);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> storyFiles(Path c) {
        if (!Files.isDirectory(c)) {
            return List.of(c);
        }
        try (Stream<Path> walk = Files.walk(c)) {
            return walk.filter(p -> p.toString().endsWith(".story") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        URL url = InvalidStoriesTest.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource folder '" + name + "' not found");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
