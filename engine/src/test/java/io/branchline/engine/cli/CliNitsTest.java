package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a first-hour user meets at the command line: usage mistakes, -V, graph on a folder, the map's edges, help texts. */
class CliNitsTest {

    /** The same divert in both arms of an if, and two options to one scene with one label. */
    private static final String TWICE = String.join("\n",
            "title: Twice",
            "var n = 0",
            "=== a ===",
            "shot 1s color \"#000000\"",
            "if n > 1",
            "  -> b",
            "else",
            "  -> b",
            "end",
            "=== b ===",
            "shot 2s color \"#000000\"",
            "choice 1s",
            "  * \"Go\" if n > 0 -> c",
            "  * \"Go\" -> c",
            "  * \"Stay\" -> c",
            "=== c ===",
            "shot 1s color \"#000000\"",
            "-> END",
            "");

    @TempDir
    Path dir;

    @Test
    void aUsageMistakePrintsOneErrorAndAHintNotTheWholeUsage() {
        MainTest.Run r = MainTest.run("check");
        assertEquals(2, r.code());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("branchline check: ") && lines.get(0).contains("PATH"), r.err());
        assertEquals("Run 'branchline check --help' for how to use it.", lines.get(1));
        assertFalse(r.all().contains("Usage:"), r.all());

        MainTest.Run unknown = MainTest.run("render", "x.story", "--out", dir.toString(), "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--bogus") && unknown.err().contains("branchline render --help"), unknown.err());
        assertFalse(unknown.all().contains("Usage:"), unknown.all());
    }

    @Test
    void helpIsStillTheWholeUsage() {
        MainTest.Run r = MainTest.run("check", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: branchline check"), r.out());
    }

    /** The version from the build: the Maven project version of this checkout (not "development"). */
    @Test
    void versionIsTheBuildsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(m.find());
        MainTest.Run r = MainTest.run("-V");
        assertEquals(0, r.code());
        assertTrue(r.out().trim().matches("branchline " + Pattern.quote(m.group(1)) + "( \\(commit [0-9a-f]{7,40}\\))?"), r.out());
        assertFalse(r.out().contains("development"), r.out());
    }

    @Test
    void graphTakesAStoryFolderAndSaysWhatItExpectsOtherwise() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("twice"));
        Files.writeString(folder.resolve("twice.story"), TWICE);
        MainTest.Run r = MainTest.run("graph", folder.toString(), "--format", "mermaid");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("flowchart TD"), r.out());

        MainTest.Run empty = MainTest.run("graph", Files.createDirectories(dir.resolve("empty")).toString());
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("no .story files in the folder"), empty.err());
        assertTrue(empty.err().contains("main .story file or its folder"), empty.err());

        Files.writeString(dir.resolve("other.story"), TWICE);
        MainTest.Run several = MainTest.run("graph", dir.toString());
        assertEquals(2, several.code());
        assertTrue(several.err().contains("holds 2 stories") && several.err().contains("name one"), several.err());

        MainTest.Run missing = MainTest.run("graph", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
    }

    @Test
    void theMapDrawsEachEdgeOnce() throws Exception {
        Path file = dir.resolve("twice.story");
        Files.writeString(file, TWICE);
        for (String format : List.of("mermaid", "dot")) {
            MainTest.Run r = MainTest.run("graph", file.toString(), "--format", format);
            assertEquals(0, r.code(), r.all());
            List<String> edges = r.out().lines().filter(l -> l.contains("-->") || l.contains("->")).map(String::trim).toList();
            assertEquals(new HashSet<>(edges).size(), edges.size(), format + " edges drawn twice:\n" + r.out());
            // a→b once, b→c as "Go" once and "Stay" once, c→END once
            assertEquals(4, edges.size(), format + ":\n" + r.out());
        }
    }

    /**
     * Every command's help: its summary (the line in the command list) is a whole sentence, no line
     * stops in the middle of one, and every option's value has a name (FILE, N), not picocli's {@code <field>}.
     */
    @Test
    void everyHelpTextIsWholeSentencesWithNamedValues() {
        List<String> problems = new ArrayList<>();
        walk(new CommandLine(new Main()), problems);
        assertEquals(List.of(), problems);
    }

    private static void walk(CommandLine cli, List<String> problems) {
        CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
        String name = spec.qualifiedName();
        String[] description = spec.usageMessage().description();
        if (!name.endsWith("help")) {
            if (description.length == 0) {
                problems.add(name + ": no description");
            }
            for (String line : description) {
                String t = line.trim();
                if (!(t.endsWith(".") || t.endsWith(".)") || t.endsWith(":"))) {
                    problems.add(name + ": a description line that stops mid-sentence: '" + t + "'");
                }
            }
            String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Matcher m = Pattern.compile("<[a-z][a-zA-Z]*>").matcher(usage);
            Set<String> unnamed = new HashSet<>();
            while (m.find()) {
                unnamed.add(m.group());
            }
            if (!unnamed.isEmpty()) {
                problems.add(name + ": values without a name " + unnamed);
            }
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            walk(sub, problems);
        }
    }
}
