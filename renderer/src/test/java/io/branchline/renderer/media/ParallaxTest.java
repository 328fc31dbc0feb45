package io.branchline.renderer.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.compose.Captions;
import io.branchline.renderer.compose.Overlay;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2.5D move, checked on pictures whose depth is known: a far background with red marks and
 * a near panel (white in the depth map) with blue marks.
 */
class ParallaxTest {

    private static final int W = 240;
    private static final int H = 180;

    @TempDir
    Path dir;

    /** 400x300: a smooth background, a near panel at x 200..320, y 60..240, vertical marks red (far) and blue (near). */
    static BufferedImage scene(int[] farMarks, int[] nearMarks) {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(110, 150, 120), 400, 300, new Color(170, 160, 110)));
        g.fillRect(0, 0, 400, 300);
        g.setColor(new Color(150, 150, 200));
        g.fillRect(200, 60, 120, 180);
        g.setColor(new Color(255, 0, 0));
        for (int x : farMarks) {
            g.fillRect(x - 2, 0, 5, 300);
        }
        g.setColor(new Color(0, 0, 255));
        for (int x : nearMarks) {
            g.fillRect(x - 2, 60, 5, 180);
        }
        g.dispose();
        return img;
    }

    /** White over the panel, black elsewhere. */
    static DepthMap panelDepth() {
        float[] near = new float[400 * 300];
        for (int y = 60; y < 240; y++) {
            Arrays.fill(near, y * 400 + 200, y * 400 + 320, 1f);
        }
        return new DepthMap(400, 300, near);
    }

    private static int[] render(Parallax p, double progress) {
        int[] out = new int[W * H];
        p.render(progress, out);
        return out;
    }

    /** The centres of the runs of pixels in row {@code y} that are nearly the colour {@code rgb}. */
    private static double[] marks(int[] frame, int y, int rgb) {
        java.util.List<Double> centres = new java.util.ArrayList<>();
        int start = -1;
        for (int x = 0; x <= W; x++) {
            boolean on = x < W && close(frame[y * W + x], rgb);
            if (on && start < 0) {
                start = x;
            } else if (!on && start >= 0) {
                centres.add((start + x - 1) / 2.0);
                start = -1;
            }
        }
        return centres.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static boolean close(int a, int b) {
        return Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF)) < 120;
    }

    @Test
    void inAPanNearPointsTravelFurtherThanFarOnes() {
        Parallax p = new Parallax(scene(new int[] {100}, new int[] {260}), panelDepth(), ImageMotion.PAN_LEFT, W, H);
        int row = H / 2;
        double[] farStart = marks(render(p, 0), row, 0xFF0000);
        double[] farEnd = marks(render(p, 1), row, 0xFF0000);
        double[] nearStart = marks(render(p, 0), row, 0x0000FF);
        double[] nearEnd = marks(render(p, 1), row, 0x0000FF);
        assertEquals(1, farStart.length, Arrays.toString(farStart));
        assertEquals(1, nearStart.length, Arrays.toString(nearStart));
        double far = farEnd[0] - farStart[0];
        double near = nearEnd[0] - nearStart[0];
        // The camera goes left, so the picture slides right: the far mark by the plain pan (10% of
        // the frame, 24 px), the near one 5% of the frame (12 px) further.
        assertEquals(24, far, 1.5, "the far mark moves as in a plain pan");
        assertEquals(36, near, 2, "the near mark moves further");
    }

    @Test
    void inAZoomNearThingsGrowMoreThanFarOnes() {
        Parallax p = new Parallax(scene(new int[] {90, 170}, new int[] {225, 300}), panelDepth(), ImageMotion.ZOOM_IN, W, H);
        int row = H / 2;
        double[] farStart = marks(render(p, 0), row, 0xFF0000);
        double[] farEnd = marks(render(p, 1), row, 0xFF0000);
        double[] nearStart = marks(render(p, 0), row, 0x0000FF);
        double[] nearEnd = marks(render(p, 1), row, 0x0000FF);
        double farGrowth = (farEnd[1] - farEnd[0]) / (farStart[1] - farStart[0]);
        double nearGrowth = (nearEnd[1] - nearEnd[0]) / (nearStart[1] - nearStart[0]);
        assertEquals(1.15, farGrowth, 0.03, "the background grows as in a plain zoom");
        assertTrue(nearGrowth > farGrowth + 0.04, "the near panel grows more: " + nearGrowth + " against " + farGrowth);
    }

    @Test
    void noPixelIsLeftUnpaintedOrBlackWhereThePictureHasNone() {
        BufferedImage picture = scene(new int[0], new int[0]);
        // Nothing in the picture is darker than 110 in any channel, and the depth map has hard edges.
        for (ImageMotion motion : ImageMotion.values()) {
            Parallax p = new Parallax(picture, panelDepth(), motion, W, H);
            for (int step = 0; step <= 10; step++) {
                int[] out = new int[W * H];
                p.render(step / 10.0, out);
                for (int i = 0; i < out.length; i++) {
                    int px = out[i];
                    int darkest = Math.min(px >> 16 & 0xFF, Math.min(px >> 8 & 0xFF, px & 0xFF));
                    if (darkest < 90) {
                        throw new AssertionError(motion + " at " + step / 10.0 + ": pixel (" + i % W + ", " + i / W
                                + ") is #" + Integer.toHexString(px) + ", darker than anything in the picture");
                    }
                }
            }
        }
    }

    @Test
    void whereTheCameraUncoversTheBackgroundTheBackgroundIsStretched() {
        // At the end of a pan-left the panel has slid 6 px right of where the plain pan puts it:
        // the strip it uncovered at its left edge shows background, not a copy of the panel.
        BufferedImage picture = scene(new int[0], new int[0]);
        Parallax p = new Parallax(picture, panelDepth(), ImageMotion.PAN_LEFT, W, H);
        Parallax flat = new Parallax(picture, new DepthMap(1, 1, new float[] {0}), ImageMotion.PAN_LEFT, W, H);
        int[] moved = render(p, 1);
        int[] plain = render(flat, 1);
        int row = H / 2;
        int panelLeft = -1;
        for (int x = 0; x < W; x++) {
            if (panel(plain[row * W + x]) && panel(plain[row * W + x + 1])) {
                panelLeft = x;
                break;
            }
        }
        assertTrue(panelLeft > 0, "the panel is in view");
        for (int x = panelLeft + 1; x < panelLeft + 4; x++) {
            int px = moved[row * W + x];
            assertFalse(panel(px), "x " + x + " shows background, not the panel: #" + Integer.toHexString(px));
        }
    }

    /** The near panel's colour, (150, 150, 200); the background's blue is at most 120. */
    private static boolean panel(int px) {
        return (px & 0xFF) > 185 && Math.abs((px >> 16 & 0xFF) - 150) < 15;
    }

    @Test
    void framesAreTheSameEveryTimeAndAStillPictureDoesNotMove() {
        BufferedImage picture = scene(new int[] {100}, new int[] {260});
        int[] a = render(new Parallax(picture, panelDepth(), ImageMotion.PAN_UP, W, H), 0.37);
        int[] b = render(new Parallax(picture, panelDepth(), ImageMotion.PAN_UP, W, H), 0.37);
        assertArrayEquals(a, b);
        Parallax still = new Parallax(picture, panelDepth(), ImageMotion.STILL, W, H);
        assertArrayEquals(render(still, 0), render(still, 1));
        BufferedImage once = Parallax.frame(picture, panelDepth(), ImageMotion.PAN_UP, 0.37, W, H);
        assertArrayEquals(a, ((java.awt.image.DataBufferInt) once.getRaster().getDataBuffer()).getData(),
                "the one-frame function gives the same frame");
    }

    @Test
    void theDisclosureLabelDrawnAfterTheMoveStaysPut() {
        // As the scene renderer does: paint the frame, then draw the label over it.
        RenderFormat format = new RenderFormat(W, H, 30, 1000);
        Overlay label = Captions.disclosure("AI-generated", format);
        int[] box = label.bounds();
        // The label's solid pixels are those it paints the same over black and over white.
        BufferedImage black = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        BufferedImage white = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, W, H);
        label.drawOn(black);
        label.drawOn(white);
        Parallax p = new Parallax(scene(new int[] {30, 60, 90}, new int[] {260}), panelDepth(), ImageMotion.PAN_RIGHT, W, H);
        int[] first = null;
        int solid = 0;
        int moved = 0;
        for (int step = 0; step <= 4; step++) {
            BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
            p.render(step / 4.0, ((java.awt.image.DataBufferInt) frame.getRaster().getDataBuffer()).getData());
            int[] before = frame.getRGB(box[0], box[1], box[2], box[3], null, 0, box[2]);
            label.drawOn(frame);
            int[] inside = frame.getRGB(box[0], box[1], box[2], box[3], null, 0, box[2]);
            int[] labelPixels = new int[inside.length];
            for (int i = 0; i < inside.length; i++) {
                int x = box[0] + i % box[2];
                int y = box[1] + i / box[2];
                boolean opaque = black.getRGB(x, y) == white.getRGB(x, y);
                labelPixels[i] = opaque ? inside[i] : 0;
                if (step == 0 && opaque) {
                    solid++;
                }
            }
            if (first == null) {
                first = labelPixels;
            } else {
                assertArrayEquals(first, labelPixels, "the label's pixels at " + step / 4.0 + " are those of the first frame");
                if (!Arrays.equals(before, frame.getRGB(box[0], box[1], box[2], box[3], null, 0, box[2]))) {
                    moved++;
                }
            }
        }
        assertTrue(solid > 50, "the label has solid (text) pixels: " + solid);
        assertTrue(moved > 0, "the picture behind the label moves");
    }

    @Test
    void anAuthorsDepthPictureIsReadWhiteNear() throws Exception {
        BufferedImage depth = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        depth.setRGB(0, 0, 0xFFFFFF);
        depth.setRGB(1, 0, 0x808080);
        Path file = dir.resolve("depth.png");
        ImageIO.write(depth, "png", file.toFile());
        DepthMap map = DepthMap.read(file);
        assertEquals(1f, map.at(0, 0));
        assertEquals(128 / 255f, map.at(1, 0), 1e-6f);
        assertEquals(0f, map.at(3, 1));
    }
}
