package io.branchline.renderer.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.neural.CppnFrameGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which generator a models folder selects: SD-Turbo when it holds an export, the built-in one otherwise. */
class ModelsSelectionTest {

    @TempDir
    Path dir;

    @Test
    void aFolderWithAnExportMakesGeneratedShotsWithSdTurbo() throws IOException {
        TinySdTurbo.write(dir, TinySdTurbo.Shape.TINY, 1);
        String cppnHash;
        try (RenderTools cppn = RenderTools.fromConfiguration(null, OptionalInt.empty(), null)) {
            assertInstanceOf(CppnFrameGenerator.class, cppn.generator());
            cppnHash = cppn.generator().modelHash();
        }
        try (RenderTools tools = RenderTools.fromConfiguration(null, OptionalInt.empty(), dir)) {
            assertInstanceOf(SdTurboGenerator.class, tools.generator());
            assertTrue(tools.generator().modelHash().contains(new SdTurboExport(dir).identity()), tools.generator().modelHash());
            assertNotEquals(cppnHash, tools.generator().modelHash());
            assertTrue(tools.generator().name().startsWith("SD-Turbo"));
        }
    }

    @Test
    void aFolderWithoutAnExportKeepsTheBuiltInGenerator() throws IOException {
        Files.createDirectories(dir.resolve("styles"));
        try (RenderTools tools = RenderTools.fromConfiguration(null, OptionalInt.empty(), dir)) {
            assertInstanceOf(CppnFrameGenerator.class, tools.generator());
        }
    }

    @Test
    void aMissingFolderIsRefusedAndNoneMeansNone() {
        RenderException e = assertThrows(RenderException.class, () -> ModelsDirectory.configured(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertNull(ModelsDirectory.named(null, " "));
        assertEquals(Path.of("/x"), ModelsDirectory.named("/x", "/y"));
        assertEquals(Path.of("/y"), ModelsDirectory.named(null, "/y"));
    }
}
