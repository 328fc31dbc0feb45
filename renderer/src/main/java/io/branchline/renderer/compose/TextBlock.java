package io.branchline.renderer.compose;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Text broken into lines that fit a width: at spaces where it can, inside a word only when
 * one word is wider than the line. Explicit line breaks ({@code \n}) are kept.
 *
 * @param lines  the lines, top to bottom
 * @param font   the font they were measured with
 */
public record TextBlock(List<String> lines, Font font, int lineHeight, int ascent, int width) {

    private static final Graphics2D MEASURE = measuring();

    /** Lays out text in the largest size from {@code size} down that fits {@code maxLines}. */
    public static TextBlock fit(String text, Font base, float size, float minSize, int maxWidth, int maxLines) {
        TextBlock block = layout(text, base.deriveFont(size), maxWidth);
        while (block.lines.size() > maxLines && size > minSize) {
            size = Math.max(minSize, size * 0.9f);
            block = layout(text, base.deriveFont(size), maxWidth);
        }
        return block;
    }

    public static TextBlock layout(String text, Font font, int maxWidth) {
        FontMetrics fm;
        synchronized (MEASURE) {
            fm = MEASURE.getFontMetrics(font);
        }
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (fm.stringWidth(candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // A word wider than the line is broken where it must be.
                String rest = word;
                while (fm.stringWidth(rest) > maxWidth && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > maxWidth) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        int width = 0;
        for (String l : lines) {
            width = Math.max(width, fm.stringWidth(l));
        }
        return new TextBlock(List.copyOf(lines), font, fm.getHeight(), fm.getAscent(), width);
    }

    public int height() {
        return lines.size() * lineHeight;
    }

    /** Draws the lines centred on {@code centreX}, the first line's top at {@code top}. */
    public void drawCentred(Graphics2D g, int centreX, int top) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            g.drawString(line, centreX - fm.stringWidth(line) / 2, top + ascent + i * lineHeight);
        }
    }

    private static Graphics2D measuring() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Draw.quality(g);
        return g;
    }
}
