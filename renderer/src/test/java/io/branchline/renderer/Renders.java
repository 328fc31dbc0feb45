package io.branchline.renderer;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Helpers for renderer tests: shots, a render kept in memory, and decoding frames back. */
final class Renders {

    static final RenderFormat SMALL = new RenderFormat(240, 426, 30, 1000);

    /** A scene rendered into memory. */
    record Output(byte[] init, List<EncodedSegment> segments, RenderedScene scene) {
        byte[] joined() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(init);
            segments.forEach(s -> b.writeBytes(s.bytes()));
            return b.toByteArray();
        }
    }

    private Renders() {
    }

    static ResolvedShot color(String hex, long ms) {
        return shot("color", ms, null, null, hex, null, Step.Transition.CUT, null, false);
    }

    static ResolvedShot title(String text, long ms) {
        return shot("title", ms, null, text, null, null, Step.Transition.CUT, null, false);
    }

    static ResolvedShot generate(String prompt, long ms) {
        return shot("generate", ms, prompt, null, null, null, Step.Transition.CUT, null, true);
    }

    static ResolvedShot shot(String kind, long ms, String prompt, String text, String color, String caption, Step.Transition transition,
                             String style, boolean disclosed) {
        return new ResolvedShot(kind, ms, prompt, text, color, null, null, null, null, caption, transition, style, 7L, null, disclosed, 1);
    }

    static ResolvedShot withCaption(ResolvedShot s, String caption) {
        return new ResolvedShot(s.kind(), s.durationMs(), s.prompt(), s.text(), s.color(), s.path(), s.motion(), s.fromMs(), s.toMs(),
                caption, s.transition(), s.style(), s.seed(), s.audio(), s.disclosed(), s.line());
    }

    static ResolvedShot withTransition(ResolvedShot s, String kind, long ms) {
        return new ResolvedShot(s.kind(), s.durationMs(), s.prompt(), s.text(), s.color(), s.path(), s.motion(), s.fromMs(), s.toMs(),
                s.caption(), new Step.Transition(kind, ms), s.style(), s.seed(), s.audio(), s.disclosed(), s.line());
    }

    /** Tools whose generator paints a flat colour derived from the prompt: enough to test the renderer around it. */
    static RenderTools flatTools() {
        FrameGenerator generator = new FrameGenerator() {
            @Override
            public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
                int rgb = (prompt.hashCode() & 0x7F7F7F) | 0x202020;
                return (frame, target) -> java.util.Arrays.fill(
                        ((java.awt.image.DataBufferInt) target.getRaster().getDataBuffer()).getData(), rgb);
            }

            @Override
            public String modelHash() {
                return "flat-test-generator";
            }
        };
        FrameStyler styler = new FrameStyler() {
            @Override
            public ShotStyle prepare(String stylePrompt, long seed, RenderFormat format) {
                return (frame, image) -> { };
            }

            @Override
            public String modelHash() {
                return "no-op-test-styler";
            }
        };
        return new RenderTools(() -> generator, () -> styler);
    }

    static Output render(RenderFormat format, List<ResolvedShot> shots) {
        return render(format, shots, flatTools());
    }

    static Output render(RenderFormat format, List<ResolvedShot> shots, RenderTools tools) {
        return render(Path.of("."), format, shots, tools);
    }

    /** A render whose assets are found under {@code root}. */
    static Output render(Path root, RenderFormat format, List<ResolvedShot> shots, RenderTools tools) {
        return render(new SceneRequest(root, format, "AI-generated", shots), tools, RenderTier.FULL);
    }

    /** A request rendered at {@code tier}, kept in memory. */
    static Output render(SceneRequest request, RenderTools tools, RenderTier tier) {
        Collected collected = new Collected();
        RenderedScene scene = new SceneRenderer(tools).render(request, tier.key(ContentKey.of(request, tools)), collected,
                RenderCancel.NEVER, tier);
        return collected.output(scene);
    }

    /** A sink that keeps the init segment and every media segment it is given. */
    static final class Collected implements SegmentSink {
        byte[] init;
        final List<EncodedSegment> segments = new ArrayList<>();

        @Override
        public void init(byte[] bytes) {
            init = bytes;
        }

        @Override
        public void segment(EncodedSegment segment) {
            segments.add(segment);
        }

        Output output(RenderedScene scene) {
            return new Output(init, segments, scene);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Decodes every video frame of a file. */
    static List<BufferedImage> frames(Path file) throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                BufferedImage img = converter.convert(f);
                BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
                copy.getGraphics().drawImage(img, 0, 0, null);
                frames.add(copy);
            }
            grabber.stop();
        }
        return frames;
    }

    /**
     * The picture a player shows at each of {@code frames} frame times at {@code fps}: every
     * decoded picture from its time until the next one's, so a picture held for several frame
     * times (a draft's, whose repeated frames are not encoded) is counted at each of them.
     */
    static List<BufferedImage> shown(Path file, int fps, int frames) throws IOException {
        List<BufferedImage> shown = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame f;
            BufferedImage last = null;
            while ((f = grabber.grabImage()) != null) {
                int at = (int) Math.round(f.timestamp * fps / 1e6);
                while (last != null && shown.size() < Math.min(at, frames)) {
                    shown.add(last);
                }
                BufferedImage img = converter.convert(f);
                last = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
                last.getGraphics().drawImage(img, 0, 0, null);
            }
            while (last != null && shown.size() < frames) {
                shown.add(last);
            }
            grabber.stop();
        }
        return shown;
    }

    /** Mean colour of a rectangle, as {r, g, b}. */
    static double[] mean(BufferedImage img, int x, int y, int w, int h) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int p = img.getRGB(i, j);
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
        }
        int n = w * h;
        return new double[] {r / n, g / n, b / n};
    }
}
