package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.media.DepthMap;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The depth backend on tiny models of Depth-Anything-V2's form, run through ONNX Runtime. */
class DepthModelTest {

    static BufferedImage picture() {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(40, 90, 160), 96, 64, new Color(230, 200, 120)));
        g.fillRect(0, 0, 96, 64);
        g.setColor(new Color(200, 40, 40));
        g.fillOval(30, 20, 30, 30);
        g.dispose();
        return img;
    }

    private static float[] values(DepthMap map) {
        float[] out = new float[map.width() * map.height()];
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                out[y * map.width() + x] = map.at(x, y);
            }
        }
        return out;
    }

    @Test
    void anOpenSizedExportRunsAtDepthAnythingsSizeAndGivesANormalisedMap() {
        try (DepthModel model = DepthModel.open(TinyModels.depth(1, 0, 1, 0), "tiny-depth.onnx")) {
            // As Depth-Anything-V2's processor: the shorter side 518, the longer in proportion, multiples of 14.
            assertArrayEquals(new int[] {784, 518}, model.inputSize(96, 64), "3:2 → 777 rounded to 784 = 56 × 14");
            assertArrayEquals(new int[] {518, 924}, model.inputSize(480, 854), "9:16 → 921 rounded to 924 = 66 × 14");
            DepthMap map = model.estimate(picture());
            assertEquals(784, map.width());
            assertEquals(518, map.height());
            float[] v = values(map);
            float min = 1;
            float max = 0;
            for (float f : v) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            assertEquals(0f, min, "the farthest point is 0");
            assertEquals(1f, max, "the nearest point is 1");
            assertTrue(model.identity().startsWith("depth:") && model.identity().contains(":CPU"), model.identity());
        }
    }

    @Test
    void aFixedSizeExportIsFedAtItsOwnSize() {
        try (DepthModel model = DepthModel.open(TinyModels.depth(2, 64, 3, 8), "tiny-midas.onnx")) {
            assertArrayEquals(new int[] {64, 64}, model.inputSize(96, 64));
            DepthMap map = model.estimate(picture());
            assertEquals(64, map.width());
            assertEquals(64, map.height());
        }
    }

    @Test
    void theSamePictureGivesTheSameMapInEverySession() {
        byte[] bytes = TinyModels.depth(3, 0, 3, 8);
        float[] first;
        try (DepthModel model = DepthModel.open(bytes, "a")) {
            first = values(model.estimate(picture()));
            assertArrayEquals(first, values(model.estimate(picture())));
        }
        try (DepthModel again = DepthModel.open(bytes, "b")) {
            assertArrayEquals(first, values(again.estimate(picture())));
        }
        try (DepthModel other = DepthModel.open(TinyModels.depth(4, 0, 3, 8), "c")) {
            assertTrue(!java.util.Arrays.equals(first, values(other.estimate(picture()))), "other weights, another map");
        }
    }

    @Test
    void picturesAreNormalisedWithImageNetsMeanAndDeviation() {
        BufferedImage white = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        white.setRGB(0, 0, 4, 4, new int[] {
                0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF,
                0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF}, 0, 4);
        float[] planes = DepthModel.normalised(white, 2, 2);
        assertEquals((1 - 0.485f) / 0.229f, planes[0], 1e-5f, "red: (1 - 0.485) / 0.229");
        assertEquals((1 - 0.456f) / 0.224f, planes[4], 1e-5f, "green, the second plane");
        assertEquals((1 - 0.406f) / 0.225f, planes[8], 1e-5f, "blue, the third plane");
        float[] black = DepthModel.normalised(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), 2, 2);
        assertEquals(-0.485f / 0.229f, black[0], 1e-5f);
    }

    @Test
    void aWronglyShapedExportIsRefusedNamingTheTensor() {
        RenderException input = assertThrows(RenderException.class,
                () -> DepthModel.open(TinyModels.renamed("image", "predicted_depth", 3), "wrong-input.onnx"));
        assertTrue(input.getMessage().contains("wrong-input.onnx") && input.getMessage().contains("\"pixel_values\" is missing"),
                input.getMessage());
        RenderException rank = assertThrows(RenderException.class,
                () -> DepthModel.open(TinyModels.renamed("pixel_values", "predicted_depth", 4), "rank-4.onnx"));
        assertTrue(rank.getMessage().contains("output \"predicted_depth\" has rank 4"), rank.getMessage());
        RenderException style = assertThrows(RenderException.class,
                () -> DepthModel.open(TinyModels.style(1, 224, 1, 3), "a-style.onnx"));
        assertTrue(style.getMessage().contains("\"pixel_values\" is missing") && style.getMessage().contains("\"predicted_depth\""),
                style.getMessage());
    }
}
