package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Paints an {@code image} shot in 2.5D ({@link Parallax}): the plain camera move of
 * {@link ImagePainter}, with near points moving more than far ones. The depth comes from the
 * author ({@code depth "…"}) or from a depth-estimation model the operator installed.
 */
public final class ParallaxPainter implements ShotPainter {

    /** What is painted, for messages: the image's file or a generated keyframe. */
    private final String what;
    private final Parallax parallax;
    private final int frames;
    private final int pixels;
    private int[] scratch;
    private boolean closed;

    private ParallaxPainter(String what, Parallax parallax, RenderFormat format, long durationMs) {
        this.what = what;
        this.parallax = parallax;
        this.frames = format.frames(durationMs);
        this.pixels = format.width() * format.height();
    }

    /**
     * An image shot whose depth the author drew: a greyscale picture, white near, black far.
     *
     * @throws RenderException when either file is missing or not a readable image, or the motion is unknown
     */
    public static ParallaxPainter withDepthFile(Path file, Path depthFile, String motion, RenderFormat format, long durationMs) {
        BufferedImage picture = ImageLoader.read(file);
        DepthMap depth = DepthMap.read(depthFile);
        return new ParallaxPainter(file.toString(), new Parallax(picture, depth, motion(file, motion), format.width(),
                format.height()), format, durationMs);
    }

    /**
     * A picture already in memory (a generated shot's keyframe) whose depth a model estimates.
     *
     * @param what a few words naming the picture, for messages
     * @throws RenderException when the model fails
     */
    public static ParallaxPainter ofPicture(BufferedImage picture, String what, DepthEstimator estimator, ImageMotion motion,
                                            RenderFormat format, long durationMs) {
        return new ParallaxPainter(what, new Parallax(picture, estimator.estimate(picture), motion, format.width(),
                format.height()), format, durationMs);
    }

    /**
     * An image shot whose depth a model estimates.
     *
     * @throws RenderException when the file is missing or not a readable image, the motion is unknown or the model fails
     */
    public static ParallaxPainter withEstimator(Path file, DepthEstimator estimator, String motion, RenderFormat format,
                                                long durationMs) {
        BufferedImage picture = ImageLoader.read(file);
        DepthMap depth = estimator.estimate(picture);
        return new ParallaxPainter(file.toString(), new Parallax(picture, depth, motion(file, motion), format.width(),
                format.height()), format, durationMs);
    }

    private static ImageMotion motion(Path file, String motion) {
        return motion == null ? ImageMotion.DEFAULT : ImageMotion.named(motion).orElseThrow(() ->
                new RenderException("image \"" + file + "\" has the unknown motion \"" + motion + "\": expected one of "
                        + ImageMotion.names()));
    }

    @Override
    public void paint(int frame, BufferedImage target) {
        if (closed) {
            throw new IllegalStateException("parallax painter for " + what + " is closed");
        }
        if (target.getWidth() * target.getHeight() != pixels) {
            throw new IllegalArgumentException("target is " + target.getWidth() + "x" + target.getHeight()
                    + ", not the format's size");
        }
        double progress = frames <= 1 ? 0 : Math.min(1, Math.max(0, (double) frame / (frames - 1)));
        int[] out = MediaFiles.intPixels(target);
        if (out == null) {
            if (scratch == null) {
                scratch = new int[pixels];
            }
            out = scratch;
        }
        parallax.render(progress, out);
        if (out == scratch) {
            MediaFiles.put(scratch, target);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
