package io.branchline.engine.policy;

import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.Expression;
import io.branchline.story.model.ShotSource;
import io.branchline.story.model.Step;
import io.branchline.story.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prompt policy applied to a viewer's answer to an {@code ask}. The answer is checked on
 * its own for the minors and harm rules, and inside every prompt of the story that puts the
 * answer's variable into generated video, for all rules: a real person's name is refused only
 * where it would reach a generator (a name in a title card is the viewer's own business),
 * unless the story records that person's consent. Blocking (the encoder): call it from a worker.
 */
public final class AnswerCheck {

    private final PromptPolicy policy;

    public AnswerCheck(PromptPolicy policy) {
        this.policy = policy;
    }

    /**
     * Why the answer is refused, in words for the viewer (the answer is not repeated back), or
     * empty when it may be used.
     *
     * @param variable the variable the open question stores its answer in
     */
    public Optional<String> refusal(CompiledStory story, String variable, String answer) {
        String text = answer.strip();
        List<PolicyFinding> found = new ArrayList<>(policy.check(text, story.consents(), false));
        for (Template prompt : promptsWith(story, variable)) {
            if (!found.isEmpty()) {
                break;
            }
            found.addAll(policy.check(fill(prompt, variable, text), story.consents()));
        }
        found.removeIf(f -> f.rule() == Rule.PERSON && f.unrecorded());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Rule rule = found.get(0).rule();
        String why = switch (rule) {
            case PERSON -> "it names a real person, and this story puts answers into generated video, which may not show real people";
            case MINORS -> "it asks for sexual content involving minors";
            case HARM -> "it asks for instructions for harm";
        };
        return Optional.of("The answer was not accepted: " + why + ". Answer again while the question is open,"
                + " or the story goes on with its default answer.");
    }

    /** The prompts (generate prompts and style modifiers) that interpolate the variable, in story order. */
    static List<Template> promptsWith(CompiledStory story, String variable) {
        List<Template> out = new ArrayList<>();
        for (CompiledStory.Scene scene : story.scenes()) {
            collect(scene.body(), variable, out);
        }
        return out;
    }

    private static void collect(List<Step> steps, String variable, List<Template> out) {
        for (Step s : steps) {
            if (s instanceof Step.Shot shot) {
                if (shot.source() instanceof ShotSource.Generate g && uses(g.prompt(), variable)) {
                    out.add(g.prompt());
                }
                if (shot.style() != null && uses(shot.style(), variable)) {
                    out.add(shot.style());
                }
            } else if (s instanceof Step.If ifs) {
                ifs.arms().forEach(a -> collect(a.body(), variable, out));
                collect(ifs.otherwise(), variable, out);
            }
        }
    }

    private static boolean uses(Template t, String variable) {
        return t.pieces().stream().anyMatch(p -> p.expr() != null && reads(p.expr(), variable));
    }

    private static boolean reads(Expression e, String variable) {
        if (e instanceof Expression.Variable v) {
            return v.name().equals(variable);
        }
        if (e instanceof Expression.Unary u) {
            return reads(u.operand(), variable);
        }
        return e instanceof Expression.Binary b && (reads(b.left(), variable) || reads(b.right(), variable));
    }

    /** The prompt's literal text with the answer where the variable stands; other values become a space. */
    private static String fill(Template t, String variable, String answer) {
        StringBuilder b = new StringBuilder();
        for (Template.Piece p : t.pieces()) {
            if (p.expr() == null) {
                b.append(p.text());
            } else {
                b.append(reads(p.expr(), variable) ? answer : " ");
            }
        }
        return b.toString();
    }
}
