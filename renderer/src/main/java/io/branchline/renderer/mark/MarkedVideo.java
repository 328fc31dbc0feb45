package io.branchline.renderer.mark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads the watermark from a video file that FFmpeg can decode (an .mp4, a fragmented MP4
 * segment joined to its init segment, a re-encoded or scaled copy): its frames are read in
 * stretches of {@link #WINDOW_MS} (the length of a segment, over which one visit's mark adds
 * up) and each stretch is read on its own, since a file may join visits with different payloads;
 * when no stretch is conclusive, all frames are read together.
 */
public final class MarkedVideo {

    /** The stretch of video read together: a segment's length. */
    public static final long WINDOW_MS = 2000;

    /** What a file holds. */
    public record Result(int frames, List<MarkReading> windows, MarkReading whole) {

        /** The readings that found a payload: those of the windows, or the whole file's when none did. */
        public List<MarkReading> found() {
            List<MarkReading> out = windows.stream().filter(MarkReading::found).toList();
            return out.isEmpty() && whole.found() ? List.of(whole) : out;
        }
    }

    /** The file could not be opened or decoded as video. */
    public static final class UnreadableVideo extends Exception {
        public UnreadableVideo(String message) {
            super(message);
        }
    }

    private MarkedVideo() {
    }

    /** JavaCV's message without its advice to the programmer. */
    private static String shortMessage(Exception e) {
        String m = String.valueOf(e.getMessage());
        int advice = m.indexOf(" (Has setFormat");
        return advice < 0 ? m : m.substring(0, advice);
    }

    /** Reads every frame of {@code file}'s first video stream. */
    public static Result read(Path file) throws UnreadableVideo {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableVideo("no such file: " + file);
        }
        FFmpegLogCallback.setLevel(avutil.AV_LOG_QUIET);
        List<MarkReading> windows = new ArrayList<>();
        WatermarkReader whole = new WatermarkReader();
        WatermarkReader window = new WatermarkReader();
        long windowStart = Long.MIN_VALUE;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new UnreadableVideo("cannot read " + file + " as video (FFmpeg: " + shortMessage(e) + ")");
            }
            if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new UnreadableVideo(file + " holds no video stream");
            }
            byte[] luma = null;
            for (Frame frame; (frame = grabber.grabImage()) != null; ) {
                if (frame.image == null) {
                    continue;
                }
                long ms = frame.timestamp / 1000;
                if (windowStart == Long.MIN_VALUE) {
                    windowStart = ms;
                }
                if (ms - windowStart >= WINDOW_MS) {
                    windows.add(window.read());
                    window = new WatermarkReader();
                    windowStart = ms;
                }
                ByteBuffer buffer = (ByteBuffer) frame.image[0];
                int size = frame.imageStride * frame.imageHeight;
                if (luma == null || luma.length != size) {
                    luma = new byte[size];
                }
                buffer.position(0);
                buffer.get(luma, 0, size);
                window.addLuma(luma, frame.imageWidth, frame.imageHeight, frame.imageStride);
                whole.addLuma(luma, frame.imageWidth, frame.imageHeight, frame.imageStride);
            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            // FFmpeg's reading errors, a missing or unreadable file included, come as this one type.
            throw new UnreadableVideo("cannot decode " + file + " (FFmpeg: " + shortMessage(e) + ")");
        }
        if (window.frames() > 0) {
            windows.add(window.read());
        }
        if (whole.frames() == 0) {
            throw new UnreadableVideo(file + " holds no video frames");
        }
        return new Result(whole.frames(), List.copyOf(windows), whole.read());
    }
}
