package io.branchline.renderer.mark;

import java.util.Optional;

/**
 * Reads the watermark back from decoded frames of any size: each frame's luma is averaged over
 * the cells of the {@link MarkLayout} grid (in normalised coordinates, so a scaled copy maps
 * onto the same grid), the averages are added up over all the frames given, and the pattern is
 * looked for in what remains once each cell's neighbours' mean is taken away (the picture itself
 * is smooth at that scale; the mark is not), each cell weighted by how little else remains around
 * it. Each bit's strength is its correlation with its chips in standard deviations of what
 * unmarked video gives. Accumulating over a segment's 50 or so frames lets
 * the picture's motion and the compression's noise average out while the still mark adds up.
 *
 * <p>Not thread-safe: one reader per stretch of video.
 */
public final class WatermarkReader {

    /** A reading must be at least this strong to count: below it a matching CRC is treated as chance. */
    public static final double MIN_STRENGTH = 1.5;
    /** Cells around a cell, each way, whose detail sets how much it counts. */
    private static final int REACH = 2;

    private final MarkLayout layout;
    private final double[] sums;
    private final long[] counts;
    private int frames;
    private int mappedWidth = -1;
    private int mappedHeight = -1;
    private int[] cellOfColumn;
    private int[] cellOfRow;

    public WatermarkReader() {
        this(MarkLayout.V1);
    }

    public WatermarkReader(MarkLayout layout) {
        this.layout = layout;
        this.sums = new double[layout.nodes()];
        this.counts = new long[layout.nodes()];
    }

    /** Adds a frame given as luma bytes (8 bits a pixel, rows {@code stride} bytes apart). */
    public void addLuma(byte[] luma, int width, int height, int stride) {
        map(width, height);
        int gw = layout.columns();
        long[] rowSums = new long[gw];
        int[] rowCounts = new int[gw];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(rowSums, 0);
            java.util.Arrays.fill(rowCounts, 0);
            int at = y * stride;
            for (int x = 0; x < width; x++) {
                int c = cellOfColumn[x];
                rowSums[c] += luma[at + x] & 0xFF;
                rowCounts[c]++;
            }
            int row = cellOfRow[y] * gw;
            for (int c = 0; c < gw; c++) {
                sums[row + c] += rowSums[c];
                counts[row + c] += rowCounts[c];
            }
        }
        frames++;
    }

    /** Adds a frame of {@code TYPE_INT_RGB} pixels, using their BT.601 luma. */
    public void addRgb(int[] rgb, int width, int height) {
        byte[] luma = new byte[width * height];
        for (int i = 0; i < luma.length; i++) {
            int p = rgb[i];
            luma[i] = (byte) ((77 * ((p >> 16) & 0xFF) + 150 * ((p >> 8) & 0xFF) + 29 * (p & 0xFF) + 128) >> 8);
        }
        addLuma(luma, width, height, width);
    }

    /** Frames added so far. */
    public int frames() {
        return frames;
    }

    private void map(int width, int height) {
        if (width == mappedWidth && height == mappedHeight) {
            return;
        }
        cellOfColumn = new int[width];
        for (int x = 0; x < width; x++) {
            cellOfColumn[x] = Math.min(layout.columns() - 1, (int) ((x + 0.5) * layout.columns() / width));
        }
        cellOfRow = new int[height];
        for (int y = 0; y < height; y++) {
            cellOfRow[y] = Math.min(layout.rows() - 1, (int) ((y + 0.5) * layout.rows() / height));
        }
        mappedWidth = width;
        mappedHeight = height;
    }

    /** The payload, if the frames added so far carry one. */
    public MarkReading read() {
        double[] soft = strengths();
        if (soft == null) {
            return new MarkReading(Optional.empty(), frames, 0, 0);
        }
        double strength = 0;
        for (double s : soft) {
            strength += Math.abs(s);
        }
        strength /= soft.length;
        if (strength < MIN_STRENGTH) {
            return new MarkReading(Optional.empty(), frames, strength, 0);
        }
        double mean = strength;
        return MarkCode.decode(soft)
                .map(d -> new MarkReading(Optional.of(d.payload()), frames, agreement(soft, d.payload()), d.flipped()))
                .orElseGet(() -> new MarkReading(Optional.empty(), frames, mean, 0));
    }

    /** The mean strength of the bits in the direction of the payload's code. */
    private static double agreement(double[] soft, MarkPayload payload) {
        int[] code = MarkCode.encode(payload);
        double sum = 0;
        for (int i = 0; i < soft.length; i++) {
            sum += soft[i] * code[i];
        }
        return sum / soft.length;
    }

    /** Each bit's correlation with its chips, in standard deviations; null when the frames hold no detail at all. */
    double[] strengths() {
        int gw = layout.columns();
        int gh = layout.rows();
        int n = layout.nodes();
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            if (counts[i] == 0) {
                return null;
            }
            mean[i] = sums[i] / counts[i];
        }
        double[] residual = new double[n];
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                double around = 0;
                int k = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < gw && yy < gh) {
                            around += mean[yy * gw + xx];
                            k++;
                        }
                    }
                }
                residual[y * gw + x] = mean[y * gw + x] - around / k;
            }
        }
        double[] s = new double[MarkCode.BITS];
        double[] e = new double[MarkCode.BITS];
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                double energy = 0;
                int k = 0;
                for (int yy = Math.max(0, y - REACH); yy <= Math.min(gh - 1, y + REACH); yy++) {
                    for (int xx = Math.max(0, x - REACH); xx <= Math.min(gw - 1, x + REACH); xx++) {
                        double r = residual[yy * gw + xx];
                        energy += r * r;
                        k++;
                    }
                }
                int i = y * gw + x;
                // Cells where the picture leaves much detail count less: there the mark is a smaller
                // part of what is read (on CRF-28 copies this lifted the weakest segments' strength
                // from 1.5 to 2.7 standard deviations).
                double weight = 1 / Math.max(energy / k, 1e-6);
                int b = layout.bit()[i];
                s[b] += weight * residual[i] * layout.chip()[i];
                e[b] += weight * weight * residual[i] * residual[i];
            }
        }
        double[] z = new double[MarkCode.BITS];
        for (int b = 0; b < z.length; b++) {
            if (e[b] < 1e-9) {
                return null;
            }
            z[b] = s[b] / Math.sqrt(e[b]);
        }
        return z;
    }
}
