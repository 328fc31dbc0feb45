package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.media.ImagePainter;
import io.branchline.renderer.media.ParallaxPainter;
import io.branchline.renderer.models.DepthStyleModels;
import io.branchline.renderer.neural.TinyModels;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's models folder ({@code depth/model.onnx}, {@code styles/NAME.onnx}): which shots
 * they paint, and that their identities go into the content keys of exactly those visits.
 */
class OperatorModelsTest {

    @TempDir
    Path dir;

    private Path story() throws Exception {
        Path root = dir.resolve("story");
        Files.createDirectories(root.resolve("assets"));
        ImageIO.write(room(), "png", root.resolve("assets/room.png").toFile());
        BufferedImage depth = new BufferedImage(150, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D d = depth.createGraphics();
        d.setColor(Color.WHITE);
        d.fillRect(50, 75, 50, 60);
        d.dispose();
        ImageIO.write(depth, "png", root.resolve("assets/room-depth.png").toFile());
        return root;
    }

    /** The picture of the tests: a red block in a room of a blue-to-ochre gradient. */
    private static BufferedImage room() {
        BufferedImage img = new BufferedImage(300, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(60, 90, 140), 300, 400, new Color(220, 180, 100)));
        g.fillRect(0, 0, 300, 400);
        g.setColor(new Color(200, 60, 60));
        g.fillRect(100, 150, 100, 120);
        g.dispose();
        return img;
    }

    private Path models(long depthSeed, long styleSeed) throws Exception {
        Path folder = dir.resolve("models-" + depthSeed + "-" + styleSeed);
        Files.createDirectories(folder.resolve("depth"));
        Files.createDirectories(folder.resolve("styles"));
        Files.write(folder.resolve("depth/model.onnx"), TinyModels.depth(depthSeed, 64, 1, 0));
        Files.write(folder.resolve("styles/mosaic.onnx"), TinyModels.style(styleSeed, 224, 1, 0));
        Files.writeString(folder.resolve("styles/readme.txt"), "not a model");
        return folder;
    }

    private static ResolvedShot image(String motion, String depth, String style) {
        return new ResolvedShot("image", 1000, null, null, null, "assets/room.png", motion, null, null, null, Step.Transition.CUT,
                style, 1, null, style != null, 1, depth);
    }

    private static RenderTools tools(DepthStyleModels models) {
        RenderTools flat = Renders.flatTools();
        return new RenderTools(flat::generator, flat::styler, null, OptionalInt.empty(), models);
    }

    private static String key(Path root, RenderTools tools, ResolvedShot... shots) {
        return ContentKey.of(new SceneRequest(root, Renders.SMALL, "AI-generated", List.of(shots)), tools);
    }

    @Test
    void theFolderListsItsDepthModelAndStylesByName() throws Exception {
        DepthStyleModels models = DepthStyleModels.in(models(1, 1));
        assertTrue(models.hasDepth());
        assertEquals(List.of("mosaic"), List.copyOf(models.styleFiles().keySet()));
        assertEquals("mosaic", models.styleName(" Mosaic ").orElseThrow(), "a story's style names it in any case");
        assertTrue(models.styleName("mosaic tiles, warm").isEmpty(), "a style prompt is not a style's name");
        assertFalse(DepthStyleModels.NONE.hasDepth());
    }

    @Test
    void theAuthorsDepthMapWinsThenTheModelThenThePlainMove() throws Exception {
        Path root = story();
        SceneRequest request = new SceneRequest(root, Renders.SMALL, "AI-generated", List.of());
        try (RenderTools withModel = tools(DepthStyleModels.in(models(1, 1))); RenderTools without = tools(DepthStyleModels.NONE)) {
            try (ShotPainter p = ShotPainters.image(image("pan-left", "assets/room-depth.png", null), request, without, Renders.SMALL)) {
                assertTrue(p instanceof ParallaxPainter, "the author's depth map, without any model");
            }
            try (ShotPainter p = ShotPainters.image(image("pan-left", null, null), request, withModel, Renders.SMALL)) {
                assertTrue(p instanceof ParallaxPainter, "the operator's depth model");
            }
            try (ShotPainter p = ShotPainters.image(image("pan-left", null, null), request, without, Renders.SMALL)) {
                assertTrue(p instanceof ImagePainter, "neither: the plain move");
            }
            try (ShotPainter p = ShotPainters.image(image("still", "assets/room-depth.png", null), request, withModel, Renders.SMALL)) {
                assertTrue(p instanceof ImagePainter, "a still picture needs no depth");
            }
        }
    }

