package io.branchline.renderer.encode;

/**
 * Converts {@code TYPE_INT_RGB} frames (0x00RRGGBB) to planar YUV 4:2:0 (FFmpeg's yuv420p), the
 * encoder's input: BT.601 matrix, limited range (luma 16–235, chroma 16–240), as FFmpeg's own
 * scaler converts by default. Luma is one value per pixel; each chroma value is from the mean of
 * a 2×2 block of pixels (on an odd edge, of the pixels there are).
 *
 * <p>Done here rather than by FFmpeg's scaler because it is one pass with no copy in between,
 * about half the scaler's time at 720x1280 (docs/benchmarks.md, "Render ladder: draft tier"),
 * and because a frame that repeats the one before can then go to the encoder again unconverted
 * ({@link SceneEncoder#repeat}).
 */
final class Yuv420 {

    private final int width;
    private final int height;
    private final int chromaWidth;
    private final int chromaHeight;
    private final byte[] planes;

    Yuv420(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a frame is at least 1x1");
        }
        this.width = width;
        this.height = height;
        this.chromaWidth = (width + 1) / 2;
        this.chromaHeight = (height + 1) / 2;
        this.planes = new byte[width * height + 2 * chromaWidth * chromaHeight];
    }

    /** The three planes one after another, Y then U then V, each row as wide as its plane (no padding). */
    byte[] planes() {
        return planes;
    }

    /** Bytes of the three planes together. */
    int size() {
        return planes.length;
    }

    // 16-bit fixed point BT.601 limited-range coefficients (x 65536).
    private static final int YR = 16829;
    private static final int YG = 33039;
    private static final int YB = 6416;
    private static final int UR = -9714;
    private static final int UG = -19070;
    private static final int UB = 28784;
    private static final int VR = 28784;
    private static final int VG = -24103;
    private static final int VB = -4681;
    private static final int Y_OFFSET = (16 << 16) + (1 << 15);

    /** Converts a frame of {@code width × height} pixels into {@link #planes()}. */
    void convert(int[] rgb) {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("the frame is not " + width + "x" + height);
        }
        byte[] out = planes;
        int uBase = width * height;
        int vBase = uBase + chromaWidth * chromaHeight;
        for (int cy = 0; cy < chromaHeight; cy++) {
            int row0 = 2 * cy * width;
            boolean twoRows = 2 * cy + 1 < height;
            int row1 = twoRows ? row0 + width : row0;
            int c = cy * chromaWidth;
            for (int cx = 0; cx < chromaWidth; cx++) {
                int x0 = 2 * cx;
                boolean twoColumns = x0 + 1 < width;
                int x1 = twoColumns ? x0 + 1 : x0;
                int a = rgb[row0 + x0];
                int b = rgb[row0 + x1];
                int d = rgb[row1 + x0];
                int e = rgb[row1 + x1];
                out[row0 + x0] = luma(a);
                if (twoColumns) {
                    out[row0 + x1] = luma(b);
                }
                if (twoRows) {
                    out[row1 + x0] = luma(d);
                    if (twoColumns) {
                        out[row1 + x1] = luma(e);
                    }
                }
                // The block's sums; an odd edge counts its pixels twice, which keeps the mean.
                int r = ((a >> 16) & 0xFF) + ((b >> 16) & 0xFF) + ((d >> 16) & 0xFF) + ((e >> 16) & 0xFF);
                int g = ((a >> 8) & 0xFF) + ((b >> 8) & 0xFF) + ((d >> 8) & 0xFF) + ((e >> 8) & 0xFF);
                int bl = (a & 0xFF) + (b & 0xFF) + (d & 0xFF) + (e & 0xFF);
                out[uBase + c + cx] = (byte) ((UR * r + UG * g + UB * bl + (128 << 18) + (1 << 17)) >> 18);
                out[vBase + c + cx] = (byte) ((VR * r + VG * g + VB * bl + (128 << 18) + (1 << 17)) >> 18);
            }
        }
    }

    private static byte luma(int p) {
        return (byte) ((YR * ((p >> 16) & 0xFF) + YG * ((p >> 8) & 0xFF) + YB * (p & 0xFF) + Y_OFFSET) >> 16);
    }
}
