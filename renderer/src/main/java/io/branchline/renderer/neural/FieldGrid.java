package io.branchline.renderer.neural;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A coarse grid of sample points over a frame, where a neural field is evaluated, and the
 * tables that spread its values over every pixel by bilinear interpolation.
 *
 * <p>Grid points sit every {@code cell} pixels from the top left corner, the last row and column
 * on or just past the frame's edge, so pixel {@code x} lies between grid columns
 * {@code x / cell} and {@code x / cell + 1} at weight {@code x % cell / cell}. Field coordinates are
 * centred and scaled by half the shorter side, so {@code x, y} run over [-1, 1] across it and
 * the picture does not stretch with the aspect ratio.
 */
final class FieldGrid {

    final int cell;
    final int width;
    final int height;
    final int columns;
    final int rows;
    /** Per pixel column: the grid column to its left and the weight (0..256) of the one to its right. */
    final int[] column;
    final int[] columnWeight;
    /** Per pixel row: the grid row above and the weight (0..256) of the one below. */
    final int[] row;
    final int[] rowWeight;

    FieldGrid(int width, int height, int cell) {
        this.cell = cell;
        this.width = width;
        this.height = height;
        this.columns = Math.max(2, ceilDiv(width - 1, cell) + 1);
        this.rows = Math.max(2, ceilDiv(height - 1, cell) + 1);
        this.column = new int[width];
        this.columnWeight = new int[width];
        this.row = new int[height];
        this.rowWeight = new int[height];
        spread(cell, column, columnWeight);
        spread(cell, row, rowWeight);
    }

    int points() {
        return columns * rows;
    }

    /** The field's inputs {@code (x, y, r)} per grid point, row by row, in a direct buffer ONNX Runtime reads in place. */
    FloatBuffer coordinates() {
        FloatBuffer xyr = ByteBuffer.allocateDirect(points() * 3 * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        double half = Math.min(width, height) / 2.0;
        for (int j = 0; j < rows; j++) {
            double y = (j * cell - (height - 1) / 2.0) / half;
            for (int i = 0; i < columns; i++) {
                double x = (i * cell - (width - 1) / 2.0) / half;
                xyr.put((float) x).put((float) -y).put((float) Math.sqrt(x * x + y * y));
            }
        }
        return xyr.flip();
    }

    static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void spread(int cell, int[] index, int[] weight) {
        for (int p = 0; p < index.length; p++) {
            index[p] = p / cell;
            weight[p] = p % cell * 256 / cell;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
