package io.branchline.renderer;

import static io.branchline.renderer.neural.Frames.difference;
import static io.branchline.renderer.neural.Frames.pixels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.models.SdTurboExport;
import io.branchline.renderer.models.SdTurboGenerator;
import io.branchline.renderer.models.SdTurboPipeline;
import io.branchline.renderer.models.TinySdTurbo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scene with a generated shot rendered with an SD-Turbo export, decoded back with ffmpeg. */
class SdTurboShotsTest {

    @TempDir
    Path dir;

    @Test
    void theDecodedVideoShowsTheKeyframeAndItsKeyNamesTheExport() throws IOException {
        TinySdTurbo.write(dir.resolve("models"), TinySdTurbo.Shape.TINY, 11);
        SdTurboGenerator generator = new SdTurboGenerator(SdTurboPipeline.open(new SdTurboExport(dir.resolve("models")), 64), 1);
        RenderTools flat = Renders.flatTools();
        try (RenderTools tools = new RenderTools(() -> generator, flat::styler)) {
            Renders.Output out = Renders.render(Renders.SMALL, List.of(Renders.generate("a lighthouse at night", 1000)), tools);
            List<BufferedImage> frames = Renders.frames(Renders.write(dir, "scene.mp4", out.joined()));
            assertEquals(30, frames.size());
            // What the shot's painter draws for frame 0, against what came back through x264 and ffmpeg.
            BufferedImage expected = new BufferedImage(Renders.SMALL.width(), Renders.SMALL.height(), BufferedImage.TYPE_INT_RGB);
            try (ShotPainter painter = generator.prepare("a lighthouse at night", 7L, Renders.SMALL, 1000)) {
                painter.paint(0, expected);
            }
            int[] want = pixels(expected);
            int[] got = pixels(frames.get(0));
            // Only the lower part: the disclosure label sits on top of generated frames.
            int from = want.length / 2;
            double diff = difference(java.util.Arrays.copyOfRange(want, from, want.length), java.util.Arrays.copyOfRange(got, from, got.length));
            assertTrue(diff < 6, "decoded frame differs from the keyframe by " + diff + " levels");
            BufferedImage otherSeed = new BufferedImage(Renders.SMALL.width(), Renders.SMALL.height(), BufferedImage.TYPE_INT_RGB);
            try (ShotPainter painter = generator.prepare("a lighthouse at night", 8L, Renders.SMALL, 1000)) {
                painter.paint(0, otherSeed);
            }
            int[] other = pixels(otherSeed);
            double unrelated = difference(java.util.Arrays.copyOfRange(other, from, other.length), java.util.Arrays.copyOfRange(got, from, got.length));
            assertTrue(unrelated > 3 * diff && unrelated > 10, "another seed's keyframe is as close: " + unrelated + " against " + diff);
            SceneRequest request = new SceneRequest(dir, Renders.SMALL, "x", List.of(Renders.generate("a lighthouse at night", 1000)));
            org.junit.jupiter.api.Assertions.assertNotEquals(ContentKey.of(request, flat), ContentKey.of(request, tools));
            assertTrue(generator.modelHash().contains(new SdTurboExport(dir.resolve("models")).identity()));
        }
    }
}
