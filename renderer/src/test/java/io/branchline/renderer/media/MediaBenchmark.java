package io.branchline.renderer.media;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Milliseconds per frame of the image and clip painters at the two usual formats, each timed over 300
 * frames after a first, warming run. Not a test: run it by hand on a quiet machine, from the repository root:
 * <pre>
 * mvn -B -q -pl renderer -am test-compile
 * mvn -B -q -pl renderer dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp renderer/target/test-classes:renderer/target/classes:story-dsl/target/classes:$(cat /tmp/cp.txt) \
 *     io.branchline.renderer.media.MediaBenchmark
 * </pre>
 */
public final class MediaBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("media-bench");
        Path photo = dir.resolve("photo.jpg");
        ImageIO.write(ImagePainterTest.photo(3000, 2000, 1), "jpeg", photo.toFile());
        Path clip = dir.resolve("clip.mp4");
        Fixtures.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=12", "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", clip.toString());
        for (RenderFormat format : new RenderFormat[] {new RenderFormat(480, 854, 30, 2000), new RenderFormat(720, 1280, 30, 2000)}) {
            for (String motion : new String[] {"zoom-in", "pan-left", "still"}) {
                time("image " + motion + " (3000x2000 JPEG)", format,
                        () -> ImagePainter.open(photo, motion, format, 10_000), 300);
            }
            time("clip 1920x1080 H.264 30fps", format, () -> ClipPainter.open(clip, 0, null, format), 300);
        }
    }

    private static void time(String what, RenderFormat format, Supplier<ShotPainter> open, int frames) {
        BufferedImage target = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        for (int round = 0; round < 2; round++) {
            long opened = System.nanoTime();
            try (ShotPainter painter = open.get()) {
                long start = System.nanoTime();
                for (int n = 0; n < frames; n++) {
                    painter.paint(n, target);
                }
                long end = System.nanoTime();
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "%-34s %-10s open %6.1f ms, %5.2f ms/frame%n", what,
                            format.width() + "x" + format.height(), (start - opened) / 1e6, (end - start) / 1e6 / frames);
                }
            }
        }
    }
}
