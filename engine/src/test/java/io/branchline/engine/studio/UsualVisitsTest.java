package io.branchline.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.story.StoryCompiler;
import io.branchline.story.eval.Evaluator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsualVisitsTest {

    @Test
    void eachSceneGetsTheFirstVisitReachedByDefaultsFirst() {
        var result = StoryCompiler.compileString("t.story", """
                title: T
                var key = false
                === gate ===
                shot 1s title "Gate"
                choice 1s default hall
                  * "Knock" -> hall
                  * "Sneak in" ~ key = true -> cellar
                === cellar ===
                shot 1s title "Cellar"
                -> hall
                === hall ===
                shot 1s title "{key}"
                -> sorter
                == sorter
                if key
                  -> vault
                end
                -> END
                === vault ===
                shot 1s title "Vault"
                -> END
                === unused ===
                shot 1s title "Never"
                -> END
                """);
        UsualVisits.Found found = UsualVisits.of(new Evaluator(result.story()));
        assertEquals(List.of("gate", "hall", "cellar", "vault"), List.copyOf(found.visits().keySet()));
        assertEquals("false", found.visits().get("hall").shots().get(0).text(), "the default (Knock) reaches the hall first");
        assertEquals(Set.of("sorter"), found.routing());
    }
}
