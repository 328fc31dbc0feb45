package io.branchline.story.ast;

import io.branchline.story.source.Span;
import java.util.List;

/** A statement of a scene's body, as written. */
public sealed interface Stmt {

    Span span();

    /** {@code shot DURATION SOURCE} with the modifier lines under it. */
    record Shot(Duration duration, Source source, Text caption, Transition transition, Text style,
                Seed seed, Audio audio, Span span) implements Stmt {

        public Shot withCaption(Text value) {
            return new Shot(duration, source, value, transition, style, seed, audio, span);
        }

        public Shot withTransition(Transition value) {
            return new Shot(duration, source, caption, value, style, seed, audio, span);
        }

        public Shot withStyle(Text value) {
            return new Shot(duration, source, caption, transition, value, seed, audio, span);
        }

        public Shot withSeed(Seed value) {
            return new Shot(duration, source, caption, transition, style, value, audio, span);
        }

        public Shot withAudio(Audio value) {
            return new Shot(duration, source, caption, transition, style, seed, value, span);
        }
    }

    /** {@code ~ NAME = EXPR}, {@code += } or {@code -=}. */
    record Assign(String name, Span nameSpan, String op, Expr value, Span span) implements Stmt {
    }

    /** {@code if … elif … else … end}; {@code otherwise} is null when there is no else. */
    record If(List<Branch> branches, List<Stmt> otherwise, Span span) implements Stmt {
    }

    /** {@code -> SCENE} or {@code -> END}. */
    record Divert(Target target, Span span) implements Stmt {
    }

    /** A {@code choice} line and its options; window and default may be null. */
    record Choice(Duration window, Target defaultTarget, boolean cut, List<Option> options, Span span) implements Stmt {
    }

    /** {@code ask NAME "QUESTION" [WINDOW] [default "TEXT"] -> SCENE}. */
    record Ask(String variable, Span variableSpan, Text question, Duration window, Text defaultAnswer,
               Target target, Span span) implements Stmt {
    }

    /** A line that could not be parsed; already reported, and no other check looks into it. */
    record Invalid(Span span) implements Stmt {
    }

    /** One {@code if} or {@code elif} arm. */
    record Branch(Expr condition, List<Stmt> body, Span span) {
    }

    /** One {@code *} line of a choice; condition and weight may be null. */
    record Option(Text label, Expr condition, List<Assign> assignments, Target target, Double weight,
                  Span weightSpan, Span span) {
    }

    /** The picture of a shot. */
    sealed interface Source {
        Span span();
    }

    /** {@code generate "PROMPT"}. */
    record Generate(Text prompt, Span span) implements Source {
    }

    /** {@code image "PATH" [motion M] [depth "PATH"]}; motion and depth are null when not written. */
    record Image(AssetPath path, String motion, Span motionSpan, AssetPath depth, Span span) implements Source {
    }

    /** {@code clip "PATH" [from T] [to T]}. */
    record Clip(AssetPath path, Duration from, Duration to, Span span) implements Source {
    }

    /** {@code title "TEXT"}. */
    record Title(Text text, Span span) implements Source {
    }

    /** {@code color "#RRGGBB"}. */
    record Color(String hex, Span span) implements Source {
    }

    /** {@code transition cut|crossfade D|fade D}; duration null for cut. */
    record Transition(String kind, Duration duration, Span span) {
    }

    /** {@code seed N}. */
    record Seed(long value, Span span) {
    }

    /** {@code audio "PATH" [volume V]}; volume null when not written. */
    record Audio(AssetPath path, Double volume, Span volumeSpan, Span span) {
    }
}
