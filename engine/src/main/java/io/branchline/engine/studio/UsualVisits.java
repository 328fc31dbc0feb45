package io.branchline.engine.studio;

import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.eval.ViewerState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The usual visit of each scene: the first visit a viewer reaches it with, searching
 * breadth-first from the start with the story's initial variables, the default option of a
 * choice before the others and the default answer of a question. It is the visit the studio
 * reports as rendered or not; other viewers' states may give a scene other visits.
 */
public final class UsualVisits {

    /** Visits explored at most, so a story whose state grows without end still answers. */
    static final int LIMIT = 5_000;

    private UsualVisits() {
    }

    /**
     * What the search found.
     *
     * @param visits  scene id to its usual visit, for every reachable scene that shows video
     * @param routing scenes reached only on the way to another (they show nothing themselves)
     */
    public record Found(Map<String, SceneVisit> visits, java.util.Set<String> routing) {
    }

    public static Found of(Evaluator evaluator) {
        Map<String, SceneVisit> usual = new LinkedHashMap<>();
        java.util.Set<String> passed = new java.util.LinkedHashSet<>();
        Deque<Step> queue = new ArrayDeque<>();
        queue.add(new Step(evaluator.story().start(), evaluator.initialState()));
        java.util.Set<Step> seen = new java.util.HashSet<>();
        int explored = 0;
        while (!queue.isEmpty() && explored < LIMIT) {
            Step step = queue.poll();
            if (!seen.add(step)) {
                continue;
            }
            explored++;
            SceneVisit visit = evaluator.enter(step.scene(), step.state());
            if (visit.shots().isEmpty()) {
                passed.addAll(visit.route());
            } else {
                usual.putIfAbsent(visit.scene(), visit);
                passed.addAll(visit.route().subList(0, visit.route().size() - 1));
            }
            Terminal terminal = visit.terminal();
            if (terminal instanceof Terminal.GoTo go) {
                queue.add(new Step(go.scene(), visit.state()));
            } else if (terminal instanceof Terminal.Choice c) {
                follow(queue, evaluator.chooseDefault(visit));
                for (int i = 0; i < c.options().size(); i++) {
                    if (i != c.defaultIndex()) {
                        follow(queue, evaluator.choose(visit, i));
                    }
                }
            } else if (terminal instanceof Terminal.Ask) {
                follow(queue, evaluator.answerTimeout(visit));
            }
        }
        passed.removeAll(usual.keySet());
        return new Found(usual, passed);
    }

    private static void follow(Deque<Step> queue, Evaluator.Taken taken) {
        if (taken.problem() == null && taken.target() != null && !"END".equals(taken.target())) {
            queue.add(new Step(taken.target(), taken.state()));
        }
    }

    private record Step(String scene, ViewerState state) {
    }
}
