package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Paints a {@code clip} shot: the video from {@code from} to {@code to} (or its end), scaled to fit
 * inside the frame with its shape kept and padded with black bars. Frame n of the shot shows the
 * clip's picture at {@code from + n / fps}, whatever the clip's own frame rate; once the clip has run
 * out, its last picture stays on screen.
 *
 * <p>The file is decoded as a stream: only the picture on screen and the one after it are held.
 * Frames are meant to be painted in order; asking for an earlier frame decodes again from
 * {@code from}. The decoder's picture is turned by the file's display rotation (phone videos).
 */
public final class ClipPainter implements ShotPainter {

    static final String EXPECTED = "a video file such as MP4, WebM or MOV";
    /** Decoded timestamps are truncated to microseconds; a frame this close to a time counts as at it. */
    private static final long TOLERANCE_US = 500;

    private final Path file;
    private final int width;
    private final int height;
    private final int fps;
    private final long fromUs;
    private final long toUs;

    private FFmpegFrameGrabber grabber;
    private long startUs;
    /** Quarter turns clockwise that make the decoded picture stand as it should be seen. */
    private int turns;
    private int decodedWidth;
    private int decodedHeight;
    private int shownWidth;
    private int shownHeight;
    private int[] current;
    private byte[] row;
    private int[] scratch;

    private Frame next;
    private long nextUs;
    private long currentUs;
    private int lastFrame = -1;
    private boolean closed;

    private ClipPainter(Path file, long fromMs, Long toMs, RenderFormat format) {
        this.file = file;
        this.width = format.width();
        this.height = format.height();
        this.fps = format.fps();
        this.fromUs = fromMs * 1000;
        this.toUs = toMs == null ? Long.MAX_VALUE : toMs * 1000;
    }

    /**
     * Opens {@code file} and decodes its picture at {@code fromMs}, so that a damaged or unsuitable
     * clip is reported here rather than halfway through a render.
     *
     * @param file   the video; messages name it as given
     * @param fromMs where the shot starts in the clip
     * @param toMs   where it stops, or null for the clip's end
     * @param format the story's frame size and rate
     * @throws RenderException when the file is missing, not a video, has no picture, or ends before {@code fromMs}
     */
    public static ClipPainter open(Path file, long fromMs, Long toMs, RenderFormat format) {
        if (fromMs < 0) {
            throw new RenderException("clip \"" + file + "\" starts at " + seconds(fromMs * 1000)
                    + ": expected a 'from' time of 0s or later");
        }
        if (toMs != null && toMs <= fromMs) {
            throw new RenderException("clip \"" + file + "\" stops at " + seconds(toMs * 1000) + ", not after it starts at "
                    + seconds(fromMs * 1000) + ": expected 'to' later than 'from'");
        }
        MediaFiles.requireFile(file, "clip", EXPECTED);
        ClipPainter painter = new ClipPainter(file, fromMs, toMs, format);
        try {
            painter.begin(true);
            return painter;
        } catch (RuntimeException e) {
            painter.close();
            throw e;
        }
    }

    @Override
    public void paint(int frame, BufferedImage target) {
        if (closed) {
            throw new IllegalStateException("clip painter for \"" + file + "\" is closed");
        }
        if (target.getWidth() != width || target.getHeight() != height) {
            throw new IllegalArgumentException("target is " + target.getWidth() + "x" + target.getHeight()
                    + ", expected the format's " + width + "x" + height);
        }
        if (frame < lastFrame) {
            MediaFiles.closeQuietly(grabber);
            begin(true);
        }
        lastFrame = frame;
        advanceTo(fromUs + Math.round(frame * 1_000_000.0 / fps));

        int[] out = MediaFiles.intPixels(target);
        if (out == null) {
            if (scratch == null) {
                scratch = new int[width * height];
            }
            out = scratch;
        }
        draw(out);
        if (out == scratch) {
            MediaFiles.put(scratch, target);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (grabber != null) {
                MediaFiles.closeQuietly(grabber);
            }
        }
    }

    /** Opens the decoder, works out the picture's place in the frame and decodes up to {@code from}. */
    private void begin(boolean seek) {
        next = null;
        grabber = MediaFiles.start(file, "clip", EXPECTED,
                g -> g.setImageScalingFlags(swscale.SWS_BICUBIC));
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new RenderException("clip \"" + file + "\" has no picture"
                    + (grabber.getAudioStream() >= 0 ? " (it holds only sound)" : "")
                    + ": expected " + EXPECTED + " with a video stream");
        }
        long lengthUs = grabber.getLengthInTime();
        if (lengthUs > 0 && fromUs >= lengthUs) {
            throw beyondEnd(lengthUs);
        }
        long start = grabber.getFormatContext().start_time();
        startUs = start == avutil.AV_NOPTS_VALUE ? 0 : start;
        fit();

