package io.branchline.engine.policy;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.check.SourceReader;
import java.nio.file.Path;

/**
 * How the engine compiles a story: the story compiler with the configured prompt policy, so
 * that {@code branchline check}, {@code render} and the server report the same diagnostics.
 */
public final class PolicedCompiler {

    private PolicedCompiler() {
    }

    public static CompileResult compile(Path main) {
        return compile(main, main.normalize().toString());
    }

    public static CompileResult compile(Path main, String displayName) {
        return StoryCompiler.compile(main, displayName, SourceReader.DISK, PromptPolicy.configured().forStories());
    }
}
