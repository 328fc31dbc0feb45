package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SceneEncoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A draft's repeated frames ({@link SceneEncoder#repeat}) are not given to x264: the picture
 * before is held. What a player gets must still be what it would get with every frame
 * encoded: a keyframe at every segment start, segments that span exactly their frames, the
 * last sample ending where the scene does, and the right picture at every frame time.
 */
class HeldFramesTest {

    /** 240x426, 30 fps, 1 s segments: 30 frames a segment. */
    private static final RenderFormat FORMAT = Renders.SMALL;

    @TempDir
    Path dir;

    @Test
    void heldFramesAreLeftOutAndTheStreamKeepsItsTimes() throws Exception {
        // Frame 0 red, held to frame 44 (across the segment start at 30), frame 45 blue, held
        // to the scene's last frame, 74: three segments of 30, 30 and 15 frames.
        Renders.Collected collected = new Renders.Collected();
        List<EncodedSegment> segments = collected.segments;
        try (SceneEncoder encoder = new SceneEncoder(FORMAT, collected)) {
            for (int frame = 0; frame < 75; frame++) {
                if (frame == 0) {
                    encoder.video(picture(Color.RED), true);
                } else if (frame == 45) {
                    encoder.video(picture(Color.BLUE), false);
                } else {
                    encoder.repeat(frame < 45);
                }
                encoder.audio(new float[1600 * SceneEncoder.CHANNELS], 0, 1600 * SceneEncoder.CHANNELS);
            }
            encoder.finish();
        }
        assertEquals(3, segments.size());
        assertEquals(List.of(0, 30, 60), segments.stream().map(EncodedSegment::startFrame).toList());
        assertEquals(List.of(30, 30, 15), segments.stream().map(EncodedSegment::frames).toList());
        assertEquals(List.of(true, true, false), segments.stream().map(EncodedSegment::disclosed).toList());

        // x264 got frames 0 and 1, 30 and 31 (a segment's first two: a keyframe of the held red,
        // then the second, so that any segment's first two samples show the frame rate), 45, 60
        // and 61 (the same at the next segment start) and 74 (the last, so the sample before
        // ends there).
        Path file = Renders.write(dir, "held.mp4", collected.output(null).joined());
        FfmpegTools.Run packets = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries",
                "packet=pts_time,duration_time,flags", "-of", "csv=p=0", file.toString());
        assertEquals(0, packets.exit(), packets.err());
        assertEquals(List.of("0.000000,0.033333,K__", "0.033333,0.966667,___", "1.000000,0.033333,K__", "1.033333,0.466667,___",
                "1.500000,0.500000,___", "2.000000,0.033333,K__", "2.033333,0.433333,___", "2.466667,0.033333,___"),
                packets.out().lines().toList());

        FfmpegTools.Run decode = FfmpegTools.ffmpeg("-v", "warning", "-i", file.toString(), "-f", "null", "-");
        assertEquals(0, decode.exit(), decode.err());
        assertEquals("", decode.err().trim(), "ffmpeg decodes it with no warning");
        List<BufferedImage> shown = Renders.shown(file, FORMAT.fps(), 75);
        for (int frame = 0; frame < 75; frame++) {
            double[] mean = Renders.mean(shown.get(frame), 20, 20, 200, 380);
            boolean red = mean[0] > 200 && mean[2] < 60;
            boolean blue = mean[2] > 200 && mean[0] < 60;
            assertTrue(frame < 45 ? red : blue, "frame " + frame + " shows " + (frame < 45 ? "red" : "blue") + ": "
                    + mean[0] + ", " + mean[1] + ", " + mean[2]);
        }
    }

    private static BufferedImage picture(Color color) {
        BufferedImage image = new BufferedImage(FORMAT.width(), FORMAT.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, FORMAT.width(), FORMAT.height());
        g.dispose();
        return image;
    }
}
