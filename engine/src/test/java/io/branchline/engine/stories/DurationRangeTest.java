package io.branchline.engine.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import org.junit.jupiter.api.Test;

class DurationRangeTest {

    private static DurationRange range(String story) {
        CompileResult r = StoryCompiler.compileString("d.story", story);
        assertTrue(r.ok(), r.diagnostics()::toString);
        return DurationRange.of(r.story());
    }

    @Test
    void shortestAndLongestPathsToAnEnding() {
        DurationRange r = range("""
                var x = true
                === a ===
                shot 2s color "#000000"
                if x
                  shot 1s color "#000000"
                end
                choice
                  * "Short" -> b
                  * "Long" -> c
                === b ===
                shot 1s color "#000000"
                -> END
                === c ===
                shot 5s color "#000000"
                -> END
                """);
        assertEquals(3000, r.minMs(), "2 s, the if's empty else, then b");
        assertEquals(8000, r.maxMs(), "2 s + 1 s, then c");
    }

    @Test
    void aLoopMakesItUnbounded() {
        DurationRange r = range("""
                === a ===
                shot 2s color "#000000"
                choice
                  * "Again" -> a
                  * "Stop" -> END
                """);
        assertEquals(2000, r.minMs());
        assertEquals(-1, r.maxMs());
    }
}
