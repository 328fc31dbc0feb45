package io.branchline.story.ast;

import io.branchline.story.source.Span;
import java.util.List;

/**
 * A string literal as written: literal pieces and {@code {expr}} interpolations.
 *
 * @param parts the pieces in order
 * @param span  the whole literal, quotes included
 */
public record Text(List<Part> parts, Span span) {

    /** A piece of a string literal. */
    public sealed interface Part {
    }

    /** Literal text, escapes resolved. */
    public record Literal(String text) implements Part {
    }

    /** An interpolated expression. */
    public record Interpolation(Expr expr) implements Part {
    }

    public boolean isPlain() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The literal text when there is no interpolation. */
    public String plain() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                b.append(l.text());
            }
        }
        return b.toString();
    }
}
