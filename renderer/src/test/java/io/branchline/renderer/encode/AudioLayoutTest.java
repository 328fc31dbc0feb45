package io.branchline.renderer.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AudioLayoutTest {

    @Test
    void eachSegmentTakesTheFramesThatStartInsideIt() {
        // 2 s segments at 48 kHz: 96000 samples, 93.75 frames.
        AudioLayout first = AudioLayout.of(0, 96_000);
        AudioLayout second = AudioLayout.of(96_000, 192_000);
        assertEquals(new AudioLayout(0, 94), first, "frames 0..93, the last overhanging 96000 by 256 samples");
        assertEquals(new AudioLayout(94, 94), second);
        assertEquals(96_256, second.start(), "the next segment starts where the overhanging frame ends");
        assertEquals(94, AudioLayout.framesNeeded(96_000));
    }

    @Test
    void aSegmentOnFrameBoundariesHasNoOverhang() {
        assertEquals(new AudioLayout(25, 25), AudioLayout.of(25_600, 51_200));
    }

    @Test
    void aSegmentShorterThanAFrameThatNoFrameStartsInHoldsNone() {
        // One frame at 60 fps (800 samples) inside frame 1's span: frame 1 already covers it.
        assertEquals(new AudioLayout(2, 0), AudioLayout.of(1100, 1900));
        assertThrows(IllegalArgumentException.class, () -> AudioLayout.of(10, 10));
    }
}
