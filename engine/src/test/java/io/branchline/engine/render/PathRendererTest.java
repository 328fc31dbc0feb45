package io.branchline.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.cli.Main;
import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths through a story, and {@code branchline render} writing one as a playable HLS stream. */
class PathRendererTest {

    private static final String STORY = """
            title: Paths
            format: 240x426 30fps
            segment: 1s
            var keys = 0
            === hall ===
            shot 1.5s color "#203040"
              caption "The hall"
            choice 1s default left
              * "Left" -> left
              * "Right" ~ keys += 1 -> right
            === left ===
            shot 1s title "Left"
            -> check
            === right ===
            shot 1s title "Right"
            -> check
            === check ===
            if keys > 0
              -> vault
            else
              -> END
            end
            === vault ===
            shot 1s color "#aa8800"
              caption "The vault"
            -> END
            """;

    @TempDir
    Path dir;

    private Evaluator evaluator() throws Exception {
        Path file = dir.resolve("paths.story");
        Files.writeString(file, STORY);
        CompileResult result = StoryCompiler.compile(file);
        assertTrue(result.ok(), result.diagnostics()::toString);
        return new Evaluator(result.story());
    }

    @Test
    void theDefaultPathTakesEveryDefault() throws Exception {
        List<SceneVisit> visits = PathPlanner.defaults(evaluator());
        assertEquals(List.of("hall", "left", "check"), visits.stream().map(SceneVisit::scene).toList());
        assertTrue(visits.get(2).shots().isEmpty(), "check only routes: no video of its own, it ends the story");
    }

    @Test
    void aNamedPathPicksTheOptionsThatLeadThereAndFollowsRouting() throws Exception {
        List<SceneVisit> visits = PathPlanner.along(evaluator(), List.of("hall", "right", "vault"));
        assertEquals(List.of("hall", "right", "vault"), visits.stream().map(SceneVisit::scene).toList());
        assertEquals(List.of("hall", "right", "vault"), PathPlanner.along(evaluator(), List.of("hall", "right", "check", "vault"))
                .stream().map(SceneVisit::scene).toList(), "routing scenes may be named too");
        assertEquals(List.of("check", "vault"), visits.get(2).route(), "the routing scene is followed on its own");
    }

    @Test
    void aPathThatCannotBeFollowedSaysWhy() throws Exception {
        Evaluator ev = evaluator();
        var e = assertThrows(PathPlanner.PathException.class, () -> PathPlanner.along(ev, List.of("hall", "vault")));
        assertTrue(e.getMessage().contains("its choice offers left, right"), e.getMessage());
        assertTrue(assertThrows(PathPlanner.PathException.class, () -> PathPlanner.along(ev, List.of("nowhere")))
                .getMessage().contains("no scene 'nowhere'"));
    }

    @Test
    void renderWritesAPlayablePathAndReusesWhatIsRendered() throws Exception {
        Path file = dir.resolve("paths.story");
        Files.writeString(file, STORY);
        Path out = dir.resolve("out");
        String first = run("render", file.toString(), "--out", out.toString(), "--path", "hall,right,vault", "--data", dir.resolve("data").toString());
        assertTrue(first.contains("rendered 3 scene visits (3.5 s of video)"), first);
        String playlist = Files.readString(out.resolve("index.m3u8"));
        assertTrue(playlist.startsWith("#EXTM3U\n#EXT-X-VERSION:7"), playlist);
        assertTrue(playlist.contains("#EXT-X-MAP:URI=\"init.mp4\""));
        assertTrue(playlist.endsWith("#EXT-X-ENDLIST\n"));
        try (Stream<Path> segments = Files.list(out.resolve("path"))) {
            assertEquals(4, segments.count(), "hall's 1.5 s in 1 s segments is two (1 s and 0.5 s), then one each for right and vault");
        }
        assertTrue(playlist.contains("#EXTINF:1.00000,\npath/00000.m4s\n#EXTINF:0.50000,\npath/00001.m4s\n#EXTINF:1.00000,\npath/00002.m4s"),
                playlist);
        String captions = Files.readString(out.resolve("captions.vtt"));
        assertTrue(captions.contains("00:00:02.500 --> 00:00:03.500\nThe vault"), captions);
        String again = run("render", file.toString(), "--out", out.toString(), "--path", "hall,right,vault", "--data", dir.resolve("data").toString());
        assertTrue(again.contains("reused scene 1/3: hall") && again.contains("reused scene 3/3: vault"), again);
    }

    @Test
    void badPathsAndBadStoriesExitWithOne() throws Exception {
        Path file = dir.resolve("paths.story");
        Files.writeString(file, STORY);
        assertEquals(1, Main.run("render", file.toString(), "--out", dir.resolve("o").toString(), "--path", "hall,vault", "--data", dir.resolve("data").toString()));
        Path broken = dir.resolve("broken.story");
        Files.writeString(broken, "=== a ===\n-> nowhere\n");
        assertEquals(1, Main.run("render", broken.toString(), "--out", dir.resolve("o2").toString(), "--data", dir.resolve("data").toString()));
        assertEquals(2, Main.run("render", file.toString()));
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
