package io.branchline.story;

import io.branchline.story.ast.StoryFile;
import io.branchline.story.check.Checker;
import io.branchline.story.check.PromptCheck;
import io.branchline.story.check.SourceReader;
import io.branchline.story.check.StoryLoader;
import io.branchline.story.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The entry point of the compiler: source files in, a {@link CompileResult} out. User
 * mistakes are diagnostics in the result, never exceptions.
 */
public final class StoryCompiler {

    private StoryCompiler() {
    }

    /** Compiles the story whose main file is {@code main}, naming files in messages as they are given. */
    public static CompileResult compile(Path main) {
        return compile(main, main.normalize().toString(), SourceReader.DISK);
    }

    /** Compiles with a chosen reader; {@code displayName} is how messages name the main file. */
    public static CompileResult compile(Path main, String displayName, SourceReader reader) {
        return compile(main, displayName, reader, PromptCheck.NONE);
    }

    /**
     * Compiles with a chosen reader and a check of every prompt (the engine passes its prompt
     * policy, whose findings become diagnostics placed at the prompt).
     */
    public static CompileResult compile(Path main, String displayName, SourceReader reader, PromptCheck prompts) {
        Diagnostics diagnostics = new Diagnostics();
        List<StoryFile> files = StoryLoader.load(main, displayName, reader, diagnostics);
        return Checker.check(files, main.toAbsolutePath().normalize().getParent(), prompts, diagnostics);
    }

    /** Compiles a single file held in memory (no includes are found, assets resolve against the working directory). */
    public static CompileResult compileString(String name, String text) {
        Path path = Path.of(name).toAbsolutePath().normalize();
        return compile(path, name, SourceReader.of(Map.of(path, text)));
    }
}
