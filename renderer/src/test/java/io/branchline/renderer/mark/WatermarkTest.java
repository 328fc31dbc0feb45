package io.branchline.renderer.mark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The pattern on frames in memory: its cost in quality, and reading it from frames of any size. */
class WatermarkTest {

    private static final MarkPayload PAYLOAD = new MarkPayload(0x0BAD_CAFE, 0x1234_5678);

    /** A smooth, moving picture: a diagonal gradient with a slow wave, nothing the mark could hide in. */
    private static int[] picture(int w, int h, int frame) {
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 60 + 120.0 * (x + y) / (w + h) + 30 * Math.sin((x + 3.0 * frame) / 37.0) * Math.cos(y / 53.0);
                int g = (int) Math.round(v);
                rgb[y * w + x] = (g << 16) | (Math.min(255, g + 20) << 8) | Math.max(0, g - 20);
            }
        }
        return rgb;
    }

    private static double psnr(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = ((a[i] >> shift) & 0xFF) - ((b[i] >> shift) & 0xFF);
                sum += d * d;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / (a.length * 3.0)));
    }

    /** A box-filtered copy at half size, as a scaler makes it. */
    private static int[] half(int[] rgb, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        int[] out = new int[hw * hh];
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < hw; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = rgb[(2 * y + k / 2) * w + 2 * x + k % 2];
                    r += (p >> 16) & 0xFF;
                    g += (p >> 8) & 0xFF;
                    b += p & 0xFF;
                }
                out[y * hw + x] = ((r + 2) / 4 << 16) | ((g + 2) / 4 << 8) | (b + 2) / 4;
            }
        }
        return out;
    }

    @Test
    void aMarkedFrameIsAbove40DbOfTheUnmarkedOne() {
        for (int[] size : new int[][] {{480, 854}, {720, 1280}, {1080, 1920}, {1280, 720}}) {
            Watermark mark = Watermark.of(PAYLOAD, size[0], size[1]);
            int[] plain = picture(size[0], size[1], 0);
            int[] marked = plain.clone();
            mark.apply(marked);
            assertFalse(Arrays.equals(plain, marked));
            assertTrue(mark.psnrFloor() >= 40, "floor " + mark.psnrFloor());
            assertTrue(psnr(plain, marked) >= mark.psnrFloor(), "clamping can only help");
        }
    }

    @Test
    void theMarkMovesLumaOnly() {
        Watermark mark = Watermark.of(PAYLOAD, 480, 854);
        int[] plain = picture(480, 854, 0);
        int[] marked = plain.clone();
        mark.apply(marked);
        for (int i = 0; i < plain.length; i += 97) {
            int dr = ((marked[i] >> 16) & 0xFF) - ((plain[i] >> 16) & 0xFF);
            int dg = ((marked[i] >> 8) & 0xFF) - ((plain[i] >> 8) & 0xFF);
            int db = (marked[i] & 0xFF) - (plain[i] & 0xFF);
            assertTrue(dr == dg && dg == db, "the same offset on red, green and blue away from black and white");
        }
    }

    @Test
    void everyChannelIsClampedAtBlackAndWhite() {
        int w = 480;
        int h = 854;
        Watermark mark = Watermark.of(PAYLOAD, w, h);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int[] levels = {0, 1, 2, 3, 4, 5, 128, 250, 251, 252, 253, 254, 255};
        int[] plain = new int[w * h];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (levels[random.nextInt(levels.length)] << 16) | (levels[random.nextInt(levels.length)] << 8)
                    | levels[random.nextInt(levels.length)];
        }
        int[] marked = plain.clone();
        mark.apply(marked);
        int[] offsets = plain.clone();
        java.util.Arrays.fill(offsets, 0x808080);
        mark.apply(offsets);
        for (int i = 0; i < plain.length; i++) {
            int d = (offsets[i] & 0xFF) - 128;
            for (int shift = 0; shift <= 16; shift += 8) {
                int expected = Math.max(0, Math.min(255, ((plain[i] >> shift) & 0xFF) + d));
                assertEquals(expected, (marked[i] >> shift) & 0xFF, "pixel " + i);
            }
            assertEquals(0, marked[i] >>> 24, "nothing above the blue, green and red bytes");
        }
    }

    @Test
    void theReaderFindsThePayloadAtAnySize() {
        Watermark mark = Watermark.of(PAYLOAD, 480, 854);
        WatermarkReader full = new WatermarkReader();
        WatermarkReader small = new WatermarkReader();
        WatermarkReader plain = new WatermarkReader();
        for (int f = 0; f < 10; f++) {
            int[] frame = picture(480, 854, f);
            plain.addRgb(frame, 480, 854);
            mark.apply(frame);
            full.addRgb(frame, 480, 854);
            small.addRgb(half(frame, 480, 854), 240, 427);
        }
        assertEquals(PAYLOAD, full.read().payload().orElseThrow());
        MarkReading reading = small.read();
        assertEquals(PAYLOAD, reading.payload().orElseThrow());
        assertEquals(10, reading.frames());
        assertTrue(reading.strength() > WatermarkReader.MIN_STRENGTH);
        MarkReading none = plain.read();
        assertFalse(none.found(), none.toString());
    }

    @Test
    void aFlatFrameHoldsNoMark() {
        WatermarkReader reader = new WatermarkReader();
        int[] grey = new int[320 * 240];
        Arrays.fill(grey, 0x808080);
        reader.addRgb(grey, 320, 240);
        MarkReading reading = reader.read();
        assertFalse(reading.found());
        assertEquals(0, reading.strength());
    }
}
