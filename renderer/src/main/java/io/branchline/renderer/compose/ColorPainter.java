package io.branchline.renderer.compose;

import io.branchline.renderer.ShotPainter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/** A {@code color} shot: every pixel the one colour. */
public final class ColorPainter implements ShotPainter {

    private final int rgb;

    /** @param hex {@code #rrggbb}, as the checker guarantees */
    public ColorPainter(String hex) {
        this.rgb = Integer.parseInt(hex.substring(1), 16);
    }

    @Override
    public void paint(int frame, BufferedImage target) {
        Arrays.fill(((DataBufferInt) target.getRaster().getDataBuffer()).getData(), rgb);
    }
}
