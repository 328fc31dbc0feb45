package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code branchline} command line: exit codes, help, and what check and graph print. */
class MainTest {

    private static final String SMALL = String.join("\n",
            "title: Small",
            "var name = \"\"",
            "=== start ===",
            "shot 2s title \"Hi {name}\"",
            "choice 2s",
            "  * \"Left\" -> left",
            "  * \"Right\" -> right",
            "=== left ===",
            "shot 1s color \"#000000\"",
            "-> END",
            "=== right ===",
            "ask name \"Your name?\" -> left",
            "");

    private static final String WITH_ERROR = String.join("\n",
            "=== alley ===",
            "shot 2s color \"#000000\"",
            "if visits(alley) > 1",
            "  -> vualt",
            "end",
            "-> vault",
            "=== vault ===",
            "shot 2s color \"#000000\"",
            "-> END",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs the tool with System.out and System.err captured (picocli writes to them by default). */
    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.run(args);
            o.flush();
            e.flush();
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path story(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path small() throws IOException {
        return story("small.story", SMALL);
    }

    // ---- check --------------------------------------------------------------------------------

    @Test
    void checkExitsZeroOnACleanStory() throws IOException {
        Run r = run("check", small().toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("checked 1 story: 0 errors, 0 warnings"), r.all());
        assertFalse(r.out().contains("error:"), r.all());
    }

    @Test
    void checkExitsOneAndPrintsEveryDiagnosticOfAStoryWithAnError() throws IOException {
        Path file = story("heist.story", WITH_ERROR);
        Run r = run("check", file.toString());
        assertEquals(1, r.code(), r.all());
        String expected = file + ":4:6: error: unknown scene 'vualt' (did you mean 'vault'?) [BL0030]\n"
                + "    -> vualt\n"
                + "       ^^^^^\n";
        assertTrue(r.out().contains(expected), "expected\n" + expected + "in\n" + r.all());
        assertTrue(r.out().contains("checked 1 story: 1 error, 0 warnings"), r.all());
    }

    @Test
    void checkExitsZeroWhenThereAreOnlyWarnings() throws IOException {
        Path file = story("warn.story", "var unused = 1\n=== start ===\nshot 1s color \"#000000\"\n-> END\n");
        Run r = run("check", file.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains(":1:5: warning: ") && r.out().contains("[BL0101]"), r.all());
        assertTrue(r.out().contains("0 errors, 1 warning"), r.all());
    }

    @Test
    void checkOfAFolderChecksItsMainFilesAndCountsErrorsOfAll() throws IOException {
        small();
        story("broken/heist.story", WITH_ERROR);
        story("parts/main.story", "include \"vault.story\"\n=== start ===\nshot 1s color \"#000000\"\n-> vault\n");
        story("parts/vault.story", "=== vault ===\nshot 1s color \"#000000\"\n-> END\n");
        Run r = run("check", dir.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("checked 3 stories: 1 error, 0 warnings"), r.all());
    }

    @Test
    void checkQuietLeavesOutTheSummary() throws IOException {
        Run r = run("check", "--quiet", small().toString());
        assertEquals(0, r.code(), r.all());
        assertEquals("", r.out(), r.all());
    }

    @Test
    void checkOfAMissingPathIsBadUsage() {
        Run r = run("check", dir.resolve("nope.story").toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("no such file or folder") && r.err().contains("nope.story"), r.all());
    }

    @Test
    void checkOfAFolderWithoutStoriesIsBadUsage() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        Run r = run("check", dir.resolve("empty").toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("no .story files"), r.all());
    }

    @Test
    void checkWithAnUnknownOptionIsBadUsage() throws IOException {
        Run r = run("check", "--colour", small().toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("Unknown option: '--colour'"), r.all());
    }

    @Test
    void checkWithoutArgumentsIsBadUsage() {
        Run r = run("check");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("Missing required parameter") && r.err().contains("branchline check --help"), r.all());
    }

