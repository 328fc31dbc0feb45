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

    /** Picks by choice ({@code story/scene}) and target scene. */
    private final Map<String, Map<String, Long>> picks = new HashMap<>();

    /** The probability of each shown option, in the order shown. */
    public synchronized double[] probabilities(String storyId, String scene, List<Terminal.ShownOption> shown) {
        Map<String, Long> counts = picks.getOrDefault(id(storyId, scene), Map.of());
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
    public synchronized void picked(String storyId, String scene, String target) {
        picked(id(storyId, scene), target);
    }

    /** Counts a pick at the choice {@code choice} (an {@link #id}). */
    public synchronized void picked(String choice, String target) {
        picks.computeIfAbsent(choice, k -> new TreeMap<>()).merge(target, 1L, Long::sum);
    }

    /** Every count, for saving and for the API: choice id to target to picks. */
    public synchronized Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        picks.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return copy;
    }

    /**
     * Replaces the counts with saved ones. Counts saved under the older identity of a choice
     * ({@code story/scene@line}) are merged into its scene's.
     */
    public synchronized void load(Map<String, Map<String, Long>> saved) {
        picks.clear();
        saved.forEach((k, v) -> {
            int at = k.lastIndexOf('@');
            String choice = at > k.indexOf('/') ? k.substring(0, at) : k;
            v.forEach((target, n) -> picks.computeIfAbsent(choice, c -> new TreeMap<>()).merge(target, n, Long::sum));
        });
    }

    /**
     * A choice's identity: the story and its scene (a scene ends in at most one choice), and each
     * option is counted by the scene it leads to; so an edit that moves the choice or rewords an
     * option keeps what viewers taught, and only a change of where options lead starts afresh.
     */
    public static String id(String storyId, String scene) {
        return storyId + "/" + scene;
    }
}
