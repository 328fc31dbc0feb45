package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StyleKernelTest {

    private static final int S = NeuralStyler.LATTICE;
    private static final int WIDTH = 37;
    private static final int HEIGHT = 21;

    /** A table of {@code f} (levels in, levels out) over the lattice, packed as the styler packs it. */
    private static long[] table(java.util.function.UnaryOperator<double[]> f) {
        long[] lut = new long[S * S * S];
        for (int r = 0; r < S; r++) {
            for (int g = 0; g < S; g++) {
                for (int b = 0; b < S; b++) {
                    double step = 255.0 / (S - 1);
                    double[] out = f.apply(new double[] {r * step, g * step, b * step});
                    lut[(r * S + g) * S + b] = Math.round(out[0] * 16) | Math.round(out[1] * 16) << 20
                            | Math.round(out[2] * 16) << 40;
                }
            }
        }
        return lut;
    }

    private static int[] randomPixels() {
        Random random = new Random(5);
        int[] pixels = new int[WIDTH * HEIGHT];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 3 == 0 && i > 0 ? pixels[i - 1] : random.nextInt(1 << 24);
        }
        return pixels;
    }

    private static int[] plainWash(FieldGrid grid, int gain, int offset) {
        int[] wash = new int[grid.points() * 2];
        for (int i = 0; i < grid.points(); i++) {
            wash[2 * i] = gain;
            wash[2 * i + 1] = offset;
        }
        return wash;
    }

    @Test
    void anIdentityTableWithAPlainWashLeavesEveryPixelWithinALevel() {
        FieldGrid grid = new FieldGrid(WIDTH, HEIGHT, NeuralStyler.WASH_CELL);
        int[] pixels = randomPixels();
        int[] original = pixels.clone();
        new StyleKernel(table(c -> c)).apply(pixels, WIDTH, HEIGHT, grid, plainWash(grid, 256, 0), new short[pixels.length]);
        for (int i = 0; i < pixels.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int before = (original[i] >> shift) & 255;
                int after = (pixels[i] >> shift) & 255;
                assertTrue(Math.abs(before - after) <= 1, "pixel " + i + ": " + before + " became " + after);
            }
        }
    }

    @Test
    void aLinearTableIsReproducedBetweenLatticePoints() {
        // Swapping red and blue and inverting green is linear, so tetrahedral interpolation is exact.
        FieldGrid grid = new FieldGrid(WIDTH, HEIGHT, NeuralStyler.WASH_CELL);
        int[] pixels = randomPixels();
        int[] original = pixels.clone();
        new StyleKernel(table(c -> new double[] {c[2], 255 - c[1], c[0]}))
                .apply(pixels, WIDTH, HEIGHT, grid, plainWash(grid, 256, 0), new short[pixels.length]);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(original[i] & 255, (pixels[i] >> 16) & 255, 1);
            assertEquals(255 - ((original[i] >> 8) & 255), (pixels[i] >> 8) & 255, 1);
            assertEquals((original[i] >> 16) & 255, pixels[i] & 255, 1);
        }
    }

    @Test
    void gainOffsetAndGrainApplyAndClamp() {
        FieldGrid grid = new FieldGrid(WIDTH, HEIGHT, NeuralStyler.WASH_CELL);
        int[] pixels = new int[WIDTH * HEIGHT];
        java.util.Arrays.fill(pixels, 100 << 16 | 200 << 8 | 10);
        short[] grain = new short[pixels.length];
        grain[0] = 16 * 5;
        // Gain 1.5, offset -20 levels: 100 → 130, 200 → 280 → 255, 10 → -5 → 0.
        new StyleKernel(table(c -> c)).apply(pixels, WIDTH, HEIGHT, grid, plainWash(grid, 384, -20 * 16), grain);
        assertEquals(130 << 16 | 255 << 8, pixels[1]);
        assertEquals(135 << 16 | 255 << 8 | 0, pixels[0]);
    }
}
