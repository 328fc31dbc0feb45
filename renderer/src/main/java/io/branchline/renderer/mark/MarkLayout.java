package io.branchline.renderer.mark;

import java.util.SplittableRandom;

/**
 * Where the watermark's bits lie: a grid of nodes spread evenly over the frame in normalised
 * coordinates (so the same grid fits any size the video is scaled to), each node given to one of
 * the {@link MarkCode#BITS} bits and a pseudo-random sign, its chip. The nodes of a bit are
 * scattered over the whole frame, so a bit does not depend on one region's content. The layout is
 * fixed by its seed: embedder and reader agree on it without exchanging anything.
 *
 * @param columns nodes across
 * @param rows    nodes down
 * @param bit     the bit each node carries, row by row
 * @param chip    each node's sign, +1 or -1
 */
public record MarkLayout(int columns, int rows, int[] bit, int[] chip) {

    /**
     * The layout of watermark version 1: 60 by 108 nodes, 67 or 68 a bit, 8 pixels apart at
     * 480x854 and 4 in a half-size copy. Coarser grids left more of the (smooth) picture in what
     * the reader looks at; finer ones lost more to CRF-28 compression at half size
     * (docs/benchmarks.md, "Invisible watermark").
     */
    public static final MarkLayout V1 = of(60, 108, 0x42_72_61_6E_63_68L);

    /** A layout of {@code columns} by {@code rows} nodes drawn from {@code seed}. */
    public static MarkLayout of(int columns, int rows, long seed) {
        int n = columns * rows;
        if (n < MarkCode.BITS * 4) {
            throw new IllegalArgumentException("a layout needs at least four nodes per bit");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] bit = new int[n];
        int[] chip = new int[n];
        for (int i = 0; i < n; i++) {
            bit[i] = i % MarkCode.BITS;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = bit[i];
            bit[i] = bit[j];
            bit[j] = t;
        }
        for (int i = 0; i < n; i++) {
            chip[i] = random.nextBoolean() ? 1 : -1;
        }
        return new MarkLayout(columns, rows, bit, chip);
    }

    public int nodes() {
        return columns * rows;
    }

    /** The sign of each node for a payload: its chip times its bit's sign. */
    int[] signs(MarkPayload payload) {
        int[] code = MarkCode.encode(payload);
        int[] out = new int[nodes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = chip[i] * code[bit[i]];
        }
        return out;
    }
}
