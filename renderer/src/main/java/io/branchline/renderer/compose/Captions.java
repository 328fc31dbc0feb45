package io.branchline.renderer.compose;

import io.branchline.renderer.RenderFormat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Caption and disclosure overlays, sized for the frame so they stay legible at every
 * supported size and clear of where vertical players put their controls.
 */
public final class Captions {

    private Captions() {
    }

    /** A caption: white text on a translucent dark box, centred in the lower part of the frame. */
    public static Overlay caption(String text, RenderFormat format) {
        int w = format.width();
        int h = format.height();
        int pad = Math.max(6, Math.round(w * 0.025f));
        int maxText = Math.round(w * 0.84f) - 2 * pad;
        TextBlock block = TextBlock.fit(text, Fonts.bold(1), Math.max(14f, w * 0.048f), Math.max(11f, w * 0.032f), maxText, 4);
        int boxW = block.width() + 2 * pad;
        int boxH = block.height() + 2 * pad;
        BufferedImage image = new BufferedImage(boxW, boxH, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        Draw.quality(g);
        g.setColor(new Color(0, 0, 0, 160));
        int arc = Math.max(8, pad * 2);
        g.fillRoundRect(0, 0, boxW, boxH, arc, arc);
        g.setColor(Color.WHITE);
        block.drawCentred(g, boxW / 2, pad);
        g.dispose();
        int bottom = Math.round(h * 0.80f);
        return new Overlay(image, (w - boxW) / 2, bottom - boxH);
    }

    /**
     * The disclosure label, top left: it is on every frame of generated or styled footage,
     * so its size follows the frame (never under 12 px) and it sits clear of the caption.
     */
    public static Overlay disclosure(String label, RenderFormat format) {
        int w = format.width();
        int h = format.height();
        float size = Math.max(12f, Math.min(w, h) * 0.034f);
        TextBlock block = TextBlock.layout(label, Fonts.bold(size), w);
        int padX = Math.max(4, Math.round(size * 0.55f));
        int padY = Math.max(3, Math.round(size * 0.3f));
        int boxW = block.width() + 2 * padX;
        int boxH = block.height() + 2 * padY;
        BufferedImage image = new BufferedImage(boxW, boxH, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        Draw.quality(g);
        g.setColor(new Color(0, 0, 0, 175));
        g.fillRoundRect(0, 0, boxW, boxH, boxH, boxH);
        g.setColor(Color.WHITE);
        block.drawCentred(g, boxW / 2, padY);
        g.dispose();
        int margin = Math.max(4, Math.round(Math.min(w, h) * 0.035f));
        return new Overlay(image, margin, margin);
    }
}
