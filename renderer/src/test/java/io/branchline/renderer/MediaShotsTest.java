package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image, clip and audio shots through the whole renderer, and bad assets that stop a render with a clear message. */
class MediaShotsTest {

    @TempDir
    Path root;

    private ResolvedShot image(String path, long ms, Step.Audio audio) {
        return new ResolvedShot("image", ms, null, null, null, path, "still", null, null, null, Step.Transition.CUT, null, 1, audio, false, 1);
    }

    private ResolvedShot clip(String path, long ms) {
        return new ResolvedShot("clip", ms, null, null, null, path, null, 0L, null, null, Step.Transition.CUT, null, 1, null, false, 1);
    }

    private Renders.Output render(List<ResolvedShot> shots) {
        SceneRequest request = new SceneRequest(root, Renders.SMALL, "AI-generated", shots);
        RenderTools tools = Renders.flatTools();
        byte[][] init = new byte[1][];
        List<io.branchline.renderer.encode.EncodedSegment> segments = new java.util.ArrayList<>();
        RenderedScene scene = new SceneRenderer(tools).render(request, ContentKey.of(request, tools), new io.branchline.renderer.encode.SegmentSink() {
            @Override
            public void init(byte[] bytes) {
                init[0] = bytes;
            }

            @Override
            public void segment(io.branchline.renderer.encode.EncodedSegment segment) {
                segments.add(segment);
            }
        });
        return new Renders.Output(init[0], segments, scene);
    }

    private void png(String name, Color color) throws Exception {
        BufferedImage img = new BufferedImage(300, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 300, 500);
        g.dispose();
        Files.createDirectories(root.resolve(name).getParent());
        ImageIO.write(img, "png", root.resolve(name).toFile());
    }

    /** A 16-bit stereo 48 kHz WAV of a sine. */
    private void wav(String name, double seconds, double amplitude) throws Exception {
        int n = (int) (48000 * seconds);
        ByteBuffer data = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / 48000.0) * amplitude * 32767);
            data.putShort(v).putShort(v);
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + n * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(48000).putInt(48000 * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes()).putInt(n * 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        out.write(data.array());
        Files.createDirectories(root.resolve(name).getParent());
        Files.write(root.resolve(name), out.toByteArray());
    }

    @Test
    void imageClipAndSoundReachTheSegments() throws Exception {
        png("assets/red.png", new Color(220, 30, 30));
        wav("assets/tone.wav", 2, 0.5);
        Renders.Output blue = Renders.render(Renders.SMALL, List.of(Renders.color("#1e1edc", 1000)));
        Files.write(root.resolve("assets/blue.mp4"), blue.joined());

        Renders.Output out = render(List.of(image("assets/red.png", 1000, new Step.Audio("assets/tone.wav", 0.5)), clip("assets/blue.mp4", 1000)));
        Path file = Renders.write(root, "out.mp4", out.joined());
        List<BufferedImage> frames = Renders.frames(file);
        assertEquals(60, frames.size());
        double[] red = Renders.mean(frames.get(10), 0, 0, 240, 426);
        double[] clipped = Renders.mean(frames.get(45), 0, 0, 240, 426);
        assertTrue(red[0] > 180 && red[2] < 70, "the image shot shows the image: " + java.util.Arrays.toString(red));
        assertTrue(clipped[2] > 180 && clipped[0] < 70, "the clip shot shows the clip: " + java.util.Arrays.toString(clipped));

        double[] loudness = loudnessPerHalfSecond(file);
        assertTrue(loudness[0] > 0.1 && loudness[1] > 0.1, "the image shot has its sound: " + java.util.Arrays.toString(loudness));
        // AAC frames overlap by half their length, so a sliver of the sound smears past the cut.
        assertTrue(loudness[2] < loudness[1] / 4 && loudness[3] < 0.001, "the clip shot has no sound of its own: "
                + java.util.Arrays.toString(loudness));
    }

    @Test
    void badAssetsStopTheRenderWithAClearMessage() throws Exception {
        Files.createDirectories(root.resolve("assets"));
        Files.writeString(root.resolve("assets/text.png"), "not a picture");
        Files.write(root.resolve("assets/empty.ogg"), new byte[0]);
        Files.write(root.resolve("assets/corrupt.mp4"), new java.util.Random(1).ints(4000, 0, 256).collect(ByteArrayOutputStream::new,
                (b, i) -> b.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
        png("assets/ok.png", Color.GRAY);
        assertMessage(List.of(image("assets/missing.png", 500, null)), "assets/missing.png", "not found");
        assertMessage(List.of(image("assets/text.png", 500, null)), "text.png", "not an image");
        assertMessage(List.of(clip("assets/corrupt.mp4", 500)), "corrupt.mp4", "expected a video file");
        assertMessage(List.of(image("assets/ok.png", 500, new Step.Audio("assets/empty.ogg", 1))), "empty.ogg", "empty");
    }

    private void assertMessage(List<ResolvedShot> shots, String... parts) {
        RenderException e = assertThrows(RenderException.class, () -> render(shots));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    /** Root mean square of the left channel, per half second. */
    private static double[] loudnessPerHalfSecond(Path file) throws Exception {
        double[] sums = new double[8];
        int[] counts = new int[8];
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleFormat(org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT);
            g.start();
            Frame f;
            while ((f = g.grabSamples()) != null) {
                java.nio.FloatBuffer b = (java.nio.FloatBuffer) f.samples[0];
                int bucket = (int) Math.min(7, f.timestamp / 500_000);
                for (int i = 0; i < b.limit(); i += 2) {
                    sums[bucket] += b.get(i) * b.get(i);
                    counts[bucket]++;
                }
            }
            g.stop();
        }
        double[] rms = new double[4];
        for (int i = 0; i < 4; i++) {
            rms[i] = counts[i] == 0 ? 0 : Math.sqrt(sums[i] / counts[i]);
        }
        return rms;
    }
}
