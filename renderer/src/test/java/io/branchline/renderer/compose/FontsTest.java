package io.branchline.renderer.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer's fonts, loaded from a file in the user's cache written once, not from a temporary copy per process. */
class FontsTest {

    @TempDir
    Path dir;

    private static byte[] font(String name) throws IOException {
        try (InputStream in = Fonts.class.getResourceAsStream("/io/branchline/renderer/fonts/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFontIsWrittenOnceIntoAFolderNamedAfterItsBytes_andLoadsFromThere() throws Exception {
        byte[] bytes = font("DejaVuSans.ttf");
        Path file = Fonts.cached(dir, "DejaVuSans.ttf", bytes);
        assertEquals(dir, file.getParent().getParent());
        assertTrue(file.getParent().getFileName().toString().startsWith("fonts-"), file.toString());
        assertArrayEquals(bytes, Files.readAllBytes(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("DejaVuSans.ttf"), files.map(p -> p.getFileName().toString()).toList(), "no part left behind");
        }
        FileTime written = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(file, written);
        assertEquals(file, Fonts.cached(dir, "DejaVuSans.ttf", bytes));
        assertEquals(written, Files.getLastModifiedTime(file), "the next process copies nothing again");

        Font loaded = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
        assertEquals("DejaVu Sans", loaded.getFamily(java.util.Locale.ROOT));
        assertTrue(loaded.canDisplayUpTo("Ψυχή, Душа, Âme") < 0, "Greek, Cyrillic and Latin letters have glyphs");
    }

    @Test
    void aFileCutShortIsWrittenAgain_andOtherBytesGetAFolderOfTheirOwn() throws Exception {
        byte[] bytes = font("DejaVuSans-Bold.ttf");
        Path file = Fonts.cached(dir, "DejaVuSans-Bold.ttf", bytes);
        Files.write(file, new byte[] {1, 2, 3});
        Fonts.cached(dir, "DejaVuSans-Bold.ttf", bytes);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        byte[] other = bytes.clone();
        other[other.length - 1] ^= 1;
        assertNotEquals(file.getParent(), Fonts.cached(dir, "DejaVuSans-Bold.ttf", other).getParent());
    }

    @Test
    void theFontsInUseAreTheBundledOnes() {
        assertEquals("DejaVu Sans", Fonts.regular(12).getFamily(java.util.Locale.ROOT));
        assertTrue(Fonts.bold(12).isBold() || Fonts.bold(12).getFontName(java.util.Locale.ROOT).contains("Bold"));
    }
}
