package io.branchline.engine.stories;

import io.branchline.story.CompileResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One story of the catalog as last compiled.
 *
 * @param id         the story's id: its main file's name without {@code .story}
 * @param mainFile   the main file
 * @param result     the compile result: the story (when it has no error) and its diagnostics
 * @param stamps     size and modification time of every file it was built from, to notice changes
 * @param compiledAt when it was compiled
 */
public record StoryEntry(String id, Path mainFile, CompileResult result, Map<Path, String> stamps, Instant compiledAt) {

    /** Served only when it compiled with no error. */
    public boolean servable() {
        return result.ok();
    }
}
