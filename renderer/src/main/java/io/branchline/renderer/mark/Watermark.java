package io.branchline.renderer.mark;

/**
 * The invisible watermark of one payload at one frame size, ready to add to frames. The pattern
 * is the grid of {@link MarkLayout} nodes, each worth plus or minus {@link #amplitude} in luma,
 * interpolated bilinearly between node centres: smooth at the scale of a few pixels, so it
 * survives scaling and compression, which take away fine detail first. It is worked out once
 * per visit; {@link #apply} is one add-and-clamp pass over the frame.
 *
 * <p>The same offset is added to red, green and blue, which moves luma by that much and leaves
 * chroma as it was.
 */
public final class Watermark {

    /** The version written into content keys; raise it when the pattern of a payload changes. */
    public static final String VERSION = "bw1";
    /**
     * The peak offset at a node, in 8-bit levels. The interpolated, rounded pattern's mean square is
     * about 5 levels², which keeps PSNR at or above 40.9 dB ({@link #psnrFloor()}; clamping at
     * black and white only raises it).
     */
    public static final double AMPLITUDE = 3.5;

    /** Above the largest offset's size, so that offset plus bias is never negative. */
    private static final int BIAS = 8;

    private final MarkPayload payload;
    private final int width;
    private final int height;
    /** The offset of each pixel, row by row. */
    private final byte[] offsets;

    private Watermark(MarkPayload payload, int width, int height, byte[] offsets) {
        this.payload = payload;
        this.width = width;
        this.height = height;
        this.offsets = offsets;
    }

    /** The watermark of {@code payload} for frames of {@code width} by {@code height}, in layout {@link MarkLayout#V1}. */
    public static Watermark of(MarkPayload payload, int width, int height) {
        return of(payload, width, height, MarkLayout.V1, AMPLITUDE);
    }

    public static Watermark of(MarkPayload payload, int width, int height, MarkLayout layout, double amplitude) {
        if (amplitude < 0 || amplitude > BIAS - 0.5) {
            throw new IllegalArgumentException("the amplitude must be from 0 to " + (BIAS - 0.5) + " levels");
        }
        int[] signs = layout.signs(payload);
        byte[] offsets = new byte[width * height];
        int gw = layout.columns();
        int gh = layout.rows();
        int[] x0 = new int[width];
        float[] fx = new float[width];
        for (int x = 0; x < width; x++) {
            double u = (x + 0.5) * gw / width - 0.5;
            int i = (int) Math.floor(u);
            fx[x] = (float) (u - i);
            x0[x] = i;
        }
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) * gh / height - 0.5;
            int j = (int) Math.floor(v);
            double fy = v - j;
            int r0 = Math.max(0, j) * gw;
            int r1 = Math.min(gh - 1, j + 1) * gw;
            for (int x = 0; x < width; x++) {
                int c0 = Math.max(0, x0[x]);
                int c1 = Math.min(gw - 1, x0[x] + 1);
                double top = signs[r0 + c0] + (signs[r0 + c1] - signs[r0 + c0]) * fx[x];
                double bottom = signs[r1 + c0] + (signs[r1 + c1] - signs[r1 + c0]) * fx[x];
                offsets[y * width + x] = (byte) Math.round(amplitude * (top + (bottom - top) * fy));
            }
        }
        return new Watermark(payload, width, height, offsets);
    }

    /**
     * The lowest PSNR a marked frame can have against the unmarked one, in dB: from the mean
     * square of the offsets, which clamping at black and white can only lower.
     */
    public double psnrFloor() {
        double sum = 0;
        for (byte o : offsets) {
            sum += o * o;
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / offsets.length));
    }

    public MarkPayload payload() {
        return payload;
    }

    /** Adds the watermark to a frame of {@code TYPE_INT_RGB} pixels (0x00RRGGBB) of this watermark's size, in place. */
    public void apply(int[] rgb) {
        if (rgb.length != offsets.length) {
            throw new IllegalArgumentException("the frame is not " + width + "x" + height);
        }
        // All three channels at once: add the offset plus a bias to each byte, take the
        // bias away again, and fall back to clamping channel by channel only where a byte
        // carried or borrowed (near black or white), which the carry bits show.
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int d = offsets[i];
            int biased = p + (d + BIAS) * 0x010101;
            int q = biased - BIAS * 0x010101;
            if ((((p ^ ((d + BIAS) * 0x010101) ^ biased) | (biased ^ (BIAS * 0x010101) ^ q)) & 0x01010100) != 0) {
                q = clamped(p, d);
            }
            rgb[i] = q;
        }
    }

    private static int clamped(int p, int d) {
        int r = clamp(((p >> 16) & 0xFF) + d);
        int g = clamp(((p >> 8) & 0xFF) + d);
        int b = clamp((p & 0xFF) + d);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }
}
