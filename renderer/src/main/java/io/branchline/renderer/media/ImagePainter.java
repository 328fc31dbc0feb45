package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Paints an {@code image} shot: the picture covers the frame (scaled to fill, centred, the overflow
 * cropped) and the camera moves over it with an ease-in-out curve. {@code zoom-in} goes from 1× to
 * 1.15×, {@code zoom-out} back; pans travel a tenth of the frame, zoomed in just enough that the
 * picture still covers the frame all the way.
 *
 * <p>The picture is scaled once, with care, to a canvas at the largest zoom the shot reaches; each
 * frame then samples that canvas bilinearly at sub-pixel positions, so the motion glides without
 * stepping from pixel to pixel. The sampling is integer arithmetic over the canvas, which keeps frames
 * identical from run to run and costs a few milliseconds at 720x1280.
 */
public final class ImagePainter implements ShotPainter {

    /** The zoom that {@code zoom-in} ends at and {@code zoom-out} starts from. */
    static final double ZOOM = 1.15;
    /** How far a pan travels, as a share of the frame's width (left, right) or height (up, down). */
    static final double PAN = 0.10;
    /** Canvas pixels kept beyond what the camera sees, so sampling never reaches an edge it should not. */
    private static final int MARGIN = 2;

    private final Path file;
    private final int width;
    private final int height;
    private final int frames;
    private final CameraMove camera;

    // The canvas: the part of the picture the camera ever sees, scaled by canvasScale.
    private final int[] canvas;
    private final int canvasWidth;
    private final int canvasHeight;
    private final double canvasX;
    private final double canvasY;
    private final double canvasScale;

    private final int[] columns;
    private final int[] columnWeights;
    private final int[] rows;
    private final int[] rowWeights;
    private final int[] line;
    private int[] still;
    private int[] scratch;
    private boolean closed;

    private ImagePainter(Path file, BufferedImage picture, ImageMotion motion, RenderFormat format, long durationMs) {
        this.file = file;
        this.width = format.width();
        this.height = format.height();
        this.frames = format.frames(durationMs);
        int iw = picture.getWidth();
        int ih = picture.getHeight();
        this.camera = new CameraMove(motion, iw, ih, width, height);

        this.canvasScale = camera.closestScale();
        double[] first = view(0);
        double[] last = view(1);
        double margin = MARGIN / canvasScale;
        double x0 = Math.max(0, Math.min(left(first), left(last)) - margin);
        double y0 = Math.max(0, Math.min(top(first), top(last)) - margin);
        double x1 = Math.min(iw, Math.max(left(first) + width / first[2], left(last) + width / last[2]) + margin);
        double y1 = Math.min(ih, Math.max(top(first) + height / first[2], top(last) + height / last[2]) + margin);
        this.canvasX = x0;
        this.canvasY = y0;
        this.canvasWidth = Math.max(2, (int) Math.ceil((x1 - x0) * canvasScale));
        this.canvasHeight = Math.max(2, (int) Math.ceil((y1 - y0) * canvasScale));
        this.canvas = MediaFiles.intPixels(scaleRegion(picture, x0, y0, canvasWidth, canvasHeight, canvasScale));

        this.columns = new int[width];
        this.columnWeights = new int[width];
        this.rows = new int[height];
        this.rowWeights = new int[height];
        this.line = new int[canvasWidth];
    }

    /**
     * Reads {@code file} and prepares its shot.
     *
     * @param file       the image (PNG, JPEG, GIF, BMP or WebP); messages name it as given
     * @param motion     the story's motion name ({@code still}, {@code zoom-in}, …), or null for {@code zoom-in}
     * @param format     the story's frame size and rate
     * @param durationMs the shot's length, over which the motion runs
     * @throws RenderException when the file is missing or not a readable image, or the motion is unknown
     */
    public static ImagePainter open(Path file, String motion, RenderFormat format, long durationMs) {
        ImageMotion m = motion == null ? ImageMotion.DEFAULT : ImageMotion.named(motion).orElseThrow(() ->
                new RenderException("image \"" + file + "\" has the unknown motion \"" + motion + "\": expected one of "
                        + ImageMotion.names()));
        return open(file, m, format, durationMs);
    }

    /** As {@link #open(Path, String, RenderFormat, long)}, with the motion already known. */
    public static ImagePainter open(Path file, ImageMotion motion, RenderFormat format, long durationMs) {
        return new ImagePainter(file, ImageLoader.read(file), motion, format, durationMs);
    }

    /**
     * A shot of a picture already in memory (a generated keyframe, say), moved as an image shot is.
     *
     * @param label names the picture in messages
     */
    public static ImagePainter of(BufferedImage picture, ImageMotion motion, RenderFormat format, long durationMs, String label) {
        return new ImagePainter(Path.of(label), picture, motion, format, durationMs);
    }

