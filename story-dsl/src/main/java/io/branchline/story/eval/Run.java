package io.branchline.story.eval;

import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.ShotSource;
import io.branchline.story.model.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** One run of one scene's body: collects shots and changes until a terminal is reached. */
final class Run {

    private final CompiledStory story;
    private final CompiledStory.Scene scene;
    private final List<SceneVisit.Change> changes;
    final List<ResolvedShot> shots = new ArrayList<>();
    ViewerState state;

    Run(CompiledStory story, CompiledStory.Scene scene, ViewerState state, List<SceneVisit.Change> changes) {
        this.story = story;
        this.scene = scene;
        this.state = state;
        this.changes = changes;
    }

    long videoMs() {
        return shots.stream().mapToLong(ResolvedShot::durationMs).sum();
    }

    /** Runs statements in order; returns the terminal reached, or null when the block ran out. */
    Terminal block(List<Step> body) {
        for (Step step : body) {
            Terminal t = step(step);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private Terminal step(Step step) {
        if (step instanceof Step.Shot shot) {
            shots.add(resolve(shot));
            return null;
        }
        if (step instanceof Step.Assign a) {
            state = Evaluator.assign(a, state, changes);
            return null;
        }
        if (step instanceof Step.If ifs) {
            for (Step.Arm arm : ifs.arms()) {
                if (Expressions.bool(Expressions.eval(arm.condition(), state))) {
                    return block(arm.body());
                }
            }
            return block(ifs.otherwise());
        }
        if (step instanceof Step.Divert d) {
            return d.target().equals("END") ? new Terminal.End() : new Terminal.GoTo(d.target());
        }
        if (step instanceof Step.Choice c) {
            return choice(c);
        }
        Step.Ask ask = (Step.Ask) step;
        return new Terminal.Ask(ask.variable(), Expressions.text(ask.question(), state), ask.windowMs(),
                ask.defaultAnswer() == null ? null : Expressions.text(ask.defaultAnswer(), state), ask.target());
    }

    private Terminal choice(Step.Choice c) {
        List<Terminal.ShownOption> shown = new ArrayList<>();
        int defaultIndex = -1;
        for (int i = 0; i < c.options().size(); i++) {
            Step.Option o = c.options().get(i);
            if (o.condition() != null && !Expressions.bool(Expressions.eval(o.condition(), state))) {
                continue;
            }
            if (defaultIndex < 0 && o.target().equals(c.defaultTarget())) {
                defaultIndex = shown.size();
            }
            shown.add(new Terminal.ShownOption(shown.size(), i, Expressions.text(o.label(), state), o.target(), o.weight(),
                    o.assignments()));
        }
        if (shown.isEmpty()) {
            return new Terminal.Stopped("every option of the choice in scene '" + scene.id() + "' (line " + c.line()
                    + ") is hidden for this viewer, so the story cannot go on");
        }
        return new Terminal.Choice(c.windowMs(), Math.max(defaultIndex, 0), c.cut(), List.copyOf(shown), c.line());
    }

    private ResolvedShot resolve(Step.Shot shot) {
        String caption = shot.caption() == null ? null : Expressions.text(shot.caption(), state);
        String style = shot.style() == null ? null : Expressions.text(shot.style(), state);
        ShotSource source = shot.source();
        String kind;
        String prompt = null;
        String text = null;
        String color = null;
        String path = null;
        String motion = null;
        String depth = null;
        Long from = null;
        Long to = null;
        if (source instanceof ShotSource.Generate g) {
            kind = "generate";
            prompt = Expressions.text(g.prompt(), state);
            if (story.style() != null) {
                prompt = prompt + ", " + story.style();
            }
        } else if (source instanceof ShotSource.Image i) {
            kind = "image";
            path = i.path();
            motion = i.motion();
            depth = i.depth();
        } else if (source instanceof ShotSource.Clip c) {
            kind = "clip";
            path = c.path();
            from = c.fromMs();
            to = c.toMs();
        } else if (source instanceof ShotSource.Title t) {
            kind = "title";
            text = Expressions.text(t.text(), state);
        } else {
            kind = "color";
            color = ((ShotSource.Color) source).hex();
        }
        long seed = shot.seed() != null ? shot.seed() : derivedSeed(kind, prompt != null ? prompt : text != null ? text : path != null ? path : color, style);
        boolean disclosed = kind.equals("generate") || style != null;
        return new ResolvedShot(kind, shot.durationMs(), prompt, text, color, path, motion, from, to, caption, shot.transition(),
                style, seed, shot.audio(), disclosed, shot.line(), depth);
    }

    /** The default seed: a hash of the story, the scene and what the shot shows, so it is stable across runs and machines. */
    private long derivedSeed(String kind, String what, String style) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = story.id() + "\n" + scene.id() + "\n" + kind + "\n" + what + "\n" + (style == null ? "" : style);
            byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 6; i++) {
                seed = (seed << 8) | (digest[i] & 0xFF);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
