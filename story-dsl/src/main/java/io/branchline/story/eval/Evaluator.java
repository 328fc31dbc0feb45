package io.branchline.story.eval;

import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.Step;
import io.branchline.story.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs scenes of a compiled story for a viewer's state. Pure and deterministic: the same
 * story, scene and state always give the same visit. It never throws for anything a story
 * or a viewer can do; a story that cannot go on ends its visit with {@link Terminal.Stopped}.
 */
public final class Evaluator {

    /** How many shot-less scenes one visit may route through before it is called a runaway loop. */
    public static final int MAX_ROUTE = 1000;

    private final CompiledStory story;
    private final Map<String, CompiledStory.Scene> scenes;

    public Evaluator(CompiledStory story) {
        this.story = story;
        this.scenes = story.sceneIndex();
    }

    public CompiledStory story() {
        return story;
    }

    public ViewerState initialState() {
        return ViewerState.initial(story);
    }

    /** The visit of the story's first scene for a new viewer. */
    public SceneVisit start() {
        return enter(story.start(), initialState());
    }

    /**
     * Enters a scene and runs it; while a scene shows nothing and simply goes on to another,
     * that one is entered too, so the visit ends with video or with a question to the viewer.
     */
    public SceneVisit enter(String sceneId, ViewerState state) {
        List<String> route = new ArrayList<>();
        List<SceneVisit.Change> changes = new ArrayList<>();
        String current = sceneId;
        ViewerState now = state;
        while (true) {
            CompiledStory.Scene scene = scenes.get(current);
            if (scene == null) {
                return new SceneVisit(route.isEmpty() ? List.of(current) : route, List.of(), changes, now,
                        new Terminal.Stopped("the story has no scene '" + current + "'"));
            }
            route.add(current);
            if (route.size() > MAX_ROUTE) {
                return new SceneVisit(route, List.of(), changes, now, new Terminal.Stopped("the story went through "
                        + MAX_ROUTE + " scenes in a row without showing anything (last: "
                        + String.join(" -> ", route.subList(route.size() - 4, route.size())) + "); it stops here"));
            }
            Run run = new Run(story, scene, now.entering(current), changes);
            Terminal terminal;
            try {
                terminal = run.block(scene.body());
                if (terminal == null) {
                    terminal = new Terminal.Stopped("scene '" + current + "' ended without saying where to go next");
                }
            } catch (StoryStop stop) {
                terminal = new Terminal.Stopped(stop.getMessage() + " in scene '" + current + "'");
            }
            now = run.state;
            if (terminal instanceof Terminal.GoTo go && run.shots.isEmpty()) {
                current = go.scene();
                continue;
            }
            return new SceneVisit(List.copyOf(route), List.copyOf(run.shots), List.copyOf(changes), now,
                    finish(terminal, run.videoMs()));
        }
    }

    /** A choice window longer than the video is shortened to it; with no video it is the whole time. */
    private static Terminal finish(Terminal terminal, long videoMs) {
        if (terminal instanceof Terminal.Choice c && videoMs > 0 && c.windowMs() > videoMs) {
            return new Terminal.Choice(videoMs, c.defaultIndex(), c.cut(), c.options(), c.line());
        }
        if (terminal instanceof Terminal.Ask a && videoMs > 0 && a.windowMs() > videoMs) {
            return new Terminal.Ask(a.variable(), a.question(), videoMs, a.defaultAnswer(), a.target());
        }
        return terminal;
    }

    /**
     * Takes an option of a visit's choice: runs its assignments and says where to go.
     *
     * @param index the index among the options shown
     */
    public Taken choose(SceneVisit visit, int index) {
        if (!(visit.terminal() instanceof Terminal.Choice choice)) {
            throw new IllegalArgumentException("this visit ends in " + visit.terminal() + ", not a choice");
        }
        if (index < 0 || index >= choice.options().size()) {
            throw new IllegalArgumentException("option " + index + " is not shown; expected 0 to " + (choice.options().size() - 1));
        }
        Terminal.ShownOption shown = choice.options().get(index);
        ViewerState state = visit.state();
        List<SceneVisit.Change> changes = new ArrayList<>();
        try {
            for (Step.Assign a : shown.assignments()) {
                state = assign(a, state, changes);
            }
        } catch (StoryStop stop) {
            return new Taken(null, visit.state(), List.of(), stop.getMessage() + " when taking option '" + shown.label()
                    + "' in scene '" + visit.scene() + "'");
        }
        return new Taken(shown.target(), state, List.copyOf(changes), null);
    }

    /** Takes the default of a visit's choice, as when its window runs out. */
    public Taken chooseDefault(SceneVisit visit) {
        Terminal.Choice choice = (Terminal.Choice) visit.terminal();
        return choose(visit, choice.defaultIndex());
    }

    /**
     * Stores a viewer's answer to a visit's question. The answer is cleaned of invisible
     * characters ({@link AnswerRules#clean}) and trimmed; when it breaks
     * the rules (1 to 40 characters, no control characters) nothing changes and the result says why.
     */
    public Taken answer(SceneVisit visit, String text) {
        Terminal.Ask ask = (Terminal.Ask) visit.terminal();
        String trimmed = AnswerRules.clean(text).strip();
        String problem = AnswerRules.problem(trimmed);
        if (problem != null) {
            return new Taken(null, visit.state(), List.of(), "the answer " + problem);
        }
        Value before = visit.state().variables().get(ask.variable());
        Value after = new Value.Str(trimmed);
        return new Taken(ask.target(), visit.state().with(ask.variable(), after),
                List.of(new SceneVisit.Change(ask.variable(), before, after)), null);
    }

    /** What happens when a question's window runs out: the default answer, or the value kept. */
    public Taken answerTimeout(SceneVisit visit) {
        Terminal.Ask ask = (Terminal.Ask) visit.terminal();
        if (ask.defaultAnswer() != null) {
            Taken taken = answer(visit, ask.defaultAnswer());
            if (taken.problem() == null) {
                return taken;
            }
        }
        return new Taken(ask.target(), visit.state(), List.of(), null);
    }

    /**
     * The outcome of a pick or an answer.
     *
     * @param target  the scene to enter next (or END); null when the input was refused or the story stopped
     * @param problem why the input was refused or the story stopped, else null (then nothing changed)
     */
    public record Taken(String target, ViewerState state, List<SceneVisit.Change> changes, String problem) {
    }

    static ViewerState assign(Step.Assign a, ViewerState state, List<SceneVisit.Change> changes) {
        Value before = state.variables().get(a.variable());
        Value value = Expressions.eval(a.value(), state);
        Value after = switch (a.op()) {
            case "+=" -> Expressions.binary("+", before, value);
            case "-=" -> Expressions.binary("-", before, value);
            default -> value;
        };
        changes.add(new SceneVisit.Change(a.variable(), before, after));
        return state.with(a.variable(), after);
    }
}
