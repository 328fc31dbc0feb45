package io.branchline.story;

import io.branchline.story.diag.Diagnostic;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import java.util.List;

/**
 * What compiling a story gives: the compiled story when there is no error, and every
 * diagnostic (errors and warnings) in a stable order.
 *
 * @param story       the compiled story, or null when there is an error
 * @param diagnostics all problems found, sorted by file and position
 * @param sources     the story files that were read, the main file first, as absolute paths
 */
public record CompileResult(CompiledStory story, List<Diagnostic> diagnostics, List<Path> sources) {

    public boolean ok() {
        return story != null;
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics.size() - errorCount();
    }
}
