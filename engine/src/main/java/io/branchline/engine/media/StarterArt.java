package io.branchline.engine.media;

import java.awt.Color;

/**
 * The picture that {@code branchline new} puts in a new story's {@code assets/} folder: a
 * night sky over a dark hill with a lit window, drawn with Java2D (no neural generator, so an
 * {@code image} shot of it carries no disclosure label). Small on purpose: it is a placeholder
 * for the author's own picture.
 */
public final class StarterArt {

    /** Its size: the story format's 9:16, at half of 720x1280. */
    public static final int WIDTH = 360;
    public static final int HEIGHT = 640;

    private StarterArt() {
    }

    /** The picture as PNG bytes; the same bytes every time. */
    public static byte[] png() {
        return PngWriter.png(PngWriter.draw(WIDTH, HEIGHT, g -> {
            Canvas.vertical(g, 0, 0, Canvas.W, Canvas.H, new float[] {0f, 0.6f, 1f},
                    Canvas.rgb(0x0b1030), Canvas.rgb(0x2a2f6b), Canvas.rgb(0x6b4a7a));
            Canvas.stars(g, 7, 90, 0, Canvas.H * 0.55);
            Canvas.glow(g, Canvas.W * 0.72, Canvas.H * 0.2, 220, Canvas.rgba(0xfff2c4, 0.5));
            Canvas.disc(g, Canvas.W * 0.72, Canvas.H * 0.2, 70, Canvas.rgb(0xfff2c4));
            g.setColor(new Color(0x10, 0x12, 0x24));
            g.fill(new java.awt.geom.Ellipse2D.Double(-Canvas.W * 0.3, Canvas.H * 0.68, Canvas.W * 1.6, Canvas.H * 0.8));
            Canvas.glow(g, Canvas.W * 0.35, Canvas.H * 0.74, 60, Canvas.rgba(0xffc060, 0.8));
            Canvas.disc(g, Canvas.W * 0.35, Canvas.H * 0.74, 14, Canvas.rgb(0xffd890));
        }));
    }
}
