package io.branchline.story.eval;

import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.Value;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the story knows about one viewer: the value of every variable and how many times
 * each scene was entered. Immutable: every change gives a new state.
 */
public record ViewerState(Map<String, Value> variables, Map<String, Integer> visits) {

    public ViewerState {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        visits = Collections.unmodifiableMap(new LinkedHashMap<>(visits));
    }

    /** The state every viewer starts in: declared values, no visits. */
    public static ViewerState initial(CompiledStory story) {
        Map<String, Value> vars = new LinkedHashMap<>();
        for (CompiledStory.Variable v : story.variables()) {
            vars.put(v.name(), v.initial());
        }
        return new ViewerState(vars, Map.of());
    }

    public int visitsOf(String scene) {
        return visits.getOrDefault(scene, 0);
    }

    public ViewerState with(String variable, Value value) {
        Map<String, Value> vars = new HashMap<>(variables);
        vars.put(variable, value);
        return new ViewerState(vars, visits);
    }

    public ViewerState entering(String scene) {
        Map<String, Integer> v = new HashMap<>(visits);
        v.merge(scene, 1, Integer::sum);
        return new ViewerState(variables, v);
    }
}
