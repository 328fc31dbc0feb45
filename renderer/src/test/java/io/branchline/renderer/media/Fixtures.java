package io.branchline.renderer.media;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Media files made by the tests themselves, and ways to read pixels back. */
final class Fixtures {

    /** Background of each second of a test clip: red, green, blue, then yellow. */
    static final Color[] SECOND_COLOURS = {new Color(220, 30, 30), new Color(30, 200, 30), new Color(30, 30, 220),
            new Color(220, 220, 30)};

    private Fixtures() {
    }

    /**
     * A clip whose background colour changes every second ({@link #SECOND_COLOURS}) and whose
     * centre block's grey level counts the frames within the second ({@link #counterGrey}), with a
     * white square that moves across the top.
     */
    static Path clip(Path file, int width, int height, int fps, int seconds) throws IOException {
        return video(file, width, height, fps, fps * seconds, i -> clipFrame(width, height, fps, i));
    }

    static BufferedImage clipFrame(int width, int height, int fps, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(SECOND_COLOURS[(index / fps) % SECOND_COLOURS.length]);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(counterGrey(index % fps), counterGrey(index % fps), counterGrey(index % fps)));
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.setColor(Color.WHITE);
        g.fillRect((index * 4) % (width - 20), 4, 16, 16);
        g.dispose();
        return image;
    }

    /** The grey of the counter block in frame {@code n} of its second. */
    static int counterGrey(int n) {
        return 16 + 8 * n;
    }

    /** The frame number within its second that a counter grey stands for. */
    static int counterOf(int grey) {
        return Math.round((grey - 16) / 8f);
    }

    static Path video(Path file, int width, int height, int fps, int frames, IntFunction<BufferedImage> frame)
            throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(file.toString().endsWith(".webm") ? "webm" : "mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoOption("preset", "ultrafast");
            recorder.setVideoOption("crf", "12");
            recorder.setGopSize(fps);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                Frame f = converter.convert(frame.apply(i));
                recorder.record(f);
            }
            recorder.stop();
        }
        return file;
    }

    /** A 16-bit PCM WAV file; {@code channels[c][i]} is sample i of channel c, from -1 to 1. */
    static Path wav(Path file, int sampleRate, float[]... channels) throws IOException {
        int n = channels[0].length;
        int dataBytes = n * channels.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels.length)
                .putInt(sampleRate).putInt(sampleRate * channels.length * 2)
                .putShort((short) (channels.length * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < n; i++) {
            for (float[] channel : channels) {
                b.putShort((short) Math.round(Math.max(-1, Math.min(1, channel[i])) * 32767));
            }
        }
        return Files.write(file, b.array());
    }

    static float[] sine(double hz, double amplitude, int sampleRate, double seconds) {
        float[] s = new float[(int) Math.round(sampleRate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return s;
    }

    /** Runs the ffmpeg that comes with the FFmpeg natives jar; fails the test when it fails. */
    static void ffmpeg(String... args) throws IOException, InterruptedException {
        String executable = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> command = new ArrayList<>(List.of(executable, "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The executable finds its libraries (libva among them) beside it only when told where to look.
        builder.environment().put("LD_LIBRARY_PATH", Path.of(executable).getParent().toString());
        Process p = builder.start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        p.getInputStream().transferTo(log);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg " + String.join(" ", args) + " failed: " + log);
        }
    }

    static BufferedImage frame(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** The average colour of a w×h block at (x, y), as {r, g, b}. */
    static double[] mean(BufferedImage image, int x, int y, int w, int h) {
        double[] sum = new double[3];
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int rgb = image.getRGB(i, j);
                sum[0] += rgb >> 16 & 0xFF;
                sum[1] += rgb >> 8 & 0xFF;
                sum[2] += rgb & 0xFF;
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= w * h;
        }
        return sum;
    }

    static boolean near(double[] rgb, Color expected, double tolerance) {
        return Math.abs(rgb[0] - expected.getRed()) <= tolerance && Math.abs(rgb[1] - expected.getGreen()) <= tolerance
                && Math.abs(rgb[2] - expected.getBlue()) <= tolerance;
    }

    static String show(double[] rgb) {
        return String.format("rgb(%.0f, %.0f, %.0f)", rgb[0], rgb[1], rgb[2]);
    }

    /** The largest channel value in a w×h block at (x, y). */
    static int brightest(BufferedImage image, int x, int y, int w, int h) {
        int max = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int rgb = image.getRGB(i, j);
                max = Math.max(max, Math.max(rgb >> 16 & 0xFF, Math.max(rgb >> 8 & 0xFF, rgb & 0xFF)));
            }
        }
        return max;
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
