package io.branchline.renderer.compose;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A prepared, partly transparent picture (a caption, the disclosure label) and where it
 * goes on the frame; drawn onto each frame by plain alpha blending of its pixels.
 */
public final class Overlay {

    private final int[] argb;
    private final int width;
    private final int height;
    private final int x;
    private final int y;

    Overlay(BufferedImage image, int x, int y) {
        if (image.getType() != BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("overlays are TYPE_INT_ARGB");
        }
        this.argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.width = image.getWidth();
        this.height = image.getHeight();
        this.x = x;
        this.y = y;
    }

    /** The area it covers, for tests: x, y, width, height. */
    public int[] bounds() {
        return new int[] {x, y, width, height};
    }

    /** Blends the overlay onto a {@code TYPE_INT_RGB} frame. */
    public void drawOn(BufferedImage frame) {
        int[] out = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        int fw = frame.getWidth();
        int fh = frame.getHeight();
        for (int row = 0; row < height; row++) {
            int fy = y + row;
            if (fy < 0 || fy >= fh) {
                continue;
            }
            int src = row * width;
            int dst = fy * fw + x;
            for (int col = 0; col < width; col++) {
                int fx = x + col;
                int p = argb[src + col];
                int a = p >>> 24;
                if (a == 0 || fx < 0 || fx >= fw) {
                    continue;
                }
                if (a == 255) {
                    out[dst + col] = p & 0xFFFFFF;
                    continue;
                }
                int q = out[dst + col];
                int inv = 255 - a;
                int r = (((p >> 16) & 0xFF) * a + ((q >> 16) & 0xFF) * inv + 127) / 255;
                int gr = (((p >> 8) & 0xFF) * a + ((q >> 8) & 0xFF) * inv + 127) / 255;
                int b = ((p & 0xFF) * a + (q & 0xFF) * inv + 127) / 255;
                out[dst + col] = (r << 16) | (gr << 8) | b;
            }
        }
    }
}
