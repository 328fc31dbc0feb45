package io.branchline.renderer.neural;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.media.DepthMap;
import io.branchline.renderer.media.ImageMotion;
import io.branchline.renderer.media.ImagePainter;
import io.branchline.renderer.media.Parallax;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Milliseconds per run of the depth backend, per frame of the 2.5D move and per frame of the style
 * backend, on the CPU (one ONNX Runtime thread a session, as the renderer runs them). The models
 * are built here with the real exports' inputs and outputs: a tiny one, and one of the real
 * network's size where that can be built (the style network); the depth stand-in is smaller than
 * Depth-Anything-V2-small (see docs/benchmarks.md). Not a test: run it by hand on a quiet machine,
 * from the repository root:
 * <pre>
 * mvn -B -o -q -pl renderer -am test-compile
 * mvn -B -o -q -pl renderer dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp renderer/target/test-classes:renderer/target/classes:story-dsl/target/classes:$(cat /tmp/cp.txt) \
 *     io.branchline.renderer.neural.ModelsBenchmark [folder to write sample frames to]
 * </pre>
 */
public final class ModelsBenchmark {

    public static void main(String[] args) throws Exception {
        RenderFormat format = new RenderFormat(480, 854, 30, 2000);
        BufferedImage photo = photo(3000, 2000);
        System.out.printf(Locale.ROOT, "load average %.2f, %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        // Depth: a tiny export and a larger stand-in, open-sized: 784x518 for the 3:2 photo, as Depth-Anything-V2 is fed.
        DepthMap depth = null;
        for (Object[] model : new Object[][] {{"tiny (1 conv)", TinyModels.depth(1, 0, 1, 0)},
                {"stand-in (6 convs, 32 ch, half size)", TinyModels.depth(1, 0, 6, 32)}}) {
            try (DepthModel m = DepthModel.open((byte[]) model[1], "bench")) {
                depth = m.estimate(photo);
                int runs = 5;
                long start = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    depth = m.estimate(photo);
                }
                System.out.printf(Locale.ROOT, "depth %-38s 784x518 from 3000x2000: %8.1f ms a picture%n", model[0],
                        (System.nanoTime() - start) / 1e6 / runs);
            }
        }

        // The 2.5D move against the plain one, from the 3000x2000 photo with a depth map of its own shape.
        DepthMap photoDepth = photoDepth(3000, 2000);
        Path dir = Files.createTempDirectory("parallax-bench");
        Path file = dir.resolve("photo.png");
        ImageIO.write(photo, "png", file.toFile());
        int frames = 150;
        // The machine is shared: each figure is the best of three timed rounds after a warming one.
        for (ImageMotion motion : new ImageMotion[] {ImageMotion.PAN_LEFT, ImageMotion.ZOOM_IN}) {
            double best = Double.MAX_VALUE;
            double prepare = 0;
            for (int round = 0; round < 4; round++) {
                long opened = System.nanoTime();
                Parallax p = new Parallax(photo, photoDepth, motion, format.width(), format.height());
                int[] out = new int[format.width() * format.height()];
                long start = System.nanoTime();
                for (int n = 0; n < frames; n++) {
                    p.render((double) n / (frames - 1), out);
                }
                long end = System.nanoTime();
                if (round > 0 && (end - start) / 1e6 / frames < best) {
                    best = (end - start) / 1e6 / frames;
                    prepare = (start - opened) / 1e6;
                }
                if (args.length > 0 && round == 1) {
                    for (double t : new double[] {0, 0.5, 1}) {
                        BufferedImage f = Parallax.frame(photo, photoDepth, motion, t, format.width(), format.height());
                        ImageIO.write(f, "png", Path.of(args[0], "parallax-" + motion + "-" + t + ".png").toFile());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "parallax %-9s 480x854: prepare %6.1f ms, %6.2f ms/frame%n", motion, prepare, best);
            BufferedImage target = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
            double plainBest = Double.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                try (ShotPainter plain = ImagePainter.open(file, motion, format, frames * 1000L / 30)) {
                    long start = System.nanoTime();
                    for (int n = 0; n < frames; n++) {
                        plain.paint(n, target);
                    }
                    if (round > 0) {
                        plainBest = Math.min(plainBest, (System.nanoTime() - start) / 1e6 / frames);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "plain    %-9s 480x854: %6.2f ms/frame (for comparison)%n", motion, plainBest);
        }

        // Style: the zoo's 224x224 form, a tiny network and one of the real network's size.
        BufferedImage frame = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        for (Object[] model : new Object[][] {{"tiny (2 convs, 8 ch)", TinyModels.style(1, 224, 2, 8)},
                {"zoo-sized (Johnson et al.)", TinyModels.zooSizedStyle(1)}}) {
            try (FastStyleModel m = FastStyleModel.open("bench", (byte[]) model[1], "bench")) {
                int runs = 20;
                for (int i = 0; i < 3; i++) {
                    frame.getGraphics().drawImage(photo, 0, 0, 480, 854, null);
                    m.apply(frame);
                }
                long total = 0;
                for (int i = 0; i < runs; i++) {
                    frame.getGraphics().drawImage(photo, 0, 0, 480, 854, null);
                    long start = System.nanoTime();
                    m.apply(frame);
                    total += System.nanoTime() - start;
                }
                System.out.printf(Locale.ROOT, "style %-28s 224x224 for 480x854: %8.1f ms/frame%n", model[0], total / 1e6 / runs);
            }
        }
        System.out.printf(Locale.ROOT, "load average %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** A photo-like picture: a sky gradient, hills and a near post. */
    static BufferedImage photo(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(120, 160, 220), 0, h / 2f, new Color(230, 210, 190)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(70, 110, 70));
        g.fillOval(-w / 4, h / 2, w, h);
        g.setColor(new Color(50, 80, 50));
        g.fillOval(w / 2, h * 2 / 3, w, h);
        g.setColor(new Color(110, 70, 40));
        g.fillRect(w * 3 / 5, h / 4, w / 20, h);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color((i * 37) % 255, (i * 91) % 255, (i * 53) % 255));
            g.fillRect((i * 7919) % w, h / 2 + (i * 104729) % (h / 2), 6, 6);
        }
        g.dispose();
        return img;
    }

    /** The photo's depth: the sky far, the hills nearer toward the bottom, the post nearest. */
    static DepthMap photoDepth(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, h / 2f, new Color(40, 40, 40), 0, h, new Color(170, 170, 170)));
        g.fillRect(0, h / 2, w, h / 2);
        g.setColor(Color.WHITE);
        g.fillRect(w * 3 / 5, h / 4, w / 20, h);
        g.dispose();
        return DepthMap.fromPicture(img);
    }
}
