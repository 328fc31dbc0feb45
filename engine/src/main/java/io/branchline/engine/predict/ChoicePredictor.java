package io.branchline.engine.predict;

import io.branchline.story.eval.Terminal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How likely each option of a choice is to be taken, for deciding what to render ahead:
 * a Dirichlet-multinomial with the author's weights as the prior and real viewers' picks as
 * the evidence, over only the options this viewer is shown.
 *
 * <p>The prior counts as {@link #PRIOR_PICKS} picks spread over the options by weight, so the
 * author's guess leads until a few viewers have picked, and the viewers lead after that.
 * Thread-safe; the counts are a plain map so they can be saved and loaded.
 */
public final class ChoicePredictor {

    /** How many picks the author's weights are worth. */
    public static final double PRIOR_PICKS = 5;

    /** Picks by choice ({@code scene@line}) and target scene. */
    private final Map<String, Map<String, Long>> picks = new HashMap<>();

    /** The probability of each shown option, in the order shown. */
    public synchronized double[] probabilities(String storyId, String scene, int line, List<Terminal.ShownOption> shown) {
        Map<String, Long> counts = picks.getOrDefault(id(storyId, scene, line), Map.of());
        double weights = shown.stream().mapToDouble(Terminal.ShownOption::weight).sum();
        double[] p = new double[shown.size()];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            Terminal.ShownOption o = shown.get(i);
            p[i] = PRIOR_PICKS * o.weight() / weights + counts.getOrDefault(o.target(), 0L);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    /** Counts a viewer's pick. */
    public synchronized void picked(String storyId, String scene, int line, String target) {
        picks.computeIfAbsent(id(storyId, scene, line), k -> new TreeMap<>()).merge(target, 1L, Long::sum);
    }

    /** Every count, for saving and for the API: choice id to target to picks. */
    public synchronized Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        picks.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return copy;
    }

    /** Replaces the counts with saved ones. */
    public synchronized void load(Map<String, Map<String, Long>> saved) {
        picks.clear();
        saved.forEach((k, v) -> picks.put(k, new TreeMap<>(v)));
    }

    /** A choice's identity: the story, its scene and the line of its {@code choice}. */
    public static String id(String storyId, String scene, int line) {
        return storyId + "/" + scene + "@" + line;
    }
}
