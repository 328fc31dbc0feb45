package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UpscaleTest {

    @Test
    void matchesJavaTwoDsBilinearScaleToWithinOneLevel() {
        for (int[] size : new int[][] {{480, 854}, {720, 1280}, {64, 36}}) {
            int width = size[0];
            int height = size[1];
            BufferedImage small = new BufferedImage(Upscale.half(width), Upscale.half(height), BufferedImage.TYPE_INT_RGB);
            Random random = new Random(width);
            int[] source = pixels(small);
            for (int i = 0; i < source.length; i++) {
                source[i] = random.nextInt(1 << 24);
            }
            int[] ours = new int[width * height];
            new Upscale(width, height).apply(source, ours);

            BufferedImage big = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = big.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(small, 0, 0, width, height, null);
            g.dispose();
            int[] java2d = pixels(big);
            int worst = 0;
            for (int i = 0; i < ours.length; i++) {
                for (int shift = 0; shift < 24; shift += 8) {
                    worst = Math.max(worst, Math.abs((ours[i] >> shift & 255) - (java2d[i] >> shift & 255)));
                }
            }
            assertTrue(worst <= 1, width + "x" + height + ": differs from Java2D by up to " + worst + " levels");
        }
    }

    @Test
    void aFlatPictureStaysExactlyFlatAndTheCornersKeepTheirColour() {
        int[] source = new int[Upscale.half(7) * Upscale.half(5)];
        Arrays.fill(source, 0xFF7F01);
        int[] out = new int[7 * 5];
        new Upscale(7, 5).apply(source, out);
        assertTrue(Arrays.stream(out).allMatch(p -> p == 0xFF7F01), Arrays.toString(out));

        int[] corners = {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00};
        int[] big = new int[4 * 4];
        new Upscale(4, 4).apply(corners, big);
        assertEquals(0x000000, big[0], "the top left pixel lies a quarter pixel inside the source's first, clamped at the edge");
        assertEquals(0x404040, big[1], "a quarter of the way to white, rounded");
        assertEquals(0x00FF00, big[15]);
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}
