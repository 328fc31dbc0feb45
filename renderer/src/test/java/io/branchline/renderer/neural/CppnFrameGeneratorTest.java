package io.branchline.renderer.neural;

import static io.branchline.renderer.neural.Frames.difference;
import static io.branchline.renderer.neural.Frames.image;
import static io.branchline.renderer.neural.Frames.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CppnFrameGeneratorTest {

    private static final RenderFormat FORMAT = new RenderFormat(144, 256, 30, 2000);
    private static final String ALLEY = "a rainy neon alley at night";
    private static final String STREET = "a wet street with neon lights at night";
    private static final String BEACH = "a sunny beach with palm trees";

    private static MiniLmTextEncoder encoder;
    private static CppnFrameGenerator generator;

    @BeforeAll
    static void load() {
        encoder = MiniLmTextEncoder.load();
        generator = new CppnFrameGenerator(encoder);
    }

    @AfterAll
    static void close() {
        generator.close();
        encoder.close();
    }

    private static int[] frame(String prompt, long seed, int frame) {
        try (ShotPainter painter = generator.prepare(prompt, seed, FORMAT, 4000)) {
            BufferedImage target = image(FORMAT.width(), FORMAT.height());
            painter.paint(frame, target);
            return pixels(target);
        }
    }

    /** A few frames across the shot, side by side, so one lucky frame decides nothing. */
    private static int[] frames(String prompt, long seed) {
        int[] all = new int[FORMAT.width() * FORMAT.height() * 3];
        try (ShotPainter painter = generator.prepare(prompt, seed, FORMAT, 4000)) {
            BufferedImage target = image(FORMAT.width(), FORMAT.height());
            for (int i = 0; i < 3; i++) {
                painter.paint(i * 45, target);
                System.arraycopy(pixels(target), 0, all, i * FORMAT.width() * FORMAT.height(), FORMAT.width() * FORMAT.height());
            }
        }
        return all;
    }

    @Test
    void framesArePicturesNotFlatFills() {
        int[] alley = frame(ALLEY, 1, 0);
        System.out.printf("spread %.1f, chroma %.1f%n", Frames.spread(alley), Frames.chroma(alley));
        assertTrue(Frames.spread(alley) > 10, "luminance spread " + Frames.spread(alley));
        assertTrue(Frames.chroma(alley) > 20, "mean chroma " + Frames.chroma(alley));
    }

    @Test
    void theSamePromptAndSeedGiveTheSamePixels() {
        assertArrayEquals(frame(ALLEY, 7, 12), frame(ALLEY, 7, 12));
    }

    @Test
    void differentPromptsGiveClearlyDifferentPictures() {
        double d = difference(frames(ALLEY, 1), frames(BEACH, 1));
        System.out.printf("alley vs beach: %.1f levels%n", d);
        assertTrue(d > 30, "mean absolute difference " + d);
    }

    @Test
    void similarPromptsLookCloserThanDissimilarOnes() {
        int[] alley = frames(ALLEY, 1);
        double near = difference(alley, frames(STREET, 1));
        double far = difference(alley, frames(BEACH, 1));
        System.out.printf("alley vs street %.1f, alley vs beach %.1f%n", near, far);
        assertTrue(near < far * 0.6, "alley–street " + near + ", alley–beach " + far);

        int[] forest = frames("a dark pine forest in winter", 1);
        double nearForest = difference(forest, frames("snowy woods at dusk", 1));
        double farForest = difference(forest, frames("a red dragon breathing fire", 1));
        System.out.printf("forest vs woods %.1f, forest vs dragon %.1f%n", nearForest, farForest);
        assertTrue(nearForest < farForest * 0.8, "forest–woods " + nearForest + ", forest–dragon " + farForest);
    }

    @Test
    void theSeedNudgesThePictureWithoutReplacingIt() {
        int[] one = frames(ALLEY, 1);
        double seed = difference(one, frames(ALLEY, 2));
        double prompt = difference(one, frames(BEACH, 1));
        System.out.printf("seed 1 vs 2: %.1f, alley vs beach %.1f%n", seed, prompt);
        assertNotEquals(0.0, seed);
        assertTrue(seed < prompt * 0.3, "seed " + seed + ", prompt " + prompt);
    }

    @Test
    void framesChangeSmoothlyOverTime() {
        try (ShotPainter painter = generator.prepare(ALLEY, 1, FORMAT, 4000)) {
            BufferedImage target = image(FORMAT.width(), FORMAT.height());
            int[][] frames = new int[62][];
            for (int f = 0; f < frames.length; f++) {
                painter.paint(f, target);
                frames[f] = pixels(target);
            }
            double largestStep = 0;
            for (int f = 1; f < frames.length; f++) {
                largestStep = Math.max(largestStep, difference(frames[f - 1], frames[f]));
            }
            double twoSeconds = difference(frames[0], frames[60]);
            System.out.printf("largest frame-to-frame change %.2f, two seconds apart %.2f%n", largestStep, twoSeconds);
            assertTrue(largestStep > 0, "the picture moves");
            assertTrue(largestStep < 1.5, "largest change between consecutive frames " + largestStep);
            assertTrue(twoSeconds > 10 * largestStep, "two seconds apart " + twoSeconds + ", one frame " + largestStep);
        }
    }

    @Test
    void paintsAnyKindOfImageAlike() {
        try (ShotPainter painter = generator.prepare(ALLEY, 1, FORMAT, 4000)) {
            BufferedImage rgb = image(FORMAT.width(), FORMAT.height());
            BufferedImage bgr = new BufferedImage(FORMAT.width(), FORMAT.height(), BufferedImage.TYPE_3BYTE_BGR);
            painter.paint(5, rgb);
            painter.paint(5, bgr);
            assertArrayEquals(pixels(rgb), pixels(bgr));
        }
    }

    @Test
    void paintingAfterCloseIsAnError() {
        ShotPainter painter = generator.prepare(ALLEY, 1, FORMAT, 4000);
        painter.close();
        assertThrows(IllegalStateException.class, () -> painter.paint(0, image(FORMAT.width(), FORMAT.height())));
    }

    @Test
    void modelHashNamesTheGeneratorTheEncoderAndTheDevice() {
        assertTrue(generator.modelHash().startsWith("cppn-1-cpu-"), generator.modelHash());
        assertEquals(generator.modelHash(), new CppnFrameGenerator(encoder).modelHash());
    }
}
