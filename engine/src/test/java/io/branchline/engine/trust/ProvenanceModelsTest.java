package io.branchline.engine.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.Signed;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.models.DepthStyleModels;
import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.renderer.provenance.StreamSigner;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A visit's Content Credentials name the operator's depth model and style networks that painted it, by SHA-256. */
class ProvenanceModelsTest {

    @TempDir
    Path dir;

    private static ResolvedShot image(String motion, String depth, String style) {
        return new ResolvedShot("image", 1000, null, null, null, "assets/room.png", motion, null, null, null, Step.Transition.CUT,
                style, 1, null, style != null, 1, depth);
    }

    @Test
    void theModelsThatPaintAVisitAreInItsProvenance() throws Exception {
        Files.createDirectories(dir.resolve("models/depth"));
        Files.createDirectories(dir.resolve("models/styles"));
        // Provenance names files by their hash; it does not open them.
        Files.write(dir.resolve("models/depth/model.onnx"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("models/styles/mosaic.onnx"), new byte[] {4, 5, 6});
        FrameGenerator generator = new FrameGenerator() {
            @Override
            public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
                return (frame, target) -> { };
            }

            @Override
            public String modelHash() {
                return "test-generator";
            }
        };
        FrameStyler styler = new FrameStyler() {
            @Override
            public ShotStyle prepare(String stylePrompt, long seed, RenderFormat format) {
                return (frame, image) -> { };
            }

            @Override
            public String modelHash() {
                return "test-styler";
            }
        };
        try (RenderTools tools = new RenderTools(() -> generator, () -> styler, null, OptionalInt.empty(),
                DepthStyleModels.in(dir.resolve("models")))) {
            Provenance provenance = new Provenance(Signed.CREDENTIAL, tools);
            RenderFormat format = new RenderFormat(240, 426, 30, 1000);
            String depthId = "depth:" + ContentKey.sha256(new byte[] {1, 2, 3});
            String styleId = "style:mosaic:" + ContentKey.sha256(new byte[] {4, 5, 6});

            StreamSigner.Visit moving = provenance.visit("room", 0, "k1",
                    new SceneRequest(dir, format, "AI", List.of(image("pan-left", null, "Mosaic"))), "full");
            assertTrue(moving.models().contains(new StreamSigner.Model("depth", "depth/model.onnx", depthId)), moving.models().toString());
            assertTrue(moving.models().contains(new StreamSigner.Model("style", "styles/mosaic.onnx", styleId)), moving.models().toString());

            StreamSigner.Visit authored = provenance.visit("room", 1, "k2",
                    new SceneRequest(dir, format, "AI", List.of(image("pan-left", "assets/room-depth.png", null),
                            image("still", null, null))), "full");
            assertEquals(List.of(), authored.models(), "the author's depth map and a still picture use no model");
        }
    }
}
