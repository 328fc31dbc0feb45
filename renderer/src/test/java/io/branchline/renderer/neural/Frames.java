package io.branchline.renderer.neural;

import java.awt.image.BufferedImage;

/** Picture comparisons for the neural tests. */
public final class Frames {

    private Frames() {
    }

    static BufferedImage image(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Mean absolute difference per channel, in levels (0..255). */
    public static double difference(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                sum += Math.abs(((a[i] >> shift) & 255) - ((b[i] >> shift) & 255));
            }
        }
        return sum / (3.0 * a.length);
    }

    /** Mean chroma (max channel minus min channel), in levels. */
    static double chroma(int[] a) {
        long sum = 0;
        for (int p : a) {
            int r = (p >> 16) & 255;
            int g = (p >> 8) & 255;
            int b = p & 255;
            sum += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
        }
        return sum / (double) a.length;
    }

    /** Standard deviation of the luminance, in levels: how much a picture varies at all. */
    static double spread(int[] a) {
        double sum = 0;
        double squares = 0;
        for (int p : a) {
            double y = 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
            sum += y;
            squares += y * y;
        }
        double mean = sum / a.length;
        return Math.sqrt(squares / a.length - mean * mean);
    }
}
