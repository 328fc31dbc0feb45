package io.branchline.renderer.media;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * How near each point of a picture is, from 0 (the farthest) to 1 (the nearest), on a grid of
 * its own size that spans the whole picture (a model's map is smaller than the photo; an author's
 * may be too). Larger is nearer everywhere in Branchline: an author's map is white for near, and
 * Depth-Anything's relative inverse depth is larger for near.
 */
public final class DepthMap {

    private final int width;
    private final int height;
    private final float[] nearness;

    /**
     * @param nearness {@code width * height} values, row by row, each from 0 (far) to 1 (near)
     */
    public DepthMap(int width, int height, float[] nearness) {
        if (width < 1 || height < 1 || nearness.length != width * height) {
            throw new IllegalArgumentException("a depth map of " + width + "x" + height + " needs " + (long) width * height
                    + " values, not " + nearness.length);
        }
        this.width = width;
        this.height = height;
        this.nearness = nearness.clone();
    }

    /**
     * Raw values of any range (a model's output) stretched so the farthest is 0 and the nearest 1;
     * a flat map (every value the same) becomes all 0, so nothing moves apart.
     */
    public static DepthMap normalised(int width, int height, float[] raw) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : raw) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float range = max - min;
        float[] out = new float[raw.length];
        if (range > 1e-12f) {
            for (int i = 0; i < raw.length; i++) {
                float v = raw[i];
                out[i] = Float.isFinite(v) ? (v - min) / range : 0f;
            }
        }
        return new DepthMap(width, height, out);
    }

    /** An author's depth picture: its brightness (Rec. 601 luma), white near, black far. */
    public static DepthMap fromPicture(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int[] rgb = picture.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            int p = rgb[i];
            int luma = (299 * (p >> 16 & 0xFF) + 587 * (p >> 8 & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
            out[i] = luma / 255f;
        }
        return new DepthMap(w, h, out);
    }

    /**
     * Reads an author's depth picture ({@code depth "…"} on an image shot).
     *
     * @throws io.branchline.renderer.RenderException when it is missing or not an image
     */
    public static DepthMap read(Path file) {
        return fromPicture(ImageLoader.read(file));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The nearness at grid point (x, y). */
    public float at(int x, int y) {
        return nearness[y * width + x];
    }

    /**
     * The map resampled bilinearly onto a {@code w}×{@code h} grid spanning the same picture
     * (grid points at pixel centres), as bytes 0..255 for a fast inner loop.
     */
    public byte[] resampled(int w, int h) {
        byte[] out = new byte[w * h];
        float sx = (float) width / w;
        float sy = (float) height / h;
        for (int y = 0; y < h; y++) {
            float v = Math.max(0, Math.min(height - 1, (y + 0.5f) * sy - 0.5f));
            int y0 = Math.min((int) v, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            float fy = v - y0;
            for (int x = 0; x < w; x++) {
                float u = Math.max(0, Math.min(width - 1, (x + 0.5f) * sx - 0.5f));
                int x0 = Math.min((int) u, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                float fx = u - x0;
                float top = nearness[y0 * width + x0] * (1 - fx) + nearness[y0 * width + x1] * fx;
                float bottom = nearness[y1 * width + x0] * (1 - fx) + nearness[y1 * width + x1] * fx;
                out[y * w + x] = (byte) Math.round(Math.max(0, Math.min(1, top * (1 - fy) + bottom * fy)) * 255);
            }
        }
        return out;
    }
}
