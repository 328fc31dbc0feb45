package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.mark.Watermark;
import io.branchline.renderer.mark.MarkReading;
import io.branchline.renderer.mark.MarkedVideo;
import io.branchline.renderer.neural.NeuralModels;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invisible watermark from the renderer to a re-encoded, half-size copy: a visit rendered
 * with the real neural generator by a server with an id, encoded by our encoder, then encoded
 * again by the ffmpeg program with x264 at CRF 28 and scaled to half size, must give back the
 * server id and the visit id, at both tiers; the same visit rendered unmarked must give nothing.
 */
class WatermarkRoundTripTest {

    private static final RenderFormat FORMAT = new RenderFormat(480, 854, 30, 2000);
    private static final int SERVER = 0x5EED_1234;

    @TempDir
    static Path dir;

    private static NeuralModels models;
    private static RenderTools marking;
    private static RenderTools plain;
    private static SceneRequest request;
    private static Renders.Output marked;
    private static Renders.Output unmarked;
    private static Renders.Output draft;

    @BeforeAll
    static void render() {
        models = NeuralModels.cppn();
        marking = new RenderTools(models::generator, models::styler, OptionalInt.of(SERVER));
        plain = new RenderTools(models::generator, models::styler);
        request = new SceneRequest(dir, FORMAT, "AI-generated", List.of(
                Renders.generate("a lighthouse on a cliff in a storm at night", 2000),
                Renders.withTransition(Renders.generate("fog over a harbour at dawn", 2000), "crossfade", 400)));
        marked = Renders.render(dir, FORMAT, request.shots(), marking);
        unmarked = Renders.render(dir, FORMAT, request.shots(), plain);
        draft = renderDraft(marking, request);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void theReencodedHalfSizeCopyGivesBackTheServerAndTheVisit() throws Exception {
        MarkedVideo.Result result = MarkedVideo.read(reencoded(marked, "marked"));
        MarkPayload expected = new MarkPayload(SERVER, ContentKey.visitId(request, plain));
        assertEquals(2, result.windows().size(), "two 2 s windows in a 4 s visit");
        for (MarkReading window : result.windows()) {
            assertEquals(expected, window.payload().orElseThrow(() -> new AssertionError("not found in a window: " + window)));
        }
        assertEquals(expected, result.whole().payload().orElseThrow());
    }

    @Test
    void theDraftTierCarriesTheSameMark() throws Exception {
        MarkedVideo.Result result = MarkedVideo.read(reencoded(draft, "draft"));
        MarkPayload expected = new MarkPayload(SERVER, ContentKey.visitId(request, plain));
        for (MarkReading window : result.windows()) {
            assertEquals(expected, window.payload().orElseThrow(() -> new AssertionError("not found in a window: " + window)));
        }
    }

    @Test
    void aMarkedGeneratedFrameIsAbove40DbOfTheUnmarkedOne() {
        BufferedImage canvas = new BufferedImage(FORMAT.width(), FORMAT.height(), BufferedImage.TYPE_INT_RGB);
        try (ShotPainter painter = models.generator().prepare("a lighthouse on a cliff in a storm at night", 7L, FORMAT, 2000)) {
            for (int frame : new int[] {0, 30, 59}) {
                painter.paint(frame, canvas);
                int[] plainPixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData().clone();
                int[] markedPixels = plainPixels.clone();
                Watermark.of(new MarkPayload(SERVER, ContentKey.visitId(request, plain)), FORMAT.width(), FORMAT.height()).apply(markedPixels);
                double mse = 0;
                for (int i = 0; i < plainPixels.length; i++) {
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int d = ((markedPixels[i] >> shift) & 0xFF) - ((plainPixels[i] >> shift) & 0xFF);
                        mse += d * d;
                    }
                }
                double psnr = 10 * Math.log10(255.0 * 255.0 / (mse / (plainPixels.length * 3.0)));
                assertTrue(psnr >= 40, "frame " + frame + ": " + psnr + " dB");
            }
        }
    }

    @Test
    void theUnmarkedVisitGivesNothing() throws Exception {
        MarkedVideo.Result original = MarkedVideo.read(write(unmarked, "unmarked.mp4"));
        MarkedVideo.Result copy = MarkedVideo.read(reencoded(unmarked, "unmarked"));
        assertTrue(original.found().isEmpty(), original.toString());
        assertTrue(copy.found().isEmpty(), copy.toString());
    }

    @Test
    void onlyAMarkedVisitsKeyNamesTheWatermark() {
        assertNotEquals(ContentKey.of(request, plain), ContentKey.of(request, marking));
        SceneRequest titles = new SceneRequest(dir, FORMAT, "AI-generated", List.of(Renders.title("Morning", 1000)));
        assertEquals(ContentKey.of(titles, plain), ContentKey.of(titles, marking), "nothing generated: nothing marked, the key unchanged");
        assertFalse(ContentKey.watermarked(titles, marking));
    }

    private static Renders.Output renderDraft(RenderTools tools, SceneRequest request) {
        return Renders.render(request, tools, RenderTier.DRAFT);
    }

    private static Path write(Renders.Output output, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, output.joined());
        return file;
    }

    private static Path reencoded(Renders.Output output, String name) throws Exception {
        Path source = write(output, name + ".mp4");
        Path copy = dir.resolve(name + "-crf28-half.mp4");
        // Half size, even sides (x264's 4:2:0 needs them): 480x854 becomes 240x426.
        FfmpegTools.Run run = FfmpegTools.ffmpeg("-y", "-v", "error", "-i", source.toString(), "-an", "-c:v", "libx264", "-crf", "28",
                "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2", copy.toString());
        assertEquals(0, run.exit(), run.err());
        return copy;
    }
}
