package io.branchline.renderer.neural;

import static io.branchline.renderer.neural.Frames.difference;
import static io.branchline.renderer.neural.Frames.image;
import static io.branchline.renderer.neural.Frames.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NeuralStylerTest {

    private static final RenderFormat FORMAT = new RenderFormat(144, 256, 30, 2000);

    private static MiniLmTextEncoder encoder;
    private static NeuralStyler styler;
    private static BufferedImage drawn;
    private static BufferedImage generated;

    @BeforeAll
    static void load() {
        encoder = MiniLmTextEncoder.load();
        styler = new NeuralStyler(encoder);
        drawn = drawnFrame();
        try (CppnFrameGenerator generator = new CppnFrameGenerator(encoder);
                ShotPainter painter = generator.prepare("a sunny beach with palm trees", 1, FORMAT, 1000)) {
            generated = image(FORMAT.width(), FORMAT.height());
            painter.paint(0, generated);
        }
    }

    @AfterAll
    static void close() {
        styler.close();
        encoder.close();
    }

    /** A frame such as a drawn shot gives: a sky gradient, a red sun, a green block, a black bar. */
    private static BufferedImage drawnFrame() {
        BufferedImage image = image(FORMAT.width(), FORMAT.height());
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), 0, FORMAT.height(), new Color(230, 200, 150)));
        g.fillRect(0, 0, FORMAT.width(), FORMAT.height());
        g.setColor(new Color(200, 40, 40));
        g.fillOval(20, 40, 50, 50);
        g.setColor(new Color(30, 160, 60));
        g.fillRect(70, 130, 50, 60);
        g.setColor(Color.BLACK);
        g.fillRect(0, 100, FORMAT.width(), 6);
        g.dispose();
        return image;
    }

    private static int[] styled(BufferedImage source, String style, long seed, int frame) {
        BufferedImage copy = image(source.getWidth(), source.getHeight());
        copy.getGraphics().drawImage(source, 0, 0, null);
        try (FrameStyler.ShotStyle shotStyle = styler.prepare(style, seed, FORMAT)) {
            shotStyle.apply(frame, copy);
        }
        return pixels(copy);
    }

    @Test
    void stylingChangesThePictureWhateverItsSource() {
        for (BufferedImage source : new BufferedImage[] {drawn, generated}) {
            double d = difference(pixels(source), styled(source, "warm watercolour painting", 1, 0));
            System.out.printf("watercolour changes the frame by %.1f levels%n", d);
            assertTrue(d > 6, "styling changed the frame by " + d + " levels");
        }
    }

    @Test
    void twoStylesGiveDifferentPictures() {
        double d = difference(styled(drawn, "cyberpunk neon glow", 1, 0), styled(drawn, "faded vintage photograph, sepia", 1, 0));
        System.out.printf("cyberpunk vs vintage: %.1f levels%n", d);
        assertTrue(d > 10, "the two styles differ by " + d + " levels");
    }

    @Test
    void theSameStyleGivesTheSamePixels() {
        assertArrayEquals(styled(generated, "film noir", 3, 17), styled(generated, "film noir", 3, 17));
    }

    @Test
    void aBlackAndWhiteStyleTakesTheColourOut() {
        double before = Frames.chroma(pixels(drawn));
        double after = Frames.chroma(styled(drawn, "a black and white photograph", 1, 0));
        double vivid = Frames.chroma(styled(drawn, "vivid saturated neon colours", 1, 0));
        System.out.printf("chroma: source %.1f, black and white %.1f, vivid %.1f%n", before, after, vivid);
        assertTrue(after < before * 0.35, "chroma " + before + " became " + after);
        assertTrue(vivid > before, "chroma " + before + " became " + vivid);
    }

    @Test
    void theTextureMovesSmoothly() {
        BufferedImage copy = image(FORMAT.width(), FORMAT.height());
        try (FrameStyler.ShotStyle shotStyle = styler.prepare("oil painting", 1, FORMAT)) {
            int[][] frames = new int[61][];
            for (int f = 0; f < frames.length; f++) {
                copy.getGraphics().drawImage(drawn, 0, 0, null);
                shotStyle.apply(f, copy);
                frames[f] = pixels(copy);
            }
            double largestStep = 0;
            for (int f = 1; f < frames.length; f++) {
                largestStep = Math.max(largestStep, difference(frames[f - 1], frames[f]));
            }
            double twoSeconds = difference(frames[0], frames[60]);
            System.out.printf("style texture: largest frame-to-frame change %.2f, two seconds apart %.2f%n", largestStep, twoSeconds);
            assertTrue(largestStep < 1, "largest frame-to-frame change " + largestStep);
            assertTrue(twoSeconds > largestStep, "two seconds apart " + twoSeconds);
        }
    }

    @Test
    void stylesAnyKindOfImageAlike() {
        BufferedImage bgr = new BufferedImage(FORMAT.width(), FORMAT.height(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(drawn, 0, 0, null);
        try (FrameStyler.ShotStyle shotStyle = styler.prepare("oil painting", 1, FORMAT)) {
            shotStyle.apply(4, bgr);
        }
        assertArrayEquals(styled(drawn, "oil painting", 1, 4), pixels(bgr));
    }

    @Test
    void applyingAfterCloseIsAnError() {
        FrameStyler.ShotStyle shotStyle = styler.prepare("oil painting", 1, FORMAT);
        shotStyle.close();
        assertThrows(IllegalStateException.class, () -> shotStyle.apply(0, image(FORMAT.width(), FORMAT.height())));
    }
}