    @Test
    void contentKeysHoldTheModelsThatPaintTheVisitAndNoOthers() throws Exception {
        Path root = story();
        try (RenderTools none = tools(DepthStyleModels.NONE);
             RenderTools a = tools(DepthStyleModels.in(models(1, 1)));
             RenderTools otherDepth = tools(DepthStyleModels.in(models(2, 1)));
             RenderTools otherStyle = tools(DepthStyleModels.in(models(1, 2)))) {
            ResolvedShot moving = image("pan-left", null, null);
            assertNotEquals(key(root, none, moving), key(root, a, moving), "the depth model paints a moving image");
            assertNotEquals(key(root, a, moving), key(root, otherDepth, moving), "another depth model, another key");
            assertEquals(key(root, a, moving), key(root, otherStyle, moving), "styles do not touch an unstyled visit");

            ResolvedShot still = image("still", null, null);
            assertEquals(key(root, none, still), key(root, a, still), "a still image is not painted by the model");
            ResolvedShot authored = image("pan-left", "assets/room-depth.png", null);
            assertEquals(key(root, none, authored), key(root, a, authored), "the author's depth map is used, not the model");
            assertNotEquals(key(root, none, authored), key(root, none, moving), "the depth map is part of the key");
            String before = key(root, none, authored);
            BufferedImage changed = new BufferedImage(150, 200, BufferedImage.TYPE_INT_RGB);
            changed.setRGB(3, 3, 0xFFFFFF);
            ImageIO.write(changed, "png", root.resolve("assets/room-depth.png").toFile());
            Files.setLastModifiedTime(root.resolve("assets/room-depth.png"), java.nio.file.attribute.FileTime.fromMillis(12345));
            assertNotEquals(before, key(root, none, authored), "a changed depth map, another key");

            ResolvedShot styled = image("still", null, "Mosaic");
            assertNotEquals(key(root, none, styled), key(root, a, styled), "the style network paints a styled shot");
            assertNotEquals(key(root, a, styled), key(root, otherStyle, styled), "another network, another key");
            ResolvedShot prompted = image("still", null, "ink wash, muted");
            assertEquals(key(root, none, prompted), key(root, a, prompted), "a style no network answers to is the default styler's");
        }
    }

    @Test
    void aStyleNetworkPaintsTheShotsThatNameIt() throws Exception {
        Path root = story();
        try (RenderTools tools = tools(DepthStyleModels.in(models(1, 1)))) {
            List<BufferedImage> styled = frames(root, tools, image("still", null, "mosaic"));
            List<BufferedImage> plain = frames(root, tools, image("still", null, "ink wash"));
            double[] a = Renders.mean(styled.get(5), 0, 60, 240, 300);
            double[] b = Renders.mean(plain.get(5), 0, 60, 240, 300);
            double difference = Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
            assertTrue(difference > 20, "the network restyled the picture: " + java.util.Arrays.toString(a) + " vs "
                    + java.util.Arrays.toString(b));
        }
    }

    /** A generator that makes each shot from one keyframe, as SD-Turbo does: the room picture. */
    private static final class KeyframeGenerator implements io.branchline.renderer.neural.FrameGenerator {
        @Override
        public boolean makesKeyframes() {
            return true;
        }

        @Override
        public BufferedImage keyframe(String prompt, long seed) {
            return room();
        }

        @Override
        public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
            return ImagePainter.of(keyframe(prompt, seed), io.branchline.renderer.media.ImageMotion.DEFAULT, format, durationMs,
                    "keyframe");
        }

        @Override
        public String modelHash() {
            return "keyframes-for-tests";
        }
    }

    @Test
    void aGeneratorsKeyframesMoveIn25dWithTheDepthModelAndTheirKeysSaySo() throws Exception {
        Path root = story();
        RenderTools flat = Renders.flatTools();
        ResolvedShot generated = Renders.generate("a harbour at dusk", 1000);
        try (RenderTools keyframesWithDepth = new RenderTools(KeyframeGenerator::new, flat::styler, null, OptionalInt.empty(),
                DepthStyleModels.in(models(1, 1)));
             RenderTools keyframesOnly = new RenderTools(KeyframeGenerator::new, flat::styler, null, OptionalInt.empty(),
                     DepthStyleModels.NONE);
             RenderTools fieldsWithDepth = tools(DepthStyleModels.in(models(1, 1)))) {
            try (ShotPainter p = ShotPainters.generate(generated, keyframesWithDepth, Renders.SMALL)) {
                assertTrue(p instanceof ParallaxPainter, "a keyframe with the operator's depth model moves in 2.5D");
            }
            try (ShotPainter p = ShotPainters.generate(generated, keyframesOnly, Renders.SMALL)) {
                assertTrue(p instanceof ImagePainter, "without a depth model, the generator's own move");
            }
            assertTrue(ShotPainters.paintedWithDepthModel(generated, keyframesWithDepth));
            assertFalse(ShotPainters.paintedWithDepthModel(generated, fieldsWithDepth), "a generator of moving fields has no keyframe to move");
            assertNotEquals(key(root, keyframesOnly, generated), key(root, keyframesWithDepth, generated),
                    "the depth model that moves the keyframe is in the key");
            assertEquals(key(root, flat, generated), key(root, fieldsWithDepth, generated),
                    "a depth model that paints nothing leaves the key alone");
            List<BufferedImage> moved = frames(root, keyframesWithDepth, generated);
            assertEquals(30, moved.size());
        }
    }

    private List<BufferedImage> frames(Path root, RenderTools tools, ResolvedShot shot) throws Exception {
        Renders.Output out = Renders.render(root, Renders.SMALL, List.of(shot), tools);
        Path file = Files.createTempFile(dir, "visit", ".mp4");
        Files.write(file, out.joined());
        return Renders.frames(file);
    }
}
