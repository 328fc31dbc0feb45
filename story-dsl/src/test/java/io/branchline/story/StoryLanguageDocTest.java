package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.check.SourceReader;
import io.branchline.story.diag.DiagnosticPrinter;
import io.branchline.story.lex.Keywords;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * Every example story of {@code docs/story-language.md} (each block marked {@code story})
 * must pass the checker without a single error or warning, as written and with CRLF line
 * ends, so the reference never teaches something that does not work; and its table of
 * keywords must match the language's reserved words. The media files the examples name
 * under {@code assets/} are made up for the test: a real 1x1 PNG, and the first bytes of
 * an MP4 or Ogg file (the checker reads no further into those).
 */
class StoryLanguageDocTest {

    private static final Pattern ASSET = Pattern.compile("\"(assets/[^\"]+)\"");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyExampleChecksClean() {
        Path doc = DocExamples.find("story-language.md");
        List<DocExamples.Block> stories = DocExamples.blocks(DocExamples.read(doc), 1).stream()
                .filter(b -> b.info().equals("story")).toList();
        assertFalse(stories.isEmpty(), doc + " has no examples");
        return stories.stream().map(story -> DynamicTest.dynamicTest("example on line " + story.line(), () -> {
            Path folder = temp.resolve("line-" + story.line()).resolve("story");
            Map<String, String> files = DocExamples.files(story);
            Path main = DocExamples.write(files, folder);
            makeAssets(story, folder);
            assertEquals("", check(main, files), doc + ":" + story.line() + ": the example does not check clean");

            // The reference promises that Windows line endings change nothing.
            Map<String, String> crlf = new LinkedHashMap<>();
            files.forEach((name, text) -> crlf.put(name, name.endsWith(".story") ? text.replace("\n", "\r\n") : text));
            Path crlfFolder = temp.resolve("line-" + story.line() + "-crlf").resolve("story");
            Path crlfMain = DocExamples.write(crlf, crlfFolder);
            makeAssets(story, crlfFolder);
            assertEquals("", check(crlfMain, crlf), doc + ":" + story.line() + ": the example does not check clean with CRLF line ends");
        }));
    }

    /** The table of keywords in the reference lists exactly the reserved words of the language. */
    @Test
    void keywordTableListsEveryKeyword() {
        Path doc = DocExamples.find("story-language.md");
        List<String> lines = DocExamples.read(doc);
        int start = lines.indexOf("### Keywords");
        assertTrue(start >= 0, doc + " has no '### Keywords' section");
        Set<String> listed = new TreeSet<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            if (lines.get(i).startsWith("|")) {
                Matcher m = Pattern.compile("`([^`]+)`").matcher(lines.get(i));
                while (m.find()) {
                    listed.add(m.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(Keywords.ALL), listed);
    }

    private static String check(Path main, Map<String, String> files) {
        CompileResult result = StoryCompiler.compile(main, files.keySet().iterator().next(), SourceReader.DISK);
        return result.diagnostics().stream().map(DiagnosticPrinter::print).collect(Collectors.joining());
    }

    private static void makeAssets(DocExamples.Block story, Path folder) {
        Matcher m = ASSET.matcher(story.text());
        while (m.find()) {
            makeAsset(folder.resolve(m.group(1)));
        }
    }

    private static void makeAsset(Path path) {
        if (Files.exists(path)) {
            return;
        }
        try {
            Files.createDirectories(path.getParent());
            String name = path.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            switch (extension) {
                case "png" -> ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", path.toFile());
                case "mp4" -> Files.write(path, bytes("\0\0\0\u0018ftypisom\0\0\u0002\0isomiso2mp41"));
                case "ogg" -> Files.write(path, bytes("OggS\0\u0002\0\0\0\0\0\0\0\0"));
                default -> throw new IllegalStateException("no stand-in for " + name + "; add one to the test");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
