package io.branchline.story.check;

import io.branchline.story.ast.Duration;
import io.branchline.story.ast.Expr;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Target;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.eval.AnswerRules;
import io.branchline.story.model.Value;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that every path through a scene ends in exactly one terminal with nothing after
 * it, and checks the terminals themselves: choices, their options, defaults and windows,
 * and questions.
 */
final class FlowChecker {

    static final long DEFAULT_CHOICE_WINDOW_MS = 5000;
    static final long DEFAULT_ASK_WINDOW_MS = 10000;

    /** Whether a block always ends in a terminal; UNKNOWN where a broken line hides it. */
    private enum Ending { NEVER, ALWAYS, UNKNOWN }

    /** The shortest and longest video a path has shown so far in this scene, in ms. */
    private record Video(double min, double max) {
        Video plus(double ms) {
            return new Video(min + ms, max + ms);
        }

        Video join(Video other) {
            return new Video(Math.min(min, other.min), Math.max(max, other.max));
        }
    }

    private final Diagnostics diagnostics;
    private Video video;

    private FlowChecker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static void check(List<StoryFile> files, Diagnostics diagnostics) {
        for (StoryFile file : files) {
            for (StoryFile.Scene scene : file.scenes()) {
                FlowChecker checker = new FlowChecker(diagnostics);
                checker.video = new Video(0, 0);
                if (checker.block(scene.body()) == Ending.NEVER) {
                    diagnostics.report(Code.BL0050, scene.idSpan(), "a path through scene '" + scene.id()
                            + "' reaches the scene's end without a terminal; expected '-> SCENE', '-> END', a choice or an ask at the end of every path");
                }
            }
        }
    }

    private Ending block(List<Stmt> body) {
        Ending ending = Ending.NEVER;
        for (Stmt s : body) {
            if (ending == Ending.ALWAYS) {
                if (!(s instanceof Stmt.Invalid)) {
                    diagnostics.report(Code.BL0051, s.span(), "nothing may follow a terminal in its block; this line can never run "
                            + "(move it above the '->', choice or ask)");
                }
                return Ending.ALWAYS;
            }
            Ending here = statement(s);
            if (here == Ending.ALWAYS || here == Ending.UNKNOWN) {
                ending = here;
            }
        }
        return ending;
    }

    private Ending statement(Stmt s) {
        if (s instanceof Stmt.Shot shot) {
            video = video.plus(shot.duration().millis());
            return Ending.NEVER;
        }
        if (s instanceof Stmt.Divert) {
            return Ending.ALWAYS;
        }
        if (s instanceof Stmt.Choice choice) {
            choice(choice);
            return Ending.ALWAYS;
        }
        if (s instanceof Stmt.Ask ask) {
            ask(ask);
            return Ending.ALWAYS;
        }
        if (s instanceof Stmt.If ifs) {
            return ifBlock(ifs);
        }
        if (s instanceof Stmt.Invalid) {
            return Ending.UNKNOWN;
        }
        return Ending.NEVER;
    }

    private Ending ifBlock(Stmt.If ifs) {
        Video before = video;
        Video after = null;
        boolean all = true;
        boolean unknown = false;
        // Only arms that carry on past the if add to the video of what follows it.
        for (Stmt.Branch b : ifs.branches()) {
            video = before;
            Ending e = block(b.body());
            all &= e == Ending.ALWAYS;
            unknown |= e == Ending.UNKNOWN || b.condition() instanceof Expr.Invalid;
            if (e != Ending.ALWAYS) {
                after = after == null ? video : after.join(video);
            }
        }
        if (ifs.otherwise() != null) {
            video = before;
            Ending e = block(ifs.otherwise());
            all &= e == Ending.ALWAYS;
            unknown |= e == Ending.UNKNOWN;
            if (e != Ending.ALWAYS) {
                after = after == null ? video : after.join(video);
            }
        } else {
            all = false;
            after = after == null ? before : after.join(before);
        }
        video = after == null ? before : after;
        return unknown ? Ending.UNKNOWN : all ? Ending.ALWAYS : Ending.NEVER;
    }

    private void choice(Stmt.Choice choice) {
        if (choice.options().isEmpty()) {
            diagnostics.report(Code.BL0052, choice.span(), "this choice has no options; expected at least one line such as * \"Label\" -> scene below it");
            return;
        }
        Set<String> targets = new LinkedHashSet<>();
        boolean allHidden = true;
        for (Stmt.Option o : choice.options()) {
            targets.add(o.target().name());
            allHidden &= o.condition() != null && !isTrue(o.condition());
            if (o.weight() != null && (o.weight() <= 0 || o.weight() > 1_000_000)) {
                diagnostics.report(Code.BL0062, o.weightSpan(), "weight must be a positive number (at most 1000000), but is " + o.weightSpan().text());
            }
        }
        Target d = choice.defaultTarget();
        if (d != null && !targets.contains(d.name())) {
            diagnostics.report(Code.BL0053, d.span(), "default '" + d.name() + "' is not the target of any option of this choice"
                    + Suggest.didYouMean(d.name(), targets) + "; expected one of " + String.join(", ", targets));
        }
        if (allHidden) {
            diagnostics.report(Code.BL0102, choice.span(), "every option of this choice has an 'if'; when all of them are false the story stops here"
                    + " with nothing to choose; add an option without 'if'");
        }
        Duration window = choice.window();
        if (window != null && inRange(window, "the choice window") && video.max() > 0 && window.millis() > video.max()) {
            diagnostics.report(Code.BL0104, window.span(), "the choice window (" + window.span().text()
                    + ") is longer than the scene's video before it (at most " + seconds(video.max()) + "); it will be shortened to the video");
        }
    }

    private void ask(Stmt.Ask ask) {
        Duration window = ask.window();
        if (window != null && inRange(window, "the question's window") && video.max() > 0 && window.millis() > video.max()) {
            diagnostics.report(Code.BL0104, window.span(), "the question's window (" + window.span().text()
                    + ") is longer than the scene's video before it (at most " + seconds(video.max()) + "); it will be shortened to the video");
        }
        if (ask.defaultAnswer() != null && ask.defaultAnswer().isPlain()) {
            String answer = ask.defaultAnswer().plain().strip();
            String problem = AnswerRules.problem(answer);
            if (problem != null) {
                diagnostics.report(Code.BL0062, ask.defaultAnswer().span(), "the default answer " + problem);
            }
        }
    }

    private boolean inRange(Duration d, String what) {
        if (d.millis() < ShotChecker.MIN_SHOT_MS || d.millis() > ShotChecker.MAX_SHOT_MS) {
            diagnostics.report(Code.BL0060, d.span(), what + " must be from 100ms to 10 minutes, but is " + d.span().text());
            return false;
        }
        return true;
    }

    private static boolean isTrue(Expr e) {
        return e instanceof Expr.Literal l && l.value() instanceof Value.Bool b && b.value();
    }

    private static String seconds(double ms) {
        return new Value.Num(Math.round(ms) / 1000.0).display() + "s";
    }
}