    @Test
    void checkWithAnUnknownFormatIsBadUsage() throws IOException {
        Run r = run("check", "--format", "xml", small().toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("xml"), r.all());
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        Run r = run("compile", "story.story");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("Unmatched argument") || r.err().contains("Unknown"), r.all());
    }

    @Test
    void checkFormatJsonGivesParseableDiagnostics() throws IOException {
        Path file = story("heist.story", WITH_ERROR);
        Run r = run("check", "--format", "json", file.toString());
        assertEquals(1, r.code(), r.all());
        JsonNode root = JSON.readTree(r.out());
        JsonNode stories = root.get("stories");
        assertEquals(1, stories.size(), r.out());
        JsonNode s = stories.get(0);
        assertEquals(file.toString(), s.get("file").asText());
        assertFalse(s.get("ok").asBoolean());
        JsonNode d = s.get("diagnostics").get(0);
        assertEquals("BL0030", d.get("code").asText());
        assertEquals("error", d.get("severity").asText());
        assertEquals(1, s.get("diagnostics").size(), r.out());
        assertEquals(4, d.get("line").asInt());
        assertEquals(6, d.get("column").asInt());
        assertEquals(4, d.get("endLine").asInt());
        assertEquals(11, d.get("endColumn").asInt());
        assertTrue(d.get("message").asText().contains("vualt"));
        assertFalse(r.out().contains("checked 1 story"), "no text summary in JSON output");
    }

    @Test
    void checkFormatJsonOfACleanStoryHasNoDiagnostics() throws IOException {
        Run r = run("check", "--format=json", small().toString());
        assertEquals(0, r.code(), r.all());
        JsonNode s = JSON.readTree(r.out()).get("stories").get(0);
        assertTrue(s.get("ok").asBoolean());
        assertEquals(0, s.get("diagnostics").size());
    }

    // ---- help -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "-h", "check --help", "graph --help", "bench --help", "bench compile --help",
            "help", "help check", "help graph", "help bench", "check -h", "bench compile -h"})
    void helpWorksOnEveryCommand(String line) {
        Run r = run(line.split(" "));
        assertEquals(0, r.code(), r.all());
        String command = line.replace("--help", "").replace("-h", "").replace("help", "").trim();
        String usage = "Usage: branchline" + (command.isEmpty() ? "" : " " + command);
        assertTrue(r.out().startsWith(usage), "expected '" + usage + "' in\n" + r.all());
        assertEquals("", r.err(), r.all());
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Run r = run("--help");
        for (String command : List.of("check", "graph", "bench")) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " in\n" + r.out());
        }
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        Run r = run();
        assertTrue(r.code() == 0 || r.code() == 2, "exit " + r.code());
        assertTrue(r.all().contains("Usage: branchline") && r.all().contains("check"), r.all());
    }

    @Test
    void versionIsPrinted() {
        Run r = run("--version");
        assertEquals(0, r.code(), r.all());
        assertFalse(r.out().isBlank(), r.all());
    }

    // ---- graph ----------------------------------------------------------------------------------

    @Test
    void graphDotShowsScenesAndTheirExits() throws IOException {
        Run r = run("graph", small().toString());
        assertEquals(0, r.code(), r.all());
        String dot = r.out();
        assertTrue(dot.startsWith("digraph \"small\" {\n"), dot);
        assertTrue(dot.contains("label=\"Small\";"), dot);
        assertTrue(dot.contains("\"END\" [shape=doublecircle"), dot);
        assertTrue(dot.contains("\"start\" [label=\"start\\n1 shot, 2s written\", penwidth=2];"), dot);
        assertTrue(dot.contains("\"left\" [label=\"left\\n1 shot, 1s written\"];"), dot);
        assertTrue(dot.contains("\"right\" [label=\"right\\nroutes only\"];"), dot);
        assertEquals(Set.of(
                        "\"start\" -> \"left\" [label=\"Left\"];",
                        "\"start\" -> \"right\" [label=\"Right\"];",
                        "\"left\" -> \"END\";",
                        "\"right\" -> \"left\" [label=\"Your name?\", style=dashed];"),
                edges(dot, " -> "), dot);
        assertTrue(dot.endsWith("}\n"), dot);
    }

    @Test
    void graphMermaidShowsScenesAndTheirExits() throws IOException {
        Run r = run("graph", "--format", "mermaid", small().toString());
        assertEquals(0, r.code(), r.all());
        String m = r.out();
        assertTrue(m.startsWith("flowchart TD\n"), m);
        assertTrue(m.contains("  s_start[\"start · 1 shot, 2s written\"]\n"), m);
        assertTrue(m.contains("  s_left[\"left · 1 shot, 1s written\"]\n"), m);
        assertTrue(m.contains("  s_right[\"right · routes only\"]\n"), m);
        assertTrue(m.contains("  s_END((END))\n"), m);
        assertEquals(Set.of(
                        "s_start -- \"Left\" --> s_left",
                        "s_start -- \"Right\" --> s_right",
                        "s_left --> s_END",
                        "s_right -. \"Your name?\" .-> s_left"),
                edges(m, "-"), m);
    }

    @Test
    void graphJsonIsTheCompiledStoryWithItsFormatVersion() throws IOException {
        Run r = run("graph", "--format", "json", small().toString());
        assertEquals(0, r.code(), r.all());
        JsonNode story = JSON.readTree(r.out());
        assertTrue(story.get("formatVersion").isInt(), r.out());
        assertEquals(1, story.get("formatVersion").asInt());
        assertTrue(story.get("minCompatibleVersion").isInt());
        assertEquals("small", story.get("id").asText());
        assertEquals("Small", story.get("title").asText());
        assertEquals("start", story.get("start").asText());
        List<String> ids = new ArrayList<>();
        story.get("scenes").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("start", "left", "right"), ids);
        JsonNode startExits = story.get("scenes").get(0).get("exits");
        assertEquals(2, startExits.size());
        assertEquals("left", startExits.get(0).get("target").asText());
        assertEquals("option", startExits.get(0).get("via").asText());
        assertEquals("Left", startExits.get(0).get("label").asText());
    }

    @Test
    void graphOfAStoryWithErrorsPrintsThemAndExitsOne() throws IOException {
        Path file = story("heist.story", WITH_ERROR);
        Run r = run("graph", file.toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("", r.out(), "no map for a broken story");
        assertTrue(r.err().contains(":4:6: error: unknown scene 'vualt'") && r.err().contains("has 1 error"), r.all());
    }

    @Test
    void graphOfAMissingFileIsBadUsage() {
        Run r = run("graph", dir.resolve("nope.story").toString());
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("no such file or folder"), r.all());
    }

    @Test
    void graphWithAnUnknownFormatIsBadUsage() throws IOException {
        Run r = run("graph", "--format", "svg", small().toString());
        assertEquals(2, r.code(), r.all());
    }

    @Test
    void graphWithoutAFileIsBadUsage() {
        assertEquals(2, run("graph").code());
    }

    // ---- bench ------------------------------------------------------------------------------------

    @Test
    void benchCompileRunsOnASmallStory() {
        Run r = run("bench", "compile", "--scenes", "20", "--warmup", "0", "--runs", "1");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("compile: 20 scenes"), r.all());
        assertTrue(r.out().contains("median"), r.all());
    }

    @Test
    void benchCompileRefusesTooFewScenes() {
        Run r = run("bench", "compile", "--scenes", "1");
        assertEquals(2, r.code(), r.all());
    }

    @Test
    void benchWithoutASubcommandPrintsItsUsage() {
        Run r = run("bench");
        assertTrue(r.out().contains("Usage: branchline bench") && r.out().contains("compile"), r.all());
    }

    /** The lines of a map that draw an edge, trimmed; a mermaid node line has no edge marker. */
    private static Set<String> edges(String text, String marker) {
        Set<String> edges = new TreeSet<>();
        for (String line : text.split("\n")) {
            String t = line.trim();
            boolean edge = marker.equals(" -> ") ? t.contains(" -> ") : (t.contains("-->") || t.contains(".->"));
            if (edge) {
                edges.add(t);
            }
        }
        return edges;
    }
}
