package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.branchline.renderer.media.Fixtures.SECOND_COLOURS;
import static io.branchline.renderer.media.Fixtures.mean;
import static io.branchline.renderer.media.Fixtures.near;
import static io.branchline.renderer.media.Fixtures.show;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipPainterTest {

    /** 9:16 at 30 fps; the 4:3 clip fills its width: 180x135 between bars of 92 and 93 rows. */
    private static final RenderFormat FORMAT = new RenderFormat(180, 320, 30, 2000);
    private static final int CLIP_FPS = 24;
    private static final int CLIP_SECONDS = 3;

    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws IOException {
        clip = Fixtures.clip(dir.resolve("counter.mp4"), 320, 240, CLIP_FPS, CLIP_SECONDS);
    }

    @Test
    void eachFrameShowsTheClipPictureDueAtItsTimeAndTheLastOneIsHeld() {
        List<String> wrong = new ArrayList<>();
        int frames = FORMAT.frames(4500);
        try (ClipPainter painter = ClipPainter.open(clip, 0, null, FORMAT)) {
            BufferedImage frame = Fixtures.frame(180, 320);
            for (int n = 0; n < frames; n++) {
                painter.paint(n, frame);
                int expected = Math.min(CLIP_FPS * CLIP_SECONDS - 1, n * CLIP_FPS / FORMAT.fps());
                int shown = clipFrameShown(frame);
                if (shown != expected) {
                    wrong.add("frame " + n + " shows clip frame " + shown + ", expected " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void a4To3ClipIsLetterboxedWithBlackBarsInA9To16Frame() {
        BufferedImage frame = Fixtures.frame(180, 320);
        try (ClipPainter painter = ClipPainter.open(clip, 0, null, FORMAT)) {
            painter.paint(0, frame);
        }
        assertEquals(0, Fixtures.brightest(frame, 0, 0, 180, 92), "bar above");
        assertEquals(0, Fixtures.brightest(frame, 0, 228, 180, 92), "bar below");
        // The picture spans the full width and rows 92..227: red at its edges, white square at its top left.
        assertTrue(near(mean(frame, 0, 100, 4, 120), SECOND_COLOURS[0], 12), show(mean(frame, 0, 100, 4, 120)));
        assertTrue(near(mean(frame, 176, 100, 4, 120), SECOND_COLOURS[0], 12));
        assertTrue(near(mean(frame, 0, 92, 180, 1), SECOND_COLOURS[0], 40), show(mean(frame, 0, 92, 180, 1)));
        assertTrue(Fixtures.brightest(frame, 1, 95, 6, 6) > 240, "white square at the clip's top left");
    }

    @Test
    void aTallClipIsPillarboxedInAWideFrame() throws IOException {
        Path tall = Fixtures.clip(dir.resolve("tall.mp4"), 120, 240, 10, 1);
        BufferedImage frame = Fixtures.frame(320, 180);
        try (ClipPainter painter = ClipPainter.open(tall, 0, null, new RenderFormat(320, 180, 30, 2000))) {
            painter.paint(0, frame);
        }
        // 120x240 scaled to 90x180, centred: bars of 115 columns each side.
        assertEquals(0, Fixtures.brightest(frame, 0, 0, 115, 180), "bar on the left");
        assertEquals(0, Fixtures.brightest(frame, 205, 0, 115, 180), "bar on the right");
        assertTrue(near(mean(frame, 117, 150, 86, 28), SECOND_COLOURS[0], 12), show(mean(frame, 117, 150, 86, 28)));
    }

    @Test
    void fromAndToCutTheClipAndItsLastPictureIsHeld() {
        List<String> wrong = new ArrayList<>();
        try (ClipPainter painter = ClipPainter.open(clip, 1500, 2000L, FORMAT)) {
            BufferedImage frame = Fixtures.frame(180, 320);
            for (int n = 0; n < 45; n++) {
                painter.paint(n, frame);
                int expected = Math.min(2 * CLIP_FPS - 1, (int) Math.floor((1.5 + n / 30.0) * CLIP_FPS + 1e-9));
                int shown = clipFrameShown(frame);
                if (shown != expected) {
                    wrong.add("frame " + n + " shows clip frame " + shown + ", expected " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aFormatThatCannotSeekGivesTheSamePictures() throws Exception {
        Path ts = dir.resolve("counter.ts");
        Fixtures.ffmpeg("-i", clip.toString(), "-c", "copy", ts.toString());
        try (ClipPainter fromMp4 = ClipPainter.open(clip, 2000, null, FORMAT);
             ClipPainter fromTs = ClipPainter.open(ts, 2000, null, FORMAT)) {
            BufferedImage a = Fixtures.frame(180, 320);
            BufferedImage b = Fixtures.frame(180, 320);
            for (int n = 0; n < 20; n += 3) {
                fromMp4.paint(n, a);
                fromTs.paint(n, b);
                assertEquals(2 * CLIP_FPS + n * CLIP_FPS / 30, clipFrameShown(b), "frame " + n);
                assertArrayEquals(Fixtures.pixels(a), Fixtures.pixels(b), "frame " + n);
            }
        }
    }

    @Test
    void paintingAnEarlierFrameAgainGivesTheSamePixels() {
        try (ClipPainter painter = ClipPainter.open(clip, 500, null, FORMAT)) {
            BufferedImage frame = Fixtures.frame(180, 320);
            int[] tenth = null;
            for (int n = 0; n <= 30; n++) {
                painter.paint(n, frame);
                if (n == 10) {
                    tenth = Fixtures.pixels(frame);
                }
            }
            painter.paint(10, frame);
            assertArrayEquals(tenth, Fixtures.pixels(frame));
        }
    }

    @Test
    void aRotatedPhoneVideoIsShownUpright() throws Exception {
        Path turned = dir.resolve("turned.mp4");
        Fixtures.ffmpeg("-display_rotation", "90", "-i", clip.toString(), "-c", "copy", turned.toString());
        BufferedImage upright = Fixtures.frame(320, 320);
        BufferedImage shown = Fixtures.frame(320, 320);
        RenderFormat square = new RenderFormat(320, 320, 30, 2000);
        try (ClipPainter a = ClipPainter.open(clip, 0, null, square); ClipPainter b = ClipPainter.open(turned, 0, null, square)) {
            a.paint(0, upright);
            b.paint(0, shown);
        }
        // Turned 90° counter-clockwise the clip stands 240x320 between bars of 40 columns, and the white
        // square from its top left (0..16, 4..20) lands at its bottom left (44..60, 303..319).
        assertEquals(0, Fixtures.brightest(shown, 0, 0, 40, 320), "bar on the left");
        assertEquals(0, Fixtures.brightest(shown, 280, 0, 40, 320), "bar on the right");
        assertTrue(Fixtures.brightest(shown, 46, 305, 12, 12) > 240, "square at the bottom left");
        assertTrue(Fixtures.brightest(shown, 46, 4, 12, 12) < 240, "no square at the top left");
        assertTrue(Fixtures.brightest(upright, 2, 46, 12, 12) > 240, "square at the top left of the unturned clip");
    }

    @Test
    void aMissingFileIsNamed() {
        RenderException e = assertThrows(RenderException.class,
                () -> ClipPainter.open(Path.of("assets/stairs.mp4"), 0, null, FORMAT));
        assertEquals("clip \"assets/stairs.mp4\" was not found: expected a video file such as MP4, WebM or MOV at that path",
                e.getMessage());
    }

    @Test
    void randomBytesNamedMp4AreNotAVideo() throws IOException {
        byte[] junk = new byte[20_000];
        new Random(1).nextBytes(junk);
        Path file = Files.write(dir.resolve("junk.mp4"), junk);
        RenderException e = assertThrows(RenderException.class, () -> ClipPainter.open(file, 0, null, FORMAT));
        assertEquals("clip \"" + file + "\" could not be read: its contents are not in any format FFmpeg knows "
                + "(damaged, cut short, or not a media file); expected a video file such as MP4, WebM or MOV", e.getMessage());
    }

    @Test
    void aTextFileNamedMp4IsCalledText() throws IOException {
        Path file = Files.writeString(dir.resolve("stairs.mp4"), "placeholder: film the stairs\n");
        RenderException e = assertThrows(RenderException.class, () -> ClipPainter.open(file, 0, null, FORMAT));
        assertEquals("clip \"" + file + "\" could not be read: it holds text; expected a video file such as MP4, WebM or MOV",
                e.getMessage());
    }

    @Test
    void aSoundFileIsAClipWithNoPicture() throws IOException {
        Path file = Fixtures.wav(dir.resolve("steps.wav"), 8000, Fixtures.sine(440, 0.5, 8000, 0.5));
        RenderException e = assertThrows(RenderException.class, () -> ClipPainter.open(file, 0, null, FORMAT));
        assertEquals("clip \"" + file + "\" has no picture (it holds only sound): expected a video file such as MP4, WebM or MOV "
                + "with a video stream", e.getMessage());
    }

    @Test
    void fromBeyondTheEndAndToBeforeFromAreReported() {
        RenderException e = assertThrows(RenderException.class, () -> ClipPainter.open(clip, 5000, null, FORMAT));
        assertEquals("clip \"" + clip + "\" is to start at 5s but the video is only 3s long: expected a 'from' time before its end",
                e.getMessage());
        e = assertThrows(RenderException.class, () -> ClipPainter.open(clip, 2000, 1500L, FORMAT));
        assertEquals("clip \"" + clip + "\" stops at 1.5s, not after it starts at 2s: expected 'to' later than 'from'",
                e.getMessage());
    }

    /** Which frame of the test clip a painted frame shows, read from its background and counter block. */
    private static int clipFrameShown(BufferedImage frame) {
        double[] background = mean(frame, 4, 200, 20, 20);
        int second = -1;
        for (int s = 0; s < SECOND_COLOURS.length; s++) {
            if (near(background, SECOND_COLOURS[s], 20)) {
                second = s;
            }
        }
        assertTrue(second >= 0, "background " + show(background) + " is no second's colour");
        double[] counter = mean(frame, 70, 140, 40, 40);
        return second * CLIP_FPS + Fixtures.counterOf((int) Math.round(counter[1]));
    }
}
