package io.branchline.renderer.neural;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/** Reads and writes the packed RGB pixels of a frame, in place where the image allows it. */
final class Pixels {

    private Pixels() {
    }

    /**
     * The array behind a plain {@code TYPE_INT_RGB} image (one int per pixel, row after row,
     * no padding), or {@code null} for any other image, which then goes through
     * {@link #read} and {@link #write}.
     */
    static int[] backing(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        if (image.getType() != BufferedImage.TYPE_INT_RGB
                || !(raster.getDataBuffer() instanceof DataBufferInt buffer)
                || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || model.getScanlineStride() != image.getWidth()
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || buffer.getOffset() != 0 || buffer.getNumBanks() != 1
                || buffer.getData().length != image.getWidth() * image.getHeight()) {
            return null;
        }
        return buffer.getData();
    }

    static int[] read(BufferedImage image, int[] into) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), into, 0, image.getWidth());
    }

    static void write(BufferedImage image, int[] pixels) {
        image.setRGB(0, 0, image.getWidth(), image.getHeight(), pixels, 0, image.getWidth());
    }
}
