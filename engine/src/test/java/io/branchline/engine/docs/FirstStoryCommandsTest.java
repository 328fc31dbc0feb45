package io.branchline.engine.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.cli.Main;
import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.engine.render.PathPlanner;
import io.branchline.story.CompileResult;
import io.branchline.story.eval.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the docs tell a new author to type work as written: the "Write your first story"
 * blocks of README.md and docs/story-language.md, run in a fresh folder laid out like a clone, and
 * every {@code render --path} example names a path the story has.
 */
class FirstStoryCommandsTest {

    @TempDir
    Path clone;

    /** The {@code ./branchline ...} lines of the first code block under the heading {@code heading}, comments cut off. */
    static List<String> commands(String markdown, String heading) {
        int at = markdown.indexOf("\n" + heading + "\n");
        assertTrue(at >= 0, "no '" + heading + "' section");
        int open = markdown.indexOf("```sh\n", at);
        int close = markdown.indexOf("\n```", open + 6);
        List<String> lines = new ArrayList<>();
        for (String line : markdown.substring(open + 6, close).split("\n")) {
            String command = line.replaceFirst("\\s+#.*$", "").trim();
            if (command.startsWith("./branchline ")) {
                lines.add(command);
            }
        }
        return lines;
    }

    /** Runs {@code ./branchline ARGS} as a user would in {@code clone}: a process of its own, there as its working folder. */
    private String branchline(String command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(Arrays.asList(command.substring("./branchline ".length()).split("\\s+")));
        ProcessBuilder b = new ProcessBuilder(argv).directory(clone.toFile()).redirectErrorStream(true);
        b.environment().put("BRANCHLINE_HOME", clone.toString());   // the checkout the script would run from
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }

    private void runsAsWritten(Path doc, String heading) throws Exception {
        List<String> commands = commands(Files.readString(doc), heading);
        List<String> verbs = commands.stream().map(c -> c.split("\\s+")[1]).toList();
        assertEquals(List.of("new", "check", "serve"), verbs, doc + ": " + commands);
        Files.createDirectories(clone.resolve("stories"));
        String made = branchline(commands.get(0));
        assertTrue(made.contains("stories/my-story"), "says where it went:\n" + made);
        assertTrue(Files.isRegularFile(clone.resolve("stories/my-story/my-story.story")), made);
        String checked = branchline(commands.get(1));
        assertTrue(checked.contains("checked 1 story: 0 errors, 0 warnings"), checked);
        // serve is started by ServeQuietTest on a story new made; here: it serves the folder new wrote to.
        assertEquals("./branchline serve", commands.get(2));
    }

    @Test
    void theReadmesFirstStoryCommandsWork() throws Exception {
        runsAsWritten(DocLinksTest.root().resolve("README.md"), "## Write your first story");
    }

    @Test
    void theLanguageGuidesFirstStoryCommandsWork() throws Exception {
        runsAsWritten(DocLinksTest.root().resolve("docs/story-language.md"), "### Write your first story");
    }

    /** docs/renderer.md once showed --path deck,bar,cabin, a path the story does not have. */
    @Test
    void everyRenderPathInTheDocsIsAPathTheStoryHas() throws Exception {
        Path root = DocLinksTest.root();
        Pattern render = Pattern.compile("\\./branchline render (\\S+\\.story) .*--path (\\S+)");
        int found = 0;
        for (Path doc : DocLinksTest.documents(root)) {
            Matcher m = render.matcher(Files.readString(doc));
            while (m.find()) {
                found++;
                CompileResult result = PolicedCompiler.compile(root.resolve(m.group(1)));
                assertTrue(result.ok(), doc + ": " + m.group(1));
                try {
                    assertFalse(PathPlanner.along(new Evaluator(result.story()), List.of(m.group(2).split(","))).isEmpty());
                } catch (PathPlanner.PathException e) {
                    throw new AssertionError(root.relativize(doc) + ": --path " + m.group(2) + ": " + e.getMessage(), e);
                }
            }
        }
        assertTrue(found >= 2, "README.md and docs/renderer.md show --path (" + found + ")");
    }
}
