package io.branchline.renderer.compose;

import io.branchline.renderer.RenderException;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The fonts every frame is drawn with. They ship inside the renderer (DejaVu Sans, see
 * LICENSE-DejaVu.txt beside them) so a frame looks the same on every machine, whatever
 * fonts it has installed, and so every Latin, Greek and Cyrillic letter has a glyph.
 */
public final class Fonts {

    private static final Font REGULAR = load("DejaVuSans.ttf");
    private static final Font BOLD = load("DejaVuSans-Bold.ttf");

    private Fonts() {
    }

    public static Font regular(float size) {
        return REGULAR.deriveFont(size);
    }

    public static Font bold(float size) {
        return BOLD.deriveFont(size);
    }

    private static Font load(String name) {
        try (InputStream in = Fonts.class.getResourceAsStream("/io/branchline/renderer/fonts/" + name)) {
            if (in == null) {
                throw new RenderException("the font " + name + " is missing from the renderer's jar");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new RenderException("the font " + name + " could not be loaded: " + e.getMessage(), e);
        }
    }
}