    @Override
    public void paint(int frame, BufferedImage target) {
        if (closed) {
            throw new IllegalStateException("image painter for \"" + file + "\" is closed");
        }
        if (target.getWidth() != width || target.getHeight() != height) {
            throw new IllegalArgumentException("target is " + target.getWidth() + "x" + target.getHeight()
                    + ", expected the format's " + width + "x" + height);
        }
        if (camera.motion == ImageMotion.STILL) {
            if (still == null) {
                still = new int[width * height];
                sample(view(0), still);
            }
            MediaFiles.put(still, target);
            return;
        }
        double progress = frames <= 1 ? 0 : Math.min(1, Math.max(0, (double) frame / (frames - 1)));
        int[] out = MediaFiles.intPixels(target);
        if (out == null) {
            if (scratch == null) {
                scratch = new int[width * height];
            }
            out = scratch;
        }
        sample(view(progress), out);
        if (out == scratch) {
            MediaFiles.put(scratch, target);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Where the camera is at {@code progress} (0 to 1 over the shot): the picture point at the frame's
     * centre (x, y) and the scale in frame pixels per picture pixel.
     */
    private double[] view(double progress) {
        CameraMove.View view = camera.at(progress);
        double scale = view.scale();
        return new double[] {camera.centreX + view.dx() / scale, camera.centreY + view.dy() / scale, scale};
    }

    private double left(double[] view) {
        return view[0] - width / (2 * view[2]);
    }

    private double top(double[] view) {
        return view[1] - height / (2 * view[2]);
    }

    /** Samples the canvas for one camera position into {@code out}, a frame of packed RGB. */
    private void sample(double[] view, int[] out) {
        double step = canvasScale / view[2];
        place(step, (view[0] - canvasX) * canvasScale - step * width / 2 - 0.5, canvasWidth, columns, columnWeights, 1);
        place(step, (view[1] - canvasY) * canvasScale - step * height / 2 - 0.5, canvasHeight, rows, rowWeights, canvasWidth);
        int[] c = canvas;
        int[] line = this.line;
        int first = columns[0];
        int last = columns[width - 1] + 1;
        // Separable: blend the two canvas rows once per canvas column, then along the row per frame pixel.
        for (int y = 0, o = 0; y < height; y++) {
            int r0 = rows[y];
            int r1 = r0 + canvasWidth;
            int fy = rowWeights[y];
            int gy = 256 - fy;
            for (int i = first; i <= last; i++) {
                int a = c[r0 + i];
                int b = c[r1 + i];
                line[i] = (((a & 0xFF00FF) * gy + (b & 0xFF00FF) * fy + 0x800080) >>> 8) & 0xFF00FF
                        | (((a & 0xFF00) * gy + (b & 0xFF00) * fy + 0x8000) >>> 8) & 0xFF00;
            }
            for (int x = 0; x < width; x++, o++) {
                int i = columns[x];
                int fx = columnWeights[x];
                int gx = 256 - fx;
                int a = line[i];
                int b = line[i + 1];
                out[o] = (((a & 0xFF00FF) * gx + (b & 0xFF00FF) * fx + 0x800080) >>> 8) & 0xFF00FF
                        | (((a & 0xFF00) * gx + (b & 0xFF00) * fx + 0x8000) >>> 8) & 0xFF00;
            }
        }
    }

    /**
     * For each frame pixel along one axis: the canvas pixel before its centre (times {@code unit}) and
     * the weight of the one after, in 256ths. Canvas position of frame pixel n is {@code step * (n + 0.5) + offset}.
     */
    private static void place(double step, double offset, int size, int[] index, int[] weight, int unit) {
        for (int n = 0; n < index.length; n++) {
            double u = step * (n + 0.5) + offset;
            int i = (int) Math.floor(u);
            int w = (int) Math.round((u - i) * 256);
            if (w == 256) {
                i++;
                w = 0;
            }
            if (i < 0) {
                i = 0;
                w = 0;
            } else if (i >= size - 1) {
                i = size - 2;
                w = 256;
            }
            index[n] = i * unit;
            weight[n] = w;
        }
    }

    /**
     * The picture's region from (x0, y0), scaled by {@code scale}, as a {@code w}×{@code h} RGB image.
     * Shrinking goes by halves first so that every picture pixel counts (a single bicubic step would
     * skip most of a large photo's pixels and shimmer).
     */
    static BufferedImage scaleRegion(BufferedImage picture, double x0, double y0, int w, int h, double scale) {
        int left = (int) Math.floor(x0);
        int top = (int) Math.floor(y0);
        int right = Math.min(picture.getWidth(), (int) Math.ceil(x0 + w / scale) + 1);
        int bottom = Math.min(picture.getHeight(), (int) Math.ceil(y0 + h / scale) + 1);
        BufferedImage source = picture.getSubimage(left, top, right - left, bottom - top);
        double ox = x0 - left;
        double oy = y0 - top;
        while (scale < 0.5) {
            source = half(source);
            ox /= 2;
            oy /= 2;
            scale *= 2;
        }
        // Java2D leaves canvas pixels whose centre falls outside the source black; edge pixels repeated
        // around the source keep the canvas's outer pixels the picture's own colour.
        source = padded(source, MARGIN);
        ox += MARGIN;
        oy += MARGIN;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            AffineTransform at = AffineTransform.getScaleInstance(scale, scale);
            at.translate(-ox, -oy);
            g.drawImage(source, at, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage padded(BufferedImage source, int pad) {
        int w = source.getWidth();
        int h = source.getHeight();
        int stride = w + 2 * pad;
        BufferedImage out = new BufferedImage(stride, h + 2 * pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(source, pad, pad, null);
        } finally {
            g.dispose();
        }
        int[] px = MediaFiles.intPixels(out);
        for (int y = pad; y < pad + h; y++) {
            int row = y * stride;
            for (int k = 0; k < pad; k++) {
                px[row + k] = px[row + pad];
                px[row + pad + w + k] = px[row + pad + w - 1];
            }
        }
        for (int k = 0; k < pad; k++) {
            System.arraycopy(px, pad * stride, px, k * stride, stride);
            System.arraycopy(px, (pad + h - 1) * stride, px, (pad + h + k) * stride, stride);
        }
        return out;
    }

    private static BufferedImage half(BufferedImage source) {
        BufferedImage out = new BufferedImage((source.getWidth() + 1) / 2, (source.getHeight() + 1) / 2,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, AffineTransform.getScaleInstance(0.5, 0.5), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
