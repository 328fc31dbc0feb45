package io.branchline.engine.media;

import java.awt.AlphaComposite;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * A part of a clip's frame that does not change from frame to frame (a sky, a vignette):
 * drawn once at the frame's pixel size, then stamped onto every frame, which is far cheaper
 * than painting its gradients again.
 */
final class Layer {

    private final Consumer<Graphics2D> painter;
    private BufferedImage image;

    Layer(Consumer<Graphics2D> painter) {
        this.painter = painter;
    }

    /** Stamps the layer onto {@code g}, a board prepared by {@link Canvas#board}. */
    void draw(Graphics2D g) {
        draw(g, 1);
    }

    /** Stamps the layer at {@code alpha} (0 to 1) opacity. */
    void draw(Graphics2D g, double alpha) {
        AffineTransform board = g.getTransform();
        int width = (int) StrictMath.round(board.getScaleX() * Canvas.W);
        int height = (int) StrictMath.round(board.getScaleY() * Canvas.H);
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D lg = image.createGraphics();
            try {
                Canvas.board(lg, width, height);
                painter.accept(lg);
            } finally {
                lg.dispose();
            }
        }
        Composite composite = g.getComposite();
        g.setTransform(new AffineTransform());
        if (alpha < 1) {
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Canvas.clamp(alpha)));
        }
        g.drawImage(image, 0, 0, null);
        g.setComposite(composite);
        g.setTransform(board);
    }
}
