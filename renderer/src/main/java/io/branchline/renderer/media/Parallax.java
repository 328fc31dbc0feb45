package io.branchline.renderer.media;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A still picture moved in 2.5D: the camera makes the same slow move as a plain image shot
 * ({@link ImagePainter}), and on top of it near points move further than far ones, as they do
 * when a real camera travels. In a pan the nearest points slide {@value #PAN_PARALLAX} of the
 * frame's width (or height) further than the farthest over the shot; in a zoom they grow
 * {@value #ZOOM_PARALLAX} more. The farthest points follow the plain move exactly, and at the
 * middle of the shot the picture is as the plain move shows it.
 *
 * <p>Each frame pixel looks back along the way a point would have moved to reach it, from the
 * nearest possible depth to the farthest, and takes the first point of the picture whose
 * depth puts it there (the nearest wins, so the foreground covers what lies behind it). Where
 * the camera uncovers what the foreground hid, no point of the picture lands: the pixel takes
 * the background just beside the edge, so the background stretches into the gap. Every pixel
 * is painted from the picture: there are no holes and no black.
 *
 * <p>The arithmetic is plain Java floats over arrays, the same on every machine, so frames are
 * identical from run to run.
 */
public final class Parallax {

    /** How much further than the farthest points the nearest travel in a pan, as a share of the frame. */
    public static final double PAN_PARALLAX = 0.05;
    /** How much more than the farthest points the nearest grow in a zoom. */
    public static final double ZOOM_PARALLAX = 0.06;
    /** A jump in nearness between two neighbouring steps of a look-back that marks an edge, not a slope. */
    private static final float EDGE = 0.08f;
    /** The most look-back steps a pixel takes; the step count follows the largest move, one canvas pixel apart. */
    private static final int MAX_STEPS = 48;
    /** How far past an uncovering edge the stretched background is taken, in canvas pixels: clear of the edge's blend. */
    private static final float CLEAR = 2f;
    /** The side of the squares whose largest nearness bounds where a look-back can start, in canvas pixels. */
    private static final int TILE = 8;
    /** The side of the squares of frame pixels that share one depth search. */
    private static final int BLOCK = 2;
    /** A spread of nearness along a look-back below which the depth counts as flat there. */
    private static final float FLAT = 0.04f;

    private final ImageMotion motion;
    private final int width;
    private final int height;
    private final CameraMove camera;

    private final int[] canvas;
    private final byte[] nearness;
    /** The largest and the smallest nearness in each TILE×TILE square of the canvas. */
    private final byte[] tileMax;
    private final byte[] tileMin;
    private final int tilesWide;
    private final int tilesHigh;
    // Scratch of span(); a Parallax renders one frame at a time.
    private float spanMax;
    private float spanMin;
    private final int canvasWidth;
    private final int canvasHeight;
    private final double canvasScale;

    /**
     * Prepares a picture and its depth map for frames of {@code width}×{@code height}.
     *
     * @param depth  the picture's depth map, of any size (it spans the whole picture)
     * @param motion the camera's move; {@code still} gives the same frame at every time
     */
    public Parallax(BufferedImage picture, DepthMap depth, ImageMotion motion, int width, int height) {
        this.motion = motion;
        this.width = width;
        this.height = height;
        int iw = picture.getWidth();
        int ih = picture.getHeight();
        this.camera = new CameraMove(motion, iw, ih, width, height);
        // The whole picture, scaled so that one canvas pixel is one frame pixel at the closest zoom.
        this.canvasScale = camera.closestScale();
        this.canvasWidth = Math.max(2, (int) Math.ceil(iw * canvasScale));
        this.canvasHeight = Math.max(2, (int) Math.ceil(ih * canvasScale));
        this.canvas = MediaFiles.intPixels(ImagePainter.scaleRegion(picture, 0, 0, canvasWidth, canvasHeight, canvasScale));
        this.nearness = depth.resampled(canvasWidth, canvasHeight);
        this.tilesWide = (canvasWidth + TILE - 1) / TILE;
        this.tilesHigh = (canvasHeight + TILE - 1) / TILE;
        this.tileMax = new byte[tilesWide * tilesHigh];
        this.tileMin = new byte[tilesWide * tilesHigh];
        Arrays.fill(tileMin, (byte) 255);
        for (int y = 0; y < canvasHeight; y++) {
            for (int x = 0; x < canvasWidth; x++) {
                int t = (y / TILE) * tilesWide + x / TILE;
                int n = nearness[y * canvasWidth + x] & 0xFF;
                tileMax[t] = (byte) Math.max(n, tileMax[t] & 0xFF);
                tileMin[t] = (byte) Math.min(n, tileMin[t] & 0xFF);
            }
        }
    }

    /**
     * One frame of a picture moved in 2.5D: the function behind animated keyframes. Prepares the
     * picture every call; to make many frames of one picture, keep a {@link Parallax} instead.
     *
     * @param progress how far through the move, from 0 (start) to 1 (end)
     */
    public static BufferedImage frame(BufferedImage picture, DepthMap depth, ImageMotion motion, double progress,
                                      int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        new Parallax(picture, depth, motion, width, height).render(progress, MediaFiles.intPixels(out));
        return out;
    }

    /**
     * Paints the frame at {@code progress} (0 to 1 over the shot, eased as the plain move is)
     * into {@code out}, {@code width * height} packed RGB pixels.
     */
    public void render(double progress, int[] out) {
        double p = Math.min(1, Math.max(0, progress));
        CameraMove.View view = camera.at(p);
        double scale = view.scale();
        double travel = motion == ImageMotion.STILL ? 0 : view.travel();
        double dx = view.dx();
        double dy = view.dy();
        double step = canvasScale / scale;
        // The view's centre in canvas pixels, and a frame pixel's baseline canvas point is centre + offset * step.
        float cu = (float) ((camera.centreX + dx / scale) * canvasScale);
        float cv = (float) ((camera.centreY + dy / scale) * canvasScale);
        // What a point of nearness 1 moves beyond a point of nearness 0, backwards, in canvas pixels:
        // a pan's shift is the same everywhere; a zoom's grows with the distance from the centre.
        float panU = (float) (-dx * PAN_PARALLAX / ImagePainter.PAN * step);
        float panV = (float) (-dy * PAN_PARALLAX / ImagePainter.PAN * step);
        double z = switch (motion) {
            case ZOOM_IN -> travel * ZOOM_PARALLAX;
            case ZOOM_OUT -> -travel * ZOOM_PARALLAX;
            default -> 0;
        };
        float zoomStep = (float) (z * step);
        float fstep = (float) step;
        if (panU == 0 && panV == 0 && zoomStep == 0) {
            for (int y = 0, o = 0; y < height; y++) {
                float v0 = cv + (y + 0.5f - height / 2f) * fstep;
                for (int x = 0; x < width; x++, o++) {
                    out[o] = sample(cu + (x + 0.5f - width / 2f) * fstep, v0);
                }
            }
            return;
        }
        // The depth each pixel shows is found once per BLOCK×BLOCK pixels, at the block's centre, and
        // each pixel of the block is then sampled from its own point with that depth: the search is
        // the costly part, and a depth edge a pixel off is not seen in a gentle move.
        for (int by = 0; by < height; by += BLOCK) {
            int rows = Math.min(BLOCK, height - by);
            float cy = by + rows / 2f - height / 2f;
            for (int bx = 0; bx < width; bx += BLOCK) {
                int cols = Math.min(BLOCK, width - bx);
                float cx = bx + cols / 2f - width / 2f;
                float du = panU + zoomStep * cx;
                float dv = panV + zoomStep * cy;
                float level = level(cu + cx * fstep, cv + cy * fstep, du, dv);
                for (int y = by; y < by + rows; y++) {
                    float v = cv + (y + 0.5f - height / 2f) * fstep - level * dv;
                    int o = y * width + bx;
                    for (int x = bx; x < bx + cols; x++, o++) {
                        out[o] = sample(cu + (x + 0.5f - width / 2f) * fstep - level * du, v);
                    }
                }
            }
        }
    }

    /**
     * The depth level (0..1, or a little beyond at an uncovered edge) whose point of the picture
     * reaches canvas point (u0, v0): the nearest picture point p with
     * p + nearness(p) * (du, dv) = (u0, v0), found by stepping the nearness down from the
     * largest one along the way, one canvas pixel a step.
     */
    private float level(float u0, float v0, float du, float dv) {
        int steps = Math.min(MAX_STEPS, (int) Math.ceil(Math.abs(du) + Math.abs(dv)));
        if (steps == 0) {
            return near(u0, v0);
        }
        span(u0, v0, u0 - du, v0 - dv);
        if (spanMax - spanMin <= FLAT) {
            // Nearly flat along the whole way: one guess of the depth lands within a fraction of a pixel.
            return near(u0 - spanMax * du, v0 - spanMax * dv);
        }
        // No point nearer than the nearest along the way can land here: start the look-back there.
        int first = Math.min(steps, (int) Math.ceil(spanMax * steps));
        float previousLevel = 1;
        float previousGap = 0;
        float previousNear = 0;
        for (int k = first; k >= 0; k--) {
            float level = (float) k / steps;
            float near = near(u0 - level * du, v0 - level * dv);
            float gap = near - level;
            if (gap >= 0) {
                if (k == first) {
                    return level;
                }
                if (near - previousNear > EDGE) {
                    // Uncovered: no point of the picture lands here; stretch the background beside the edge,
                    // taken a little way off it, where the picture's resampling has not blended in the near colour.
                    return previousLevel + CLEAR / (float) Math.max(1e-3, Math.hypot(du, dv));
                }
                // A slope: the crossing lies between the two steps.
                float t = previousGap / (previousGap - gap);
                return previousLevel + (level - previousLevel) * t;
            }
            previousLevel = level;
            previousGap = gap;
            previousNear = near;
        }
        return 0;
    }

    /**
     * Sets {@link #spanMax} and {@link #spanMin} to the largest and smallest nearness in the squares
     * that the segment from (u0, v0) to (u1, v1) crosses, 0..1.
     */
    private void span(float u0, float v0, float u1, float v1) {
        int x0 = tile(Math.min(u0, u1), tilesWide);
        int x1 = tile(Math.max(u0, u1), tilesWide);
        int y0 = tile(Math.min(v0, v1), tilesHigh);
        int y1 = tile(Math.max(v0, v1), tilesHigh);
        int max = 0;
        int min = 255;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                max = Math.max(max, tileMax[y * tilesWide + x] & 0xFF);
                min = Math.min(min, tileMin[y * tilesWide + x] & 0xFF);
            }
        }
        spanMax = max * (1f / 255);
        spanMin = min * (1f / 255);
    }

    private static int tile(float c, int tiles) {
        return Math.max(0, Math.min(tiles - 1, (int) Math.max(0, c) / TILE));
    }

    private float near(float u, float v) {
        int x = Math.max(0, Math.min(canvasWidth - 1, (int) Math.floor(u)));
        int y = Math.max(0, Math.min(canvasHeight - 1, (int) Math.floor(v)));
        return (nearness[y * canvasWidth + x] & 0xFF) * (1f / 255);
    }

    /** The canvas's colour at a continuous point, bilinear, held at the edges. */
    private int sample(float u, float v) {
        float su = Math.max(0, Math.min(canvasWidth - 1.001f, u - 0.5f));
        float sv = Math.max(0, Math.min(canvasHeight - 1.001f, v - 0.5f));
        int i = (int) su;
        int j = (int) sv;
        int fx = (int) ((su - i) * 256);
        int fy = (int) ((sv - j) * 256);
        int gx = 256 - fx;
        int gy = 256 - fy;
        int r0 = j * canvasWidth + i;
        int r1 = r0 + canvasWidth;
        int a = canvas[r0];
        int b = canvas[r0 + 1];
        int c = canvas[r1];
        int d = canvas[r1 + 1];
        int top = (((a & 0xFF00FF) * gx + (b & 0xFF00FF) * fx + 0x800080) >>> 8) & 0xFF00FF
                | (((a & 0xFF00) * gx + (b & 0xFF00) * fx + 0x8000) >>> 8) & 0xFF00;
        int bottom = (((c & 0xFF00FF) * gx + (d & 0xFF00FF) * fx + 0x800080) >>> 8) & 0xFF00FF
                | (((c & 0xFF00) * gx + (d & 0xFF00) * fx + 0x8000) >>> 8) & 0xFF00;
        return (((top & 0xFF00FF) * gy + (bottom & 0xFF00FF) * fy + 0x800080) >>> 8) & 0xFF00FF
                | (((top & 0xFF00) * gy + (bottom & 0xFF00) * fy + 0x8000) >>> 8) & 0xFF00;
    }
}
