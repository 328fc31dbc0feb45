package io.branchline.story.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One statement of a compiled scene, run top to bottom each time a viewer enters it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Step.Shot.class, name = "shot"),
        @JsonSubTypes.Type(value = Step.Assign.class, name = "assign"),
        @JsonSubTypes.Type(value = Step.If.class, name = "if"),
        @JsonSubTypes.Type(value = Step.Divert.class, name = "divert"),
        @JsonSubTypes.Type(value = Step.Choice.class, name = "choice"),
        @JsonSubTypes.Type(value = Step.Ask.class, name = "ask")})
public sealed interface Step {

    /**
     * A shot. Caption, style, seed and audio are null when the author wrote none.
     *
     * @param line the source line, for messages and the studio's links
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shot(long durationMs, ShotSource source, Template caption, Transition transition, Template style, Long seed,
                Audio audio, int line) implements Step {
    }

    /** {@code ~ variable op value}; op is {@code =}, {@code +=} or {@code -=}. */
    record Assign(String variable, String op, Expression value) implements Step {
    }

    /** The first arm whose condition holds runs, else {@code otherwise} (possibly empty). */
    record If(List<Arm> arms, List<Step> otherwise) implements Step {
    }

    /** Go on to a scene, or {@code END}. */
    record Divert(String target) implements Step {
    }

    /**
     * A branch point.
     *
     * @param windowMs      how long before the end of the video the options appear
     * @param defaultTarget taken on timeout, or null for "the first option shown"
     * @param cut           whether a pick takes effect at the next segment boundary
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Choice(long windowMs, String defaultTarget, boolean cut, List<Option> options, int line) implements Step {
    }

    /** Asks the viewer for a short text, stored in a string variable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ask(String variable, Template question, long windowMs, Template defaultAnswer, String target, int line)
            implements Step {
    }

    /** One arm of an {@code if}. */
    record Arm(Expression condition, List<Step> body) {
    }

    /** One option of a choice; condition is null when it is always shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Option(Template label, Expression condition, List<Assign> assignments, String target, double weight) {
    }

    /** How a shot enters: {@code cut}, {@code crossfade} or {@code fade}, over {@code durationMs}. */
    record Transition(String kind, long durationMs) {
        public static final Transition CUT = new Transition("cut", 0);
    }

    /** A sound under a shot. */
    record Audio(String path, double volume) {
    }
}
