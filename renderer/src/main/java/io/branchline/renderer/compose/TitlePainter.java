package io.branchline.renderer.compose;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A {@code title} shot: the text, bold and centred, wrapped inside margins that vertical
 * players leave clear, on a dark gradient. The card is drawn once and copied to each frame.
 */
public final class TitlePainter implements ShotPainter {

    private final int[] card;

    public TitlePainter(String text, RenderFormat format) {
        int w = format.width();
        int h = format.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Draw.quality(g);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1B1F3A), 0, h, new Color(0x07080F)));
        g.fillRect(0, 0, w, h);
        int margin = Math.round(w * 0.1f);
        int maxLines = 7;
        TextBlock block = TextBlock.fit(text, Fonts.bold(1), w * 0.085f, w * 0.04f, w - 2 * margin, maxLines);
        int top = Math.max(Math.round(h * 0.12f), (h - block.height()) / 2);
        g.setColor(new Color(0, 0, 0, 110));
        block.drawCentred(g, w / 2 + Math.max(1, w / 240), top + Math.max(1, w / 240));
        g.setColor(new Color(0xF4F1EA));
        block.drawCentred(g, w / 2, top);
        g.dispose();
        this.card = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    @Override
    public void paint(int frame, BufferedImage target) {
        int[] out = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        System.arraycopy(card, 0, out, 0, card.length);
    }
}
