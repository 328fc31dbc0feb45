package io.branchline.engine.media;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Draws a clip frame by frame and encodes it as an MP4 with H.264 video only: x264 veryfast,
 * yuv420p, no B-frames, one keyframe a second, a fixed thread count and FFmpeg's bit-exact
 * flags, so the same frames give the same bytes on every run.
 */
final class ClipWriter {

    private ClipWriter() {
    }

    /** Paints the frames of one clip, in order; a painter may keep what it drew once between frames. */
    @FunctionalInterface
    interface Frames {
        /** Paints the frame at {@code seconds} on a board prepared by {@link Canvas#board}. */
        void paint(Graphics2D g, double seconds);
    }

    /**
     * Writes {@code frames} frames of {@code width}x{@code height} at {@code fps} to {@code file};
     * {@code painter} draws frame {@code i} on the board at {@code i / fps} seconds.
     */
    static void write(Path file, int width, int height, int fps, int frames, Frames painter) {
        // FFmpeg's chatter (encoder banners) is not for users; its errors still reach the log.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        if (avcodec.avcodec_find_encoder_by_name("libx264") == null) {
            throw new IllegalStateException("this FFmpeg build has no libx264; Branchline needs org.bytedeco:ffmpeg with the classifier "
                    + "linux-x86_64-gpl on the classpath");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ByteBuffer bytes = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setOption("fflags", "+bitexact");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps);
            recorder.setVideoOption("preset", "veryfast");
            recorder.setVideoOption("crf", "26");
            recorder.setVideoOption("x264-params", "bframes=0:scenecut=0:threads=2:sliced-threads=0:lookahead-threads=1");
            recorder.setVideoOption("flags", "+bitexact");
            recorder.start();
            for (int i = 0; i < frames; i++) {
                Graphics2D g = image.createGraphics();
                try {
                    Canvas.board(g, width, height);
                    painter.paint(g, i / (double) fps);
                } finally {
                    g.dispose();
                }
                // TYPE_INT_RGB is 0x00RRGGBB: as little-endian bytes that is B, G, R, 0, which FFmpeg calls BGR0.
                bytes.clear();
                bytes.asIntBuffer().put(rgb);
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 4, width * 4, avutil.AV_PIX_FMT_BGR0, bytes);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("could not encode " + file.getFileName() + ": " + e.getMessage(), e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
