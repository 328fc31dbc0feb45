package io.branchline.renderer.media;

import org.bytedeco.javacv.Frame;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/** Copies FFmpeg's BGR24 pictures into packed RGB ints, the layout of {@code TYPE_INT_RGB}. */
final class Pixels {

    private Pixels() {
    }

    /**
     * Copies a BGR24 frame into {@code out} ({@code frame.imageWidth * frame.imageHeight} ints),
     * turned clockwise by {@code quarterTurns} × 90°.
     *
     * @param row scratch space for one row of the frame, at least {@code 3 * imageWidth} bytes
     */
    static void copyBgr(Frame frame, int quarterTurns, int[] out, byte[] row) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer bytes = (ByteBuffer) frame.image[0];
        boolean upright = (quarterTurns & 3) == 0;
        for (int y = 0; y < h; y++) {
            bytes.get(y * stride, row, 0, 3 * w);
            for (int x = 0, i = 0; x < w; x++, i += 3) {
                int rgb = (row[i + 2] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | (row[i] & 0xFF);
                out[upright ? y * w + x : index(x, y, w, h, quarterTurns)] = rgb;
            }
        }
    }

    /** Where pixel (x, y) of a w×h picture lands once the picture is turned clockwise. */
    private static int index(int x, int y, int w, int h, int quarterTurns) {
        return switch (quarterTurns & 3) {
            case 0 -> y * w + x;
            case 1 -> x * h + (h - 1 - y);
            case 2 -> (h - 1 - y) * w + (w - 1 - x);
            default -> (w - 1 - x) * h + y;
        };
    }

    /** A BGR24 frame as a new {@code TYPE_INT_RGB} image. */
    static BufferedImage fromBgr(Frame frame) {
        BufferedImage image = new BufferedImage(frame.imageWidth, frame.imageHeight, BufferedImage.TYPE_INT_RGB);
        copyBgr(frame, 0, MediaFiles.intPixels(image), new byte[3 * frame.imageWidth]);
        return image;
    }
}
