package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.compose.Captions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a viewer sees in the frames, decoded back from the encoded segments. */
class PixelsTest {

    @TempDir
    Path dir;

    private List<BufferedImage> decode(Renders.Output out) throws Exception {
        return Renders.frames(Renders.write(dir, "scene" + System.nanoTime() + ".mp4", out.joined()));
    }

    private static double distance(double[] a, double[] b) {
        return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
    }

    @Test
    void aColourShotIsThatColour() throws Exception {
        List<BufferedImage> frames = decode(Renders.render(Renders.SMALL, List.of(Renders.color("#3366cc", 500))));
        assertEquals(15, frames.size());
        double[] mean = Renders.mean(frames.get(7), 0, 0, 240, 426);
        assertTrue(distance(mean, new double[] {0x33, 0x66, 0xcc}) < 9, "mean " + java.util.Arrays.toString(mean));
    }

    @Test
    void aCaptionChangesTheCaptionAreaAndNothingElse() throws Exception {
        BufferedImage plain = decode(Renders.render(Renders.SMALL, List.of(Renders.color("#3366cc", 200)))).get(3);
        BufferedImage captioned = decode(Renders.render(Renders.SMALL,
                List.of(Renders.withCaption(Renders.color("#3366cc", 200), "Midnight. Rook has one shot at this.")))).get(3);
        int[] box = Captions.caption("Midnight. Rook has one shot at this.", Renders.SMALL).bounds();
        assertTrue(box[1] > 426 / 2, "the caption sits in the lower half");
        assertTrue(distance(Renders.mean(plain, box[0], box[1], box[2], box[3]), Renders.mean(captioned, box[0], box[1], box[2], box[3])) > 60,
                "the caption area changes");
        assertTrue(distance(Renders.mean(plain, 0, 0, 240, 100), Renders.mean(captioned, 0, 0, 240, 100)) < 3, "the top stays as it was");
    }

    @Test
    void theLabelIsOnGeneratedFramesAndNotOnOthers() throws Exception {
        int[] label = Captions.disclosure("AI-generated", Renders.SMALL).bounds();
        List<BufferedImage> frames = decode(Renders.render(Renders.SMALL,
                List.of(Renders.color("#c0c0c0", 300), Renders.generate("x", 300), Renders.color("#c0c0c0", 300))));
        assertEquals(27, frames.size());
        BufferedImage before = frames.get(4);
        BufferedImage generated = frames.get(13);
        BufferedImage after = frames.get(22);
        double[] clean = Renders.mean(before, label[0], label[1], label[2], label[3]);
        assertTrue(distance(clean, new double[] {0xc0, 0xc0, 0xc0}) < 9, "no label on the plain shot before");
        assertTrue(distance(Renders.mean(after, label[0], label[1], label[2], label[3]), clean) < 9, "no label on the plain shot after");
        double[] generatedBackground = Renders.mean(generated, 120, 200, 40, 40);
        double[] labelled = Renders.mean(generated, label[0], label[1], label[2], label[3]);
        assertTrue(distance(labelled, generatedBackground) > 60, "the label darkens its corner of the generated frames: "
                + java.util.Arrays.toString(labelled) + " vs " + java.util.Arrays.toString(generatedBackground));
    }

    @Test
    void aFadeComesUpFromBlackAndACrossfadeFromTheShotBefore() throws Exception {
        List<BufferedImage> frames = decode(Renders.render(Renders.SMALL, List.of(
                Renders.color("#ff0000", 300),
                Renders.withTransition(Renders.color("#0000ff", 600), "crossfade", 300),
                Renders.withTransition(Renders.color("#00ff00", 600), "fade", 300))));
        double[] mid = Renders.mean(frames.get(9 + 4), 0, 0, 240, 426);
        assertTrue(mid[0] > 60 && mid[2] > 60, "half way through the crossfade both red and blue show: " + java.util.Arrays.toString(mid));
        double[] fading = Renders.mean(frames.get(27 + 2), 0, 0, 240, 426);
        assertTrue(fading[1] < 150 && fading[0] < 30 && fading[2] < 30, "the fade starts near black: " + java.util.Arrays.toString(fading));
        double[] end = Renders.mean(frames.get(44), 0, 0, 240, 426);
        assertTrue(end[1] > 230, "then it is green: " + java.util.Arrays.toString(end));
    }

    @Test
    void aTitleIsDrawnInsideItsMargins() throws Exception {
        BufferedImage frame = decode(Renders.render(Renders.SMALL, List.of(Renders.title("A long title that has to wrap over several lines", 200)))).get(2);
        int margin = 240 / 10 - 4;
        double[] left = Renders.mean(frame, 0, 0, margin, 426);
        double[] middle = Renders.mean(frame, 60, 100, 120, 226);
        assertTrue(Math.max(left[0], Math.max(left[1], left[2])) < 60, "nothing bright in the left margin");
        assertTrue(middle[0] > left[0] + 10, "the text is in the middle");
    }
}
