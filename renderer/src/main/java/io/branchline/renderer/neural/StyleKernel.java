package io.branchline.renderer.neural;

/**
 * The per-pixel part of {@link NeuralStyler}, in integer arithmetic: a tetrahedral look-up in
 * one shot's colour table, then the wash's gain and offset and the grain.
 *
 * <p>Frames hold far fewer colours than pixels, and the same ones again and again (flat fills,
 * smooth gradients, the frame before), so looked-up colours are remembered in a small
 * direct-mapped cache: on frames made by the generator it answers about four lookups in five.
 *
 * <p>Table entries pack three 12-bit channels (levels × 16) into 20-bit fields of a long, so the
 * four corners of a tetrahedron, weighted by 8-bit fractions that sum to 256, add up in one long
 * without one channel spilling into the next.
 */
final class StyleKernel {

    private static final int S = NeuralStyler.LATTICE;
    private static final int SS = S * S;
    private static final long FIELD = 0xFFFFF;
    /** Per 8-bit level: the lattice cell below it and the 8-bit weight of the point above. */
    private static final int[] CELL = new int[256];
    private static final int[] FRACTION = new int[256];
    /**
     * By order bits (r &gt; g, g &gt; b, r &gt; b): the lattice step along the largest fraction's
     * axis, and along the two largest. Orders 0b110 and 0b001 cannot happen.
     */
    private static final int[] FIRST = {1, 1, S, S, 1, SS, SS, SS};
    private static final int[] SECOND = {1 + S, 1 + S, S + 1, S + SS, 1 + SS, SS + 1, SS + S, SS + S};

    static {
        for (int c = 0; c < 256; c++) {
            double position = c * (S - 1) / 255.0;
            int cell = Math.min((int) position, S - 2);
            CELL[c] = cell;
            FRACTION[c] = (int) Math.round((position - cell) * 256);
        }
    }

    private static final int CACHE_BITS = 12;

    private final long[] lut;
    private final int[] cachedColour = new int[1 << CACHE_BITS];
    private final long[] cachedValue = new long[1 << CACHE_BITS];
    private int[] gainColumns = new int[0];
    private int[] offsetColumns = new int[0];

    /** A kernel for one shot's table (see {@link NeuralStyler}); not for concurrent use. */
    StyleKernel(long[] lut) {
        this.lut = lut;
        java.util.Arrays.fill(cachedColour, -1);
    }

    /**
     * Restyles {@code pixels} (packed RGB, row by row) in place.
     *
     * @param grid  the wash's grid; its cell must divide 256
     * @param wash  per point of {@code grid}: gain (256 = unchanged) and offset (1/16 levels), each within ±2^14
     * @param grain per pixel, an offset in 1/16 levels
     */
    void apply(int[] pixels, int width, int height, FieldGrid grid, int[] wash, short[] grain) {
        int columns = grid.columns;
        int cell = grid.cell;
        int cellShift = Integer.numberOfTrailingZeros(cell);
        if (gainColumns.length != columns) {
            gainColumns = new int[columns];
            offsetColumns = new int[columns];
        }
        for (int y = 0; y < height; y++) {
            // Down the column: values in 1/65536 (gain) and 1/4096 levels (offset).
            int above = grid.row[y] * columns * 2;
            int below = above + columns * 2;
            int fy = grid.rowWeight[y];
            for (int i = 0; i < columns; i++) {
                int g0 = wash[above + 2 * i];
                int o0 = wash[above + 2 * i + 1];
                gainColumns[i] = (g0 << 8) + (wash[below + 2 * i] - g0) * fy;
                offsetColumns[i] = (o0 << 8) + (wash[below + 2 * i + 1] - o0) * fy;
            }
            int row = y * width;
            // Across, one cell at a time: both change by a fixed step from pixel to pixel.
            for (int c = 0, x = 0; x < width; c++) {
                int gain = gainColumns[c] << cellShift;
                int gainStep = gainColumns[c + 1] - gainColumns[c];
                int offset = offsetColumns[c] << cellShift;
                int offsetStep = offsetColumns[c + 1] - offsetColumns[c];
                int end = Math.min(x + cell, width);
                for (; x < end; x++, gain += gainStep, offset += offsetStep) {
                    int k = row + x;
                    int p = pixels[k] & 0xFFFFFF;
                    int slot = (p * 0x9E3779B1) >>> (32 - CACHE_BITS);
                    long v;
                    if (cachedColour[slot] == p) {
                        v = cachedValue[slot];
                    } else {
                        int r = p >> 16;
                        int g = (p >> 8) & 255;
                        int b = p & 255;
                        v = corners(lut, SS * CELL[r] + S * CELL[g] + CELL[b], FRACTION[r], FRACTION[g], FRACTION[b]);
                        cachedColour[slot] = p;
                        cachedValue[slot] = v;
                    }
                    int pixelGain = gain >> (8 + cellShift);
                    int pixelOffset = (offset >> cellShift) + (grain[k] << 8);
                    int ro = clamp(((int) (v & FIELD) * pixelGain >> 8) + pixelOffset);
                    int go = clamp(((int) ((v >>> 20) & FIELD) * pixelGain >> 8) + pixelOffset);
                    int bo = clamp(((int) ((v >>> 40) & FIELD) * pixelGain >> 8) + pixelOffset);
                    pixels[k] = ro << 16 | go << 8 | bo;
                }
            }
        }
    }

    /**
     * Tetrahedral interpolation without branches: the cube's diagonal, walked along the axis
     * of the largest fraction, then the next largest; which axes those are comes from a table
     * indexed by the three pairwise comparisons.
     */
    private static long corners(long[] lut, int base, int fr, int fg, int fb) {
        int order = ((fg - fr) >>> 31) << 2 | ((fb - fg) >>> 31) << 1 | ((fb - fr) >>> 31);
        int hi = Math.max(fr, Math.max(fg, fb));
        int lo = Math.min(fr, Math.min(fg, fb));
        int mid = fr + fg + fb - hi - lo;
        return lut[base] * (256 - hi) + lut[base + FIRST[order]] * (hi - mid)
                + lut[base + SECOND[order]] * (mid - lo) + lut[base + SS + S + 1] * lo;
    }

    /** From 1/4096 levels to a level in [0, 255], rounded. */
    private static int clamp(int value) {
        int level = (value + 2048) >> 12;
        return level < 0 ? 0 : Math.min(level, 255);
    }
}
