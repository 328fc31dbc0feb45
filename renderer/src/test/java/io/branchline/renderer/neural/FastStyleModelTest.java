package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Fast-neural-style networks of the model zoo's form, run through ONNX Runtime on tiny stand-ins. */
class FastStyleModelTest {

    private static final RenderFormat FORMAT = new RenderFormat(240, 426, 30, 1000);

    private static BufferedImage frame() {
        BufferedImage img = new BufferedImage(240, 426, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(20, 60, 200), 240, 426, new java.awt.Color(250, 220, 90)));
        g.fillRect(0, 0, 240, 426);
        g.dispose();
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void aStyleNetworkRestylesEveryFrameTheSameWay() {
        byte[] bytes = TinyModels.style(7, FastStyleModel.ZOO_SIZE, 2, 8);
        int[] first;
        try (FastStyleModel model = FastStyleModel.open("mosaic", bytes, "mosaic.onnx")) {
            BufferedImage a = frame();
            FrameStyler.ShotStyle style = model.shotStyle(FORMAT);
            style.apply(0, a);
            first = pixels(a);
            assertFalse(java.util.Arrays.equals(first, pixels(frame())), "the frame is restyled");
            BufferedImage b = frame();
            style.apply(1, b);
            assertArrayEquals(first, pixels(b), "the same frame gives the same pixels");
            assertTrue(model.identity().startsWith("style:mosaic:" + io.branchline.renderer.ContentKey.sha256(bytes)), model.identity());
        }
        try (FastStyleModel again = FastStyleModel.open("mosaic", bytes, "mosaic.onnx")) {
            BufferedImage c = frame();
            again.apply(c);
            assertArrayEquals(first, pixels(c), "and so does another session");
        }
    }

    @Test
    void aWronglyShapedExportIsRefusedNamingTheTensor() {
        RenderException name = assertThrows(RenderException.class,
                () -> FastStyleModel.open("candy", TinyModels.renamed("input1", "output", 4), "candy.onnx"));
        assertTrue(name.getMessage().contains("candy.onnx") && name.getMessage().contains("output \"output1\" is missing"),
                name.getMessage());
        RenderException rank = assertThrows(RenderException.class,
                () -> FastStyleModel.open("candy", TinyModels.renamed("input1", "output1", 3), "candy.onnx"));
        assertTrue(rank.getMessage().contains("output \"output1\" has rank 3"), rank.getMessage());
        RenderException depth = assertThrows(RenderException.class,
                () -> FastStyleModel.open("candy", TinyModels.depth(1, 0, 1, 0), "depth.onnx"));
        assertTrue(depth.getMessage().contains("input \"input1\" is missing"), depth.getMessage());
        assertTrue(depth.getMessage().contains("\"pixel_values\" is not one this backend feeds")
                && depth.getMessage().contains("output \"output1\" is missing"), "every difference is listed: " + depth.getMessage());
    }
}