        if (seek && !seekNearFrom()) {
            // Some containers (MPEG-TS among them) cannot seek to a picture; decode from the start instead.
            MediaFiles.closeQuietly(grabber);
            begin(false);
            return;
        }
        if (next == null) {
            next = grab();
        }
        if (next == null) {
            throw lengthUs > 0 && fromUs > 0 ? beyondEnd(lengthUs)
                    : new RenderException("clip \"" + file + "\" has no picture that could be decoded (damaged or cut short?): expected "
                    + EXPECTED);
        }
        take();
        advanceTo(fromUs);
        double clipFps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
        if (next == null && lengthUs <= 0 && currentUs + 1_000_000 / clipFps < fromUs) {
            // A file that does not tell its length: it has ended before 'from' once its last picture is over.
            throw new RenderException("clip \"" + file + "\" is to start at " + seconds(fromUs) + " but its last picture is at "
                    + seconds(currentUs) + ": expected a 'from' time before its end");
        }
    }

    /**
     * Jumps to just before {@code from}, where the format allows it. False when the jump landed
     * nowhere useful (no picture, or one after {@code from}).
     */
    private boolean seekNearFrom() {
        double clipFps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
        long seekUs = fromUs - Math.max(100_000, Math.round(2_000_000 / clipFps));
        if (seekUs <= 0) {
            return true;
        }
        try {
            grabber.setTimestamp(seekUs);
        } catch (Exception e) {
            return false;
        }
        next = grab();
        return next != null && nextUs <= fromUs + TOLERANCE_US;
    }

    /** Sizes the decoder's output so that the turned picture fits inside the frame. */
    private void fit() {
        // FFmpeg's display rotation turns the picture counter-clockwise (phones record -90 for portrait).
        turns = Math.floorMod(-(int) Math.round(grabber.getDisplayRotation() / 90.0), 4);
        double aspect = grabber.getAspectRatio() > 0 ? grabber.getAspectRatio() : 1;
        double w = grabber.getImageWidth() * aspect;
        double h = grabber.getImageHeight();
        double turnedW = turns % 2 == 0 ? w : h;
        double turnedH = turns % 2 == 0 ? h : w;
        double scale = Math.min(width / turnedW, height / turnedH);
        shownWidth = Math.max(1, Math.min(width, (int) Math.round(turnedW * scale)));
        shownHeight = Math.max(1, Math.min(height, (int) Math.round(turnedH * scale)));
        decodedWidth = turns % 2 == 0 ? shownWidth : shownHeight;
        decodedHeight = turns % 2 == 0 ? shownHeight : shownWidth;
        grabber.setImageWidth(decodedWidth);
        grabber.setImageHeight(decodedHeight);
        current = new int[shownWidth * shownHeight];
        row = new byte[3 * decodedWidth];
    }

    /** Shows every decoded picture due by {@code timeUs}. */
    private void advanceTo(long timeUs) {
        while (next != null && nextUs <= timeUs + TOLERANCE_US) {
            take();
        }
    }

    private void take() {
        Pixels.copyBgr(next, turns, current, row);
        currentUs = nextUs;
        next = grab();
    }

    /** The decoder's next picture before {@code to}, or null at the end. */
    private Frame grab() {
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (Exception e) {
            throw new RenderException("clip \"" + file + "\" could not be decoded after " + seconds(nextUs)
                    + " (" + e.getMessage() + "): expected " + EXPECTED, e);
        }
        if (frame == null || frame.image == null) {
            return null;
        }
        if (frame.imageWidth != decodedWidth || frame.imageHeight != decodedHeight) {
            throw new RenderException("clip \"" + file + "\" changes its picture size midway: expected "
                    + EXPECTED + " with one picture size");
        }
        nextUs = frame.timestamp - startUs;
        return nextUs >= toUs - TOLERANCE_US ? null : frame;
    }

    private void draw(int[] out) {
        int left = (width - shownWidth) / 2;
        int top = (height - shownHeight) / 2;
        Arrays.fill(out, 0, top * width, 0);
        for (int y = 0; y < shownHeight; y++) {
            int o = (top + y) * width;
            Arrays.fill(out, o, o + left, 0);
            System.arraycopy(current, y * shownWidth, out, o + left, shownWidth);
            Arrays.fill(out, o + left + shownWidth, o + width, 0);
        }
        Arrays.fill(out, (top + shownHeight) * width, out.length, 0);
    }

    private RenderException beyondEnd(long lengthUs) {
        return new RenderException("clip \"" + file + "\" is to start at " + seconds(fromUs) + " but the video is only "
                + seconds(lengthUs) + " long: expected a 'from' time before its end");
    }

    private static String seconds(long us) {
        return String.format(Locale.ROOT, "%.2fs", us / 1_000_000.0).replaceAll("\\.?0+s$", "s");
    }
}
