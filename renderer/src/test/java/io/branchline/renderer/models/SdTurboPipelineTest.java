package io.branchline.renderer.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Type;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SD-Turbo pipeline end to end through ONNX Runtime, on small exports with the real signatures. */
class SdTurboPipelineTest {

    static final int SIDE = 64;

    @TempDir
    Path dir;

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void makesAPictureOfTheModelsSizeWithVariedPixels() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 1);
        try (SdTurboPipeline pipeline = SdTurboPipeline.open(new SdTurboExport(dir), SIDE)) {
            BufferedImage picture = pipeline.picture("a lighthouse on a cliff at night", 42, 1);
            assertEquals(SIDE, picture.getWidth());
            assertEquals(SIDE, picture.getHeight());
            int[] rgb = pixels(picture);
            Set<Integer> levels = new HashSet<>();
            for (int p : rgb) {
                levels.add((p >> 16) & 0xFF);
                levels.add(p & 0xFF);
            }
            // Pixels are 0..255 by construction; the picture must not be flat or pinned at an end.
            assertTrue(levels.size() > 20, "only " + levels.size() + " levels");
        }
    }

    @Test
    void theSameSeedGivesTheSamePictureAndAnotherSeedAnother() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 2);
        SdTurboExport export = new SdTurboExport(dir);
        int[] first;
        int[] again;
        int[] otherSeed;
        int[] otherPrompt;
        try (SdTurboPipeline pipeline = SdTurboPipeline.open(export, SIDE)) {
            first = pixels(pipeline.picture("fog over a harbour", 7, 1));
            otherSeed = pixels(pipeline.picture("fog over a harbour", 8, 1));
            otherPrompt = pixels(pipeline.picture("a red kite over hills", 7, 1));
        }
        try (SdTurboPipeline pipeline = SdTurboPipeline.open(export, SIDE)) {
            again = pixels(pipeline.picture("fog over a harbour", 7, 1));
        }
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, otherSeed));
        assertFalse(Arrays.equals(first, otherPrompt));
    }

    @Test
    void runsOneToFourStepsDeterministically() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 3);
        try (SdTurboPipeline pipeline = SdTurboPipeline.open(new SdTurboExport(dir), SIDE)) {
            int[] one = pixels(pipeline.picture("waves on black rocks", 5, 1));
            for (int steps = 2; steps <= 4; steps++) {
                int[] many = pixels(pipeline.picture("waves on black rocks", 5, steps));
                assertArrayEquals(many, pixels(pipeline.picture("waves on black rocks", 5, steps)), steps + " steps");
                assertFalse(Arrays.equals(one, many), steps + " steps give the one-step picture");
            }
            assertThrows(IllegalArgumentException.class, () -> pipeline.picture("x", 1, 5));
        }
    }

    @Test
    void takesInt32IdsAndAFloatTimestep() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY.withTypes(Type.INT32, Type.FLOAT), 4);
        try (SdTurboPipeline pipeline = SdTurboPipeline.open(new SdTurboExport(dir), SIDE)) {
            assertEquals(SIDE, pipeline.picture("sunflowers", 1, 2).getWidth());
        }
    }

    @Test
    void aGeneratedShotIsTheKeyframeMovingOverTheStorysFrame() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 5);
        RenderFormat format = new RenderFormat(72, 128, 30, 2000);
        int[] first;
        int[] last;
        try (SdTurboGenerator generator = new SdTurboGenerator(SdTurboPipeline.open(new SdTurboExport(dir), SIDE), 1);
             ShotPainter shot = generator.prepare("a neon street in the rain", 99, format, 2000)) {
            BufferedImage frame = new BufferedImage(72, 128, BufferedImage.TYPE_INT_RGB);
            shot.paint(0, frame);
            first = pixels(frame);
            shot.paint(59, frame);
            last = pixels(frame);
            assertTrue(generator.name().startsWith("SD-Turbo"));
            assertTrue(generator.modelHash().startsWith("sd-turbo-1step-"), generator.modelHash());
            assertTrue(generator.keyframe("a neon street in the rain", 99) == generator.keyframe("a neon street in the rain", 99),
                    "a keyframe is made once");
        }
        assertFalse(Arrays.equals(first, last), "the camera moves over the keyframe");
        assertTrue(Arrays.stream(first).distinct().count() > 20);
    }

    @Test
    void theModelHashFollowsTheExportsFiles() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 6);
        String before;
        try (SdTurboGenerator generator = new SdTurboGenerator(SdTurboPipeline.open(new SdTurboExport(dir), SIDE), 1)) {
            before = generator.modelHash();
        }
        TinySdTurbo.put(dir, "unet", TinySdTurbo.unet(TinySdTurbo.Shape.TINY, new SplittableRandom(77)));
        try (SdTurboGenerator generator = new SdTurboGenerator(SdTurboPipeline.open(new SdTurboExport(dir), SIDE), 1)) {
            assertNotEquals(before, generator.modelHash());
        }
        try (SdTurboGenerator generator = new SdTurboGenerator(SdTurboPipeline.open(new SdTurboExport(dir), SIDE), 2)) {
            assertTrue(generator.modelHash().startsWith("sd-turbo-2step-"));
        }
    }

    @Test
    void aUnetWhoseSampleHasTheWrongRankIsRefusedNamingTheTensor() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 7);
        OnnxGraph g = new OnnxGraph("unet");
        Value sample = g.input("sample", "batch", 4, "height");
        g.typedInput("timestep", Type.INT64, "steps");
        g.input("encoder_hidden_states", "batch", 77, 16);
        g.output("out_sample", g.tanh(sample), "batch", 4, "height");
        TinySdTurbo.put(dir, "unet", g.toModel());
        RenderException e = assertThrows(RenderException.class, () -> SdTurboPipeline.open(new SdTurboExport(dir), SIDE));
        assertTrue(e.getMessage().contains("input \"sample\" has rank 3"), e.getMessage());
        assertTrue(e.getMessage().contains("unet"), e.getMessage());
    }

    @Test
    void aDecoderWithTheWrongOutputNameIsRefusedNamingTheTensor() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 8);
        OnnxGraph g = new OnnxGraph("vae_decoder");
        Value latents = g.input("latent_sample", "batch", 4, "h", "w");
        g.output("image", g.tanh(latents), "batch", 4, "h", "w");
        TinySdTurbo.put(dir, "vae_decoder", g.toModel());
        RenderException e = assertThrows(RenderException.class, () -> SdTurboPipeline.open(new SdTurboExport(dir), SIDE));
        assertTrue(e.getMessage().contains("output \"sample\" is missing"), e.getMessage());
    }

    @Test
    void aTextEncoderOfAnotherWidthThanTheUnetIsRefused() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 9);
        TinySdTurbo.Shape wide = new TinySdTurbo.Shape(24, Type.INT64, Type.INT64, 4, 0, 4);
        TinySdTurbo.put(dir, "text_encoder", TinySdTurbo.textEncoder(wide, ClipTokenizerTest.VOCAB.size(), new SplittableRandom(1)));
        RenderException e = assertThrows(RenderException.class, () -> SdTurboPipeline.open(new SdTurboExport(dir), SIDE));
        assertTrue(e.getMessage().contains("encoder_hidden_states") && e.getMessage().contains("last_hidden_state"), e.getMessage());
    }

    @Test
    void anIncompleteExportNamesWhatIsMissing() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 10);
        Files.delete(dir.resolve("tokenizer").resolve("merges.txt"));
        RenderException e = assertThrows(RenderException.class, () -> SdTurboPipeline.open(new SdTurboExport(dir), SIDE));
        assertTrue(e.getMessage().contains("tokenizer/merges.txt is missing"), e.getMessage());
    }
}
