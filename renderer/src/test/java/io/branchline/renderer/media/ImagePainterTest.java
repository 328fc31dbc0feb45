package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static io.branchline.renderer.media.Fixtures.mean;
import static io.branchline.renderer.media.Fixtures.near;
import static io.branchline.renderer.media.Fixtures.show;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePainterTest {

    private static final RenderFormat FORMAT = new RenderFormat(180, 320, 30, 2000);
    private static final long SHOT_MS = 3000;

    @TempDir
    Path dir;

    @Test
    void aWidePictureCoversTheFrameCroppedAtItsCentre() throws IOException {
        // 400x160 into 90x160: scaled 1:1, columns 155..245 show; blue and yellow meet at the frame's middle.
        BufferedImage picture = new BufferedImage(400, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 400, 160);
        g.setColor(Color.BLUE);
        g.fillRect(155, 0, 45, 160);
        g.setColor(Color.YELLOW);
        g.fillRect(200, 0, 45, 160);
        g.dispose();
        Path file = png("wide.png", picture);

        BufferedImage frame = Fixtures.frame(90, 160);
        try (ImagePainter painter = ImagePainter.open(file, "still", new RenderFormat(90, 160, 30, 2000), 1000)) {
            painter.paint(0, frame);
        }
        assertTrue(near(mean(frame, 0, 0, 43, 160), Color.BLUE, 2), show(mean(frame, 0, 0, 43, 160)));
        assertTrue(near(mean(frame, 47, 0, 43, 160), Color.YELLOW, 2), show(mean(frame, 47, 0, 43, 160)));
    }

    @Test
    void aTallPictureIsScaledToTheFrameWidthAndItsQuadrantsLandInPlace() throws IOException {
        BufferedImage picture = quadrants(360, 900);
        Path file = png("tall.png", picture);
        BufferedImage frame = Fixtures.frame(180, 320);
        try (ImagePainter painter = ImagePainter.open(file, "zoom-in", FORMAT, SHOT_MS)) {
            painter.paint(0, frame);
        }
        assertTrue(near(mean(frame, 10, 10, 70, 140), Color.RED, 2), show(mean(frame, 10, 10, 70, 140)));
        assertTrue(near(mean(frame, 100, 10, 70, 140), Color.GREEN, 2));
        assertTrue(near(mean(frame, 10, 170, 70, 140), Color.BLUE, 2));
        assertTrue(near(mean(frame, 100, 170, 70, 140), Color.YELLOW, 2));
    }

    @Test
    void zoomInGrowsThePictureBy15PercentSmoothlyWithEaseInAndOut() throws IOException {
        double[] widths = boxWidths("zoom-in");
        assertEquals(1.15, widths[widths.length - 1] / widths[0], 0.01, "zoom at the end");
        assertSmoothAndMonotonic(widths, +1);
    }

    @Test
    void zoomOutShrinksThePictureBackTo1x() throws IOException {
        double[] widths = boxWidths("zoom-out");
        assertEquals(1 / 1.15, widths[widths.length - 1] / widths[0], 0.01, "zoom at the end");
        assertSmoothAndMonotonic(widths, -1);
    }

    @Test
    void panLeftSlidesThePictureRightByATenthOfTheFrame() throws IOException {
        double[] x = lineCentres("pan-left", true);
        assertEquals(0.1 * FORMAT.width(), x[x.length - 1] - x[0], 1.0);
        assertSmoothAndMonotonic(x, +1);
    }

    @Test
    void panRightSlidesThePictureLeft() throws IOException {
        double[] x = lineCentres("pan-right", true);
        assertEquals(-0.1 * FORMAT.width(), x[x.length - 1] - x[0], 1.0);
        assertSmoothAndMonotonic(x, -1);
    }

    @Test
    void panUpSlidesThePictureDownAndPanDownSlidesItUp() throws IOException {
        double[] up = lineCentres("pan-up", false);
        assertEquals(0.1 * FORMAT.height(), up[up.length - 1] - up[0], 1.5);
        assertSmoothAndMonotonic(up, +1);
        double[] down = lineCentres("pan-down", false);
        assertEquals(-0.1 * FORMAT.height(), down[down.length - 1] - down[0], 1.5);
        assertSmoothAndMonotonic(down, -1);
    }

    @Test
    void consecutiveFramesOfADetailedPhotoChangeByLessThanHalfAPixelsWorth() throws IOException {
        Path file = png("photo.png", photo(1500, 2400, 7));
        long shotMs = 6000;
        for (String motion : new String[] {"zoom-in", "pan-left", "pan-up"}) {
            try (ImagePainter painter = ImagePainter.open(file, motion, FORMAT, shotMs)) {
                BufferedImage previous = Fixtures.frame(180, 320);
                BufferedImage frame = Fixtures.frame(180, 320);
                painter.paint(0, previous);
                // What moving this picture by one whole pixel does to the frame: a painter that steps from
                // pixel to pixel changes that much at some frames and nothing at others.
                double onePixel = Math.min(shiftDifference(previous, 1, 0), shiftDifference(previous, 0, 1));
                double largest = 0;
                int frames = FORMAT.frames(shotMs);
                for (int n = 1; n < frames; n++) {
                    painter.paint(n, frame);
                    largest = Math.max(largest, meanAbsoluteDifference(previous, frame));
                    BufferedImage swap = previous;
                    previous = frame;
                    frame = swap;
                }
                assertTrue(largest > 0 && largest < 0.5 * onePixel,
                        motion + ": largest change between frames " + largest + ", a one-pixel shift " + onePixel);
            }
        }
    }

    @Test
    void stillPaintsTheSameFrameEveryTimeAndPaintingIsDeterministic() throws IOException {
        Path file = png("photo.png", photo(640, 480, 3));
        int[] first;
        try (ImagePainter painter = ImagePainter.open(file, "still", FORMAT, SHOT_MS)) {
            BufferedImage frame = Fixtures.frame(180, 320);
            painter.paint(0, frame);
            first = Fixtures.pixels(frame);
            painter.paint(60, frame);
            assertArrayEquals(first, Fixtures.pixels(frame));
        }
        int[][] once = new int[2][];
        for (int run = 0; run < 2; run++) {
            try (ImagePainter painter = ImagePainter.open(file, "zoom-out", FORMAT, SHOT_MS)) {
                BufferedImage frame = Fixtures.frame(180, 320);
                painter.paint(45, frame);
                once[run] = Fixtures.pixels(frame);
            }
        }
        assertArrayEquals(once[0], once[1]);
        assertFalse(Arrays.equals(first, once[0]));
    }

    @Test
    void theDefaultMotionIsZoomIn() throws IOException {
        Path file = png("photo.png", photo(640, 480, 5));
        BufferedImage a = Fixtures.frame(180, 320);
        BufferedImage b = Fixtures.frame(180, 320);
        try (ImagePainter byDefault = ImagePainter.open(file, (String) null, FORMAT, SHOT_MS);
             ImagePainter zoomIn = ImagePainter.open(file, "zoom-in", FORMAT, SHOT_MS)) {
            byDefault.paint(80, a);
            zoomIn.paint(80, b);
        }
        assertArrayEquals(Fixtures.pixels(a), Fixtures.pixels(b));
    }

    @Test
    void readsJpegGifBmpAndWebp() throws Exception {
        BufferedImage picture = quadrants(180, 320);
        Path png = png("q.png", picture);
        Path webp = dir.resolve("q.webp");
        Fixtures.ffmpeg("-i", png.toString(), "-c:v", "libwebp", "-lossless", "1", webp.toString());
        Path[] files = {write("q.jpg", "jpeg", picture), write("q.gif", "gif", picture), write("q.bmp", "bmp", picture), webp};
        for (Path file : files) {
            BufferedImage frame = Fixtures.frame(180, 320);
            try (ImagePainter painter = ImagePainter.open(file, "still", FORMAT, SHOT_MS)) {
                painter.paint(0, frame);
            }
            assertTrue(near(mean(frame, 20, 20, 50, 100), Color.RED, 12), file + " " + show(mean(frame, 20, 20, 50, 100)));
            assertTrue(near(mean(frame, 110, 200, 50, 100), Color.YELLOW, 12), file + " " + show(mean(frame, 110, 200, 50, 100)));
        }
    }

    @Test
    void aMissingFileIsNamed() {
        RenderException e = assertThrows(RenderException.class,
                () -> ImagePainter.open(Path.of("assets/nowhere.png"), "still", FORMAT, SHOT_MS));
        assertEquals("image \"assets/nowhere.png\" was not found: expected a PNG, JPEG, GIF, BMP or WebP image at that path",
                e.getMessage());
    }

    @Test
    void aTextFileNamedPngIsCalledText() throws IOException {
        Path file = Files.writeString(dir.resolve("door.png"), "TODO: draw the door\n");
        RenderException e = assertThrows(RenderException.class, () -> ImagePainter.open(file, "still", FORMAT, SHOT_MS));
        assertEquals("image \"" + file + "\" is not an image: it holds text; expected a PNG, JPEG, GIF, BMP or WebP image",
                e.getMessage());
    }

    @Test
    void truncatedPngAndJpegAreReportedAsDamaged() throws IOException {
        BufferedImage picture = photo(300, 300, 11);
        for (String format : new String[] {"png", "jpeg"}) {
            Path whole = write("whole." + format, format, picture);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(dir.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length / 2));
            RenderException e = assertThrows(RenderException.class, () -> ImagePainter.open(cut, "still", FORMAT, SHOT_MS));
            String name = format.toUpperCase();
            assertTrue(e.getMessage().startsWith("image \"" + cut + "\" is a damaged or cut-short " + name + " file"), e.getMessage());
            assertTrue(e.getMessage().endsWith("expected a complete " + name + " image"), e.getMessage());
        }
    }

    @Test
    void anEmptyFileAndAnUnknownMotionAreReported() throws IOException {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        RenderException e = assertThrows(RenderException.class, () -> ImagePainter.open(empty, "still", FORMAT, SHOT_MS));
        assertEquals("image \"" + empty + "\" is empty (0 bytes): expected a PNG, JPEG, GIF, BMP or WebP image", e.getMessage());

        Path file = png("q.png", quadrants(10, 10));
        e = assertThrows(RenderException.class, () -> ImagePainter.open(file, "spin", FORMAT, SHOT_MS));
        assertEquals("image \"" + file + "\" has the unknown motion \"spin\": expected one of still, zoom-in, zoom-out, "
                + "pan-left, pan-right, pan-up, pan-down", e.getMessage());
    }

    /** Apparent width, in frame pixels, of a white box in the middle of a dark picture, frame by frame. */
    private double[] boxWidths(String motion) throws IOException {
        BufferedImage picture = new BufferedImage(360, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(108, 0, 144, 640);
        g.dispose();
        Path file = png("box.png", picture);
        int frames = FORMAT.frames(SHOT_MS);
        double[] widths = new double[frames];
        try (ImagePainter painter = ImagePainter.open(file, motion, FORMAT, SHOT_MS)) {
            BufferedImage frame = Fixtures.frame(180, 320);
            for (int n = 0; n < frames; n++) {
                painter.paint(n, frame);
                double sum = 0;
                for (int x = 0; x < 180; x++) {
                    sum += (frame.getRGB(x, 160) & 0xFF) / 255.0;
                }
                widths[n] = sum;
            }
        }
        return widths;
    }

    /** Where a bright line through the picture's centre is in each frame: its x (vertical line) or y. */
    private double[] lineCentres(String motion, boolean vertical) throws IOException {
        BufferedImage picture = new BufferedImage(360, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        if (vertical) {
            g.fillRect(176, 0, 8, 640);
        } else {
            g.fillRect(0, 316, 360, 8);
        }
        g.dispose();
        Path file = png("line.png", picture);
        int frames = FORMAT.frames(SHOT_MS);
        double[] centres = new double[frames];
        try (ImagePainter painter = ImagePainter.open(file, motion, FORMAT, SHOT_MS)) {
            BufferedImage frame = Fixtures.frame(180, 320);
            for (int n = 0; n < frames; n++) {
                painter.paint(n, frame);
                double sum = 0;
                double weighted = 0;
                int length = vertical ? 180 : 320;
                for (int i = 0; i < length; i++) {
                    double b = (vertical ? frame.getRGB(i, 160) : frame.getRGB(90, i)) & 0xFF;
                    sum += b;
                    weighted += b * (i + 0.5);
                }
                centres[n] = weighted / sum;
            }
        }
        return centres;
    }

    /**
     * Every step goes the one way, none is more than twice the average (no jumps), and the motion
     * starts and ends slowly (ease in and out).
     */
    private static void assertSmoothAndMonotonic(double[] values, int direction) {
        int n = values.length - 1;
        double average = (values[n] - values[0]) / n * direction;
        assertTrue(average > 0, "moves at all: " + Arrays.toString(values));
        for (int i = 1; i <= n; i++) {
            double step = (values[i] - values[i - 1]) * direction;
            assertTrue(step >= -1e-3, "step " + i + " goes back: " + step);
            assertTrue(step <= 2 * average, "step " + i + " jumps: " + step + " against an average " + average);
        }
        double first = (values[1] - values[0]) * direction;
        double middle = (values[n / 2 + 1] - values[n / 2]) * direction;
        assertTrue(first < 0.25 * middle, "eases in: first step " + first + ", middle step " + middle);
        double last = (values[n] - values[n - 1]) * direction;
        assertTrue(last < 0.25 * middle, "eases out: last step " + last + ", middle step " + middle);
    }

    private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        int[] pa = Fixtures.pixels(a);
        int[] pb = Fixtures.pixels(b);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF));
            }
        }
        return sum / (3.0 * pa.length);
    }

    /** Mean absolute difference between a frame and itself moved by (dx, dy) pixels. */
    private static double shiftDifference(BufferedImage frame, int dx, int dy) {
        long sum = 0;
        int count = 0;
        for (int y = dy; y < frame.getHeight(); y++) {
            for (int x = dx; x < frame.getWidth(); x++) {
                int a = frame.getRGB(x, y);
                int b = frame.getRGB(x - dx, y - dy);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF));
                    count++;
                }
            }
        }
        return (double) sum / count;
    }

    static BufferedImage quadrants(int w, int h) {
        BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h / 2);
        g.setColor(Color.GREEN);
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.setColor(Color.BLUE);
        g.fillRect(0, h / 2, w / 2, h - h / 2);
        g.setColor(Color.YELLOW);
        g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
        g.dispose();
        return picture;
    }

    /** Photo-like detail: soft blobs over fine noise, the same for the same seed. */
    static BufferedImage photo(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int r = w / 20 + random.nextInt(w / 5);
            g.fillOval(random.nextInt(w) - r, random.nextInt(h) - r, 2 * r, 2 * r);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = picture.getRGB(x, y);
                int d = random.nextInt(41) - 20;
                int r = clamp((rgb >> 16 & 0xFF) + d);
                int gr = clamp((rgb >> 8 & 0xFF) + d);
                int b = clamp((rgb & 0xFF) + d);
                picture.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return picture;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private Path png(String name, BufferedImage picture) throws IOException {
        return write(name, "png", picture);
    }

    private Path write(String name, String format, BufferedImage picture) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(picture, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }
}
