package io.branchline.story.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import org.junit.jupiter.api.Test;

class StoryJsonTest {

    private static CompiledStory story() {
        CompileResult r = StoryCompiler.compileString("s.story", """
                title: Round trip
                var n = 2
                var who = "you"
                === a ===
                shot 2s title "Hi {who}, {n * 2}"
                  transition fade 500ms
                choice 1s default b cut
                  * "B" if n > 1 ~ n -= 1 -> b weight 2.5
                  * "End" -> END
                === b ===
                shot 1s color "#FFAA00"
                  seed 42
                -> END
                """);
        assertTrue(r.ok(), r.diagnostics()::toString);
        return r.story();
    }

    @Test
    void roundTripGivesAnEqualStory() {
        CompiledStory s = story();
        String json = StoryJson.write(s);
        assertEquals(s, StoryJson.read(json));
        assertEquals(json, StoryJson.write(StoryJson.read(json)));
        assertTrue(json.contains("\"formatVersion\" : 1"));
        assertTrue(json.contains("\"type\" : \"number\""));
    }

    @Test
    void refusesNewerFormatsAndJunkWithAMessage() {
        String json = StoryJson.write(story()).replace("\"minCompatibleVersion\" : 1", "\"minCompatibleVersion\" : 99");
        var e = assertThrows(StoryJson.IncompatibleStoryException.class, () -> StoryJson.read(json));
        assertTrue(e.getMessage().contains("needs format version 99"), e.getMessage());
        assertThrows(StoryJson.IncompatibleStoryException.class, () -> StoryJson.read("[1,2"));
        assertThrows(StoryJson.IncompatibleStoryException.class, () -> StoryJson.read("{\"formatVersion\":1}"));
        String unknownField = StoryJson.write(story()).replace("\"start\" :", "\"strat\" : 1, \"start\" :");
        assertThrows(StoryJson.IncompatibleStoryException.class, () -> StoryJson.read(unknownField));
    }
}
