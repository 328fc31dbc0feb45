package io.branchline.renderer.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.FfmpegTools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our RGB to yuv420p conversion, against BT.601's figures and against FFmpeg's own scaler. */
class Yuv420Test {

    @Test
    void primariesAndGreysHaveBt601LimitedRangeValues() {
        // {rgb, Y, U, V}: the standard's values rounded.
        int[][] cases = {
            {0x000000, 16, 128, 128},
            {0xFFFFFF, 235, 128, 128},
            {0x808080, 126, 128, 128},
            {0xFF0000, 81, 90, 240},
            {0x00FF00, 145, 54, 34},
            {0x0000FF, 41, 240, 110},
        };
        for (int[] c : cases) {
            Yuv420 yuv = new Yuv420(2, 2);
            yuv.convert(new int[] {c[0], c[0], c[0], c[0]});
            byte[] p = yuv.planes();
            String what = String.format("#%06X", c[0]);
            assertEquals(c[1], p[0] & 0xFF, what + " Y");
            assertEquals(c[2], p[4] & 0xFF, what + " U");
            assertEquals(c[3], p[5] & 0xFF, what + " V");
        }
    }

    @Test
    void chromaIsTheMeanOfEachBlockAndOddEdgesKeepTheirOwnPixels() {
        // 3x3: the right column and bottom row are blocks of their own pixels only.
        int red = 0xFF0000;
        int blue = 0x0000FF;
        int[] rgb = {
            red, blue, blue,
            blue, red, blue,
            red, red, red,
        };
        Yuv420 yuv = new Yuv420(3, 3);
        yuv.convert(rgb);
        byte[] p = yuv.planes();
        assertEquals(9 + 2 * 4, yuv.size());
        int u = 9;
        int v = 13;
        // Top left block: two red, two blue: halfway between the two colours' chroma.
        assertEquals(Math.round((90 + 240) / 2.0), p[u] & 0xFF, 1);
        assertEquals(Math.round((240 + 110) / 2.0), p[v] & 0xFF, 1);
        assertEquals(240, p[u + 1] & 0xFF, "the right column's block is blue only");
        assertEquals(90, p[u + 2] & 0xFF, "the bottom row's block is red only");
        assertEquals(90, p[u + 3] & 0xFF, "the corner pixel alone: red");
        assertEquals(81, p[8] & 0xFF, "the corner's luma");
    }

    @Test
    void aFrameOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Yuv420(4, 4).convert(new int[15]));
    }

    @Test
    void matchesFfmpegsScalerWithinRounding(@TempDir Path dir) throws Exception {
        int w = 96;
        int h = 64;
        // Smooth colour gradients with gentle noise: where 2x2 means and FFmpeg's chroma filter agree.
        Random random = new Random(7);
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(x * 255 / (w - 1) + random.nextInt(5) - 2);
                int g = clamp(y * 255 / (h - 1) + random.nextInt(5) - 2);
                int b = clamp(255 - (x + y) * 255 / (w + h - 2) + random.nextInt(5) - 2);
                rgb[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        ByteBuffer raw = ByteBuffer.allocate(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asIntBuffer().put(rgb);
        Path in = dir.resolve("in.bgr0");
        Path out = dir.resolve("out.yuv");
        Files.write(in, raw.array());
        FfmpegTools.Run run = FfmpegTools.ffmpeg("-v", "error", "-f", "rawvideo", "-pix_fmt", "bgr0", "-s", w + "x" + h,
                "-i", in.toString(), "-pix_fmt", "yuv420p", "-f", "rawvideo", "-y", out.toString());
        assertEquals(0, run.exit(), run.err());
        byte[] theirs = Files.readAllBytes(out);

        Yuv420 yuv = new Yuv420(w, h);
        yuv.convert(rgb);
        byte[] ours = yuv.planes();
        assertEquals(theirs.length, ours.length, "the same plane sizes");
        int lumaWorst = 0;
        int chromaWorst = 0;
        for (int i = 0; i < ours.length; i++) {
            int d = Math.abs((ours[i] & 0xFF) - (theirs[i] & 0xFF));
            if (i < w * h) {
                lumaWorst = Math.max(lumaWorst, d);
            } else {
                chromaWorst = Math.max(chromaWorst, d);
            }
        }
        assertTrue(lumaWorst <= 1, "luma differs from FFmpeg's by up to " + lumaWorst);
        assertTrue(chromaWorst <= 3, "chroma differs from FFmpeg's by up to " + chromaWorst);
    }

    @Test
    void convertingTwiceGivesTheSameBytes() {
        int[] rgb = new Random(3).ints(16 * 8).toArray();
        Yuv420 a = new Yuv420(16, 8);
        a.convert(rgb);
        byte[] first = a.planes().clone();
        a.convert(rgb);
        assertArrayEquals(first, a.planes());
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
