package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draft tier does less work on the pictures, counted rather than timed (timings flake on a
 * busy machine): a generator and a styler that count what they are asked to paint.
 */
class DraftWorkTest {

    private static final RenderFormat FORMAT = new RenderFormat(480, 854, 30, 1000);

    @TempDir
    Path dir;

    /** What the fakes were asked to do. */
    private static final class Counts {
        final List<Integer> generatedFrames = new ArrayList<>();
        long generatedPixels;
        final List<Integer> styledFrames = new ArrayList<>();
        long styledPixels;
        final List<String> preparedSizes = new ArrayList<>();
    }

    /** A generator whose frame n is grey level 8n, and a styler that only counts. */
    private static RenderTools counting(Counts counts) {
        FrameGenerator generator = new FrameGenerator() {
            @Override
            public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
                counts.preparedSizes.add("generate " + format.width() + "x" + format.height());
                return (frame, target) -> {
                    counts.generatedFrames.add(frame);
                    counts.generatedPixels += (long) target.getWidth() * target.getHeight();
                    int grey = Math.min(255, 8 * frame);
                    Arrays.fill(((DataBufferInt) target.getRaster().getDataBuffer()).getData(), grey << 16 | grey << 8 | grey);
                };
            }

            @Override
            public String modelHash() {
                return "counting-generator";
            }
        };
        FrameStyler styler = new FrameStyler() {
            @Override
            public ShotStyle prepare(String stylePrompt, long seed, RenderFormat format) {
                counts.preparedSizes.add("style " + format.width() + "x" + format.height());
                return (frame, image) -> {
                    counts.styledFrames.add(frame);
                    counts.styledPixels += (long) image.getWidth() * image.getHeight();
                };
            }

            @Override
            public String modelHash() {
                return "counting-styler";
            }
        };
        return new RenderTools(() -> generator, () -> styler);
    }

    private static List<ResolvedShot> shots() {
        ResolvedShot generated = Renders.generate("a lighthouse in fog", 1000);
        ResolvedShot styledColour = new ResolvedShot("color", 1000, null, null, "#336699", null, null, null, null, null,
                Step.Transition.CUT, "watercolour", 3L, null, true, 1);
        return List.of(generated, styledColour, Renders.title("The end", 500));
    }

    private static byte[] render(RenderTools tools, RenderTier tier) {
        SceneRequest request = new SceneRequest(Path.of("."), FORMAT, "AI-generated", shots());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SceneRenderer(tools).render(request, tier.key(ContentKey.of(request, tools)), new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
                out.writeBytes(bytes);
            }

            @Override
            public void segment(EncodedSegment segment) {
                out.writeBytes(segment.bytes());
            }
        }, RenderCancel.NEVER, tier);
        return out.toByteArray();
    }

    @Test
    void aDraftPaintsAndStylesFewerPixelsOnHalfTheFrames() {
        Counts full = new Counts();
        render(counting(full), RenderTier.FULL);
        Counts draft = new Counts();
        render(counting(draft), RenderTier.DRAFT);

        assertEquals(List.of("generate 480x854", "style 480x854"), full.preparedSizes);
        assertEquals(List.of("generate 120x214", "style 240x427"), draft.preparedSizes,
                "the draft prepares a generated shot at a quarter of the width and height, a styled one at half");
        assertEquals(30, full.generatedFrames.size());
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28), draft.generatedFrames,
                "the draft paints every second frame, in order");
        assertEquals(draft.generatedFrames, draft.styledFrames, "and styles the frames it paints");
        assertEquals(480 * 854 * 30, full.generatedPixels);
        assertEquals(120 * 214 * 15, draft.generatedPixels, "about a thirty-second of the generated pixels");
        assertEquals(full.styledPixels, 8 * draft.styledPixels, "an eighth of the styled pixels");
    }

    @Test
    void aRoughDraftPaintsAndStylesTheDraftsPicturesOnAQuarterOfTheFrames() {
        Counts rough = new Counts();
        render(counting(rough), RenderTier.ROUGH);
        assertEquals(List.of("generate 120x214", "style 240x427"), rough.preparedSizes, "at the draft's sizes");
        assertEquals(List.of(0, 4, 8, 12, 16, 20, 24, 28), rough.generatedFrames, "every fourth frame, in order");
        assertEquals(rough.generatedFrames, rough.styledFrames, "and styles the frames it paints");
        assertEquals(120 * 214 * 8, rough.generatedPixels);
    }

    @Test
    void aDraftFrameShowsTheFramePaintedForItOrTheOneBefore() throws Exception {
        Path file = Renders.write(dir, "draft.mp4", render(counting(new Counts()), RenderTier.DRAFT));
        assertEquals(49, Renders.frames(file).size(),
                "the encoder is given the frames painted and each segment's second: 17 of each drafted shot's 30 (every other one, the second and the last) and the title's 15");
        List<BufferedImage> frames = Renders.shown(file, 30, 75);
        // Away from the disclosure label (top left) and the caption (none here).
        for (int i = 0; i < 30; i++) {
            double grey = Renders.mean(frames.get(i), 100, 300, 280, 300)[1];
            int painted = 8 * (i - i % 2);
            assertEquals(painted, grey, 2.5, "frame " + i + " shows the grey of frame " + (i - i % 2));
        }
    }
}
