package io.branchline.engine.render;

import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.eval.ViewerState;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out the scene visits of a path through a story: the path of defaults (every timer
 * runs out), or a path the user names scene by scene.
 */
public final class PathPlanner {

    /** A default path longer than this is taken for a loop. */
    public static final int MAX_VISITS = 500;

    private PathPlanner() {
    }

    /** The visits a viewer sees who never picks: defaults and default answers, start to end. */
    public static List<SceneVisit> defaults(Evaluator evaluator) {
        List<SceneVisit> visits = new ArrayList<>();
        SceneVisit visit = evaluator.start();
        while (true) {
            visits.add(visit);
            Evaluator.Taken next = next(evaluator, visit);
            if (next == null) {
                return visits;
            }
            if (visits.size() >= MAX_VISITS) {
                throw new PathException("the path of defaults goes on for more than " + MAX_VISITS
                        + " scenes (it loops through " + visit.scene() + "); name a path with --path");
            }
            visit = evaluator.enter(next.target(), next.state());
        }
    }

    private static Evaluator.Taken next(Evaluator evaluator, SceneVisit visit) {
        Terminal t = visit.terminal();
        if (t instanceof Terminal.End) {
            return null;
        }
        if (t instanceof Terminal.Stopped stopped) {
            throw new PathException("the story stops in scene '" + visit.scene() + "': " + stopped.message());
        }
        Evaluator.Taken taken;
        if (t instanceof Terminal.GoTo go) {
            taken = new Evaluator.Taken(go.scene(), visit.state(), List.of(), null);
        } else if (t instanceof Terminal.Choice) {
            taken = evaluator.chooseDefault(visit);
        } else {
            taken = evaluator.answerTimeout(visit);
        }
        if (taken.problem() != null) {
            throw new PathException("the story stops in scene '" + visit.scene() + "': " + taken.problem());
        }
        return "END".equals(taken.target()) ? null : taken;
    }

    /**
     * The visits along scenes the user names: each must be where the visit before can lead (a
     * divert, an option of its choice, or the scene after its question). Scenes that only
     * route onwards are followed on their own and may be named or left out.
     */
    public static List<SceneVisit> along(Evaluator evaluator, List<String> scenes) {
        if (scenes.isEmpty()) {
            throw new PathException("the path is empty; expected scene names separated by commas, such as alley,lobby,vault");
        }
        if (evaluator.story().scene(scenes.get(0)).isEmpty()) {
            throw new PathException("the story has no scene '" + scenes.get(0) + "'");
        }
        List<SceneVisit> visits = new ArrayList<>();
        ViewerState state = evaluator.initialState();
        String scene = scenes.get(0);
        int next = 0;
        while (true) {
            SceneVisit visit = evaluator.enter(scene, state);
            visits.add(visit);
            for (String entered : visit.route()) {
                if (next < scenes.size() && scenes.get(next).equals(entered)) {
                    next++;
                }
            }
            if (next >= scenes.size()) {
                return visits;
            }
            String wanted = scenes.get(next);
            Evaluator.Taken taken = toward(evaluator, visit, wanted);
            state = taken.state();
            scene = taken.target();
        }
    }

    private static Evaluator.Taken toward(Evaluator evaluator, SceneVisit visit, String wanted) {
        Terminal t = visit.terminal();
        String from = visit.scene();
        if (t instanceof Terminal.GoTo go
                && (go.scene().equals(wanted) || evaluator.enter(go.scene(), visit.state()).route().contains(wanted))) {
            // Straight there, or through scenes that only route onwards.
            return new Evaluator.Taken(go.scene(), visit.state(), List.of(), null);
        }
        if (t instanceof Terminal.Choice choice) {
            for (Terminal.ShownOption o : choice.options()) {
                if (o.target().equals(wanted)) {
                    Evaluator.Taken taken = evaluator.choose(visit, o.index());
                    if (taken.problem() != null) {
                        throw new PathException("the story stops in scene '" + from + "': " + taken.problem());
                    }
                    return taken;
                }
            }
            throw new PathException("scene '" + from + "' does not lead to '" + wanted + "'; its choice offers "
                    + String.join(", ", choice.options().stream().map(Terminal.ShownOption::target).toList()));
        }
        if (t instanceof Terminal.Ask ask && ask.target().equals(wanted)) {
            return evaluator.answerTimeout(visit);
        }
        String leads = t instanceof Terminal.GoTo go ? "it goes on to '" + go.scene() + "'"
                : t instanceof Terminal.Ask ask ? "its question leads to '" + ask.target() + "'"
                : t instanceof Terminal.End ? "the story ends there"
                : "the story stops there: " + ((Terminal.Stopped) t).message();
        throw new PathException("scene '" + from + "' does not lead to '" + wanted + "'; " + leads);
    }

    /** A path that cannot be followed, with the reason. */
    public static final class PathException extends RuntimeException {
        public PathException(String message) {
            super(message);
        }
    }
}
