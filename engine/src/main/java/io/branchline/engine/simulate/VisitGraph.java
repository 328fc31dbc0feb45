package io.branchline.engine.simulate;

import io.branchline.engine.simulate.Simulator.VisitKey;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The story as a graph of visits (scene entered, state before): what can follow a visit, what is reachable. */
final class VisitGraph {

    private final Evaluator evaluator;

    VisitGraph(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Every visit reachable from the start, breadth first, at most {@code limit}. */
    List<VisitKey> reachable(int limit) {
        List<VisitKey> out = new ArrayList<>();
        Set<VisitKey> seen = new HashSet<>();
        ArrayDeque<VisitKey> queue = new ArrayDeque<>();
        VisitKey first = new VisitKey(evaluator.story().start(), evaluator.initialState());
        queue.add(first);
        seen.add(first);
        while (!queue.isEmpty() && out.size() < limit) {
            VisitKey k = queue.poll();
            out.add(k);
            for (VisitKey next : successors(evaluator.enter(k.scene(), k.before()))) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return out;
    }

    /** The visits that can follow a visit: every option, a question's timeout, a divert. */
    List<VisitKey> successors(SceneVisit visit) {
        List<VisitKey> out = new ArrayList<>();
        Terminal t = visit.terminal();
        if (t instanceof Terminal.Choice c) {
            for (int i = 0; i < c.options().size(); i++) {
                VisitKey k = taken(evaluator.choose(visit, i));
                if (k != null) {
                    out.add(k);
                }
            }
        } else if (t instanceof Terminal.Ask) {
            VisitKey k = taken(evaluator.answerTimeout(visit));
            if (k != null) {
                out.add(k);
            }
        } else if (t instanceof Terminal.GoTo go) {
            out.add(new VisitKey(go.scene(), visit.state()));
        }
        return out;
    }

    /** The visit a decision leads to, or null when it ends the story or fails. */
    static VisitKey taken(Evaluator.Taken t) {
        if (t.problem() != null || t.target() == null || "END".equals(t.target())) {
            return null;
        }
        return new VisitKey(t.target(), t.state());
    }
}
