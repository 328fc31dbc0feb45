package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRenderer;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.neural.NeuralModels;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code verify --watermark} prints and returns for segments, a re-encoded copy, unmarked video and junk. */
class WatermarkCheckTest {

    private static final RenderFormat FORMAT = new RenderFormat(480, 854, 30, 2000);
    private static final int SERVER = 0x0A1B_2C3D;

    @TempDir
    static Path dir;

    private static NeuralModels models;
    private static String visit;
    private static List<Path> marked;
    private static List<Path> unmarked;

    @BeforeAll
    static void render() throws Exception {
        models = NeuralModels.cppn();
        RenderTools marking = new RenderTools(models::generator, models::styler, OptionalInt.of(SERVER));
        RenderTools plain = new RenderTools(models::generator, models::styler);
        SceneRequest request = new SceneRequest(dir, FORMAT, "AI-generated", List.of(
                new ResolvedShot("generate", 4000, "a night ferry crossing a dark sea", null, null, null, null, null, null, null,
                        Step.Transition.CUT, null, 3L, null, true, 1)));
        visit = MarkPayload.hex(ContentKey.visitId(request, plain));
        marked = render(marking, request, "marked");
        unmarked = render(plain, request, "unmarked");
    }

    @AfterAll
    static void close() {
        models.close();
    }

    /** Renders into init.mp4 and one file per segment; returns them in order. */
    private static List<Path> render(RenderTools tools, SceneRequest request, String name) throws Exception {
        List<Path> files = new ArrayList<>();
        Path folder = Files.createDirectories(dir.resolve(name));
        new SceneRenderer(tools).render(request, ContentKey.of(request, tools), new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
                files.add(write(folder.resolve("init.mp4"), bytes));
            }

            @Override
            public void segment(EncodedSegment segment) {
                files.add(write(folder.resolve("segment-" + segment.index() + ".m4s"), segment.bytes()));
            }
        });
        return files;
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Printed(int exit, String out, String err) {
    }

    private static Printed check(List<Path> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WatermarkCheck.run(files.stream().map(Path::toString).toList(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneSegmentAfterItsInitNamesTheServerAndTheVisit() {
        Printed p = check(List.of(marked.get(0), marked.get(2)));
        assertEquals(0, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("server 0a1b2c3d  visit " + visit), p.out());
        assertTrue(p.out().contains("in 1 of 1 stretches of 2 s"), p.out());
    }

    @Test
    void aReencodedHalfSizeCopyStillNamesThem() throws Exception {
        Path joined = dir.resolve("joined.mp4");
        for (Path part : marked) {
            Files.write(joined, Files.readAllBytes(part), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        Path copy = dir.resolve("copy.mp4");
        ffmpeg("-y", "-v", "error", "-i", joined.toString(), "-an", "-c:v", "libx264", "-crf", "28",
                "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2", copy.toString());
        Printed p = check(List.of(copy));
        assertEquals(0, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("server 0a1b2c3d  visit " + visit + "  in 2 of 2 stretches"), p.out());
    }

    @Test
    void unmarkedVideoIsSaidToHoldNone() {
        Printed p = check(unmarked);
        assertEquals(1, p.exit(), p.out() + p.err());
        assertTrue(p.out().startsWith("no Branchline watermark found in "), p.out());
        assertTrue(p.out().contains("(checked 120 frames)"), p.out());
    }

    @Test
    void whatIsNotVideoIsUnreadableWithAReason() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video at all");
        Printed p = check(List.of(junk));
        assertEquals(2, p.exit());
        assertTrue(p.err().startsWith("verify --watermark: cannot read "), p.err());
        assertFalse(p.err().contains("\tat "), "no stack trace");
        Printed missing = check(List.of(dir.resolve("nothing-here.mp4")));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(2, check(List.of()).exit());
    }

    private static void ffmpeg(String... args) throws Exception {
        String program = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", new File(program).getParent());
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg did not finish");
        assertEquals(0, p.exitValue(), printed);
    }
}
