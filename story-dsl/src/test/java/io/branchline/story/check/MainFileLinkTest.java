package io.branchline.story.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A main file that is a symbolic link out of its folder is refused as an include would be:
 * the outside file is never read, so its lines reach neither diagnostics nor the studio.
 */
class MainFileLinkTest {

    @Test
    void aMainFileLinkedOutOfItsFolderIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "password=hunter2\n");
        Path folder = Files.createDirectories(dir.resolve("stories"));
        Path main = folder.resolve("leak.story");
        link(main, outside.resolve("secret.txt"));

        CompileResult result = StoryCompiler.compile(main, "leak.story", SourceReader.DISK);

        assertFalse(result.ok());
        assertEquals(List.of(Code.BL0035), result.diagnostics().stream().map(Diagnostic::code).toList());
        String printed = result.diagnostics().get(0).message();
        assertTrue(printed.contains("'leak.story' is a symbolic link that leads out of the story's folder"), printed);
        assertFalse(result.diagnostics().toString().contains("hunter2"), result.diagnostics().toString());
        assertEquals(List.of(), result.sources(), "nothing was read, so nothing can be served as its source");
    }

    @Test
    void aMainFileLinkedInsideItsFolderCompiles(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("stories"));
        Files.writeString(folder.resolve("real.story"), "=== start ===\nshot 1s title \"hi\"\n-> END\n");
        Path main = folder.resolve("alias.story");
        link(main, Path.of("real.story"));
        CompileResult result = StoryCompiler.compile(main, "alias.story", SourceReader.DISK);
        assertTrue(result.ok(), () -> result.diagnostics().toString());
    }

    private static void link(Path at, Path target) throws IOException {
        try {
            Files.createSymbolicLink(at, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }
}
