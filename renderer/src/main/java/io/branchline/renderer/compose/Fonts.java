package io.branchline.renderer.compose;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.UserCache;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The fonts every frame is drawn with. They ship inside the renderer (DejaVu Sans, see
 * LICENSE-DejaVu.txt beside them) so a frame looks the same on every machine, whatever
 * fonts it has installed, and so every Latin, Greek and Cyrillic letter has a glyph.
 *
 * <p>Java2D loads a font given as a stream by copying it to a new temporary file
 * ({@code /tmp/+~JF*.tmp}, 0.7 MB each), deleted only when the JVM exits normally: every engine
 * or test JVM that was killed left two behind (490 on the development machine in a day). So the
 * fonts are copied once into the user's cache ({@link UserCache}, a folder named after their
 * bytes) and loaded from there; where that cannot be written, from the stream as before.
 */
public final class Fonts {

    private static final System.Logger LOG = System.getLogger(Fonts.class.getName());

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
        byte[] bytes;
        try (InputStream in = Fonts.class.getResourceAsStream("/io/branchline/renderer/fonts/" + name)) {
            if (in == null) {
                throw new RenderException("the font " + name + " is missing from the renderer's jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new RenderException("the font " + name + " could not be read: " + e.getMessage(), e);
        }
        try {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, cached(UserCache.root(), name, bytes).toFile());
            } catch (IOException | FontFormatException | RuntimeException e) {
                LOG.log(Level.DEBUG, "the font " + name + " is not cached (" + e + "); loading it from the jar");
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            }
        } catch (IOException | FontFormatException e) {
            throw new RenderException("the font " + name + " could not be loaded: " + e.getMessage(), e);
        }
    }

    /** The font {@code name} of these {@code bytes} in {@code root}'s folder for them, written there if it is not yet. */
    static Path cached(Path root, String name, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        Path file = root.resolve(String.format(Locale.ROOT, "fonts-%08x", crc.getValue())).resolve(name);
        UserCache.copyOnce(file, bytes.length, () -> new ByteArrayInputStream(bytes));
        return file;
    }
}
