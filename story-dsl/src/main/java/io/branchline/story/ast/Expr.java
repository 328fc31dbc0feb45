package io.branchline.story.ast;

import io.branchline.story.model.Value;
import io.branchline.story.source.Span;

/** An expression as written, with where each piece stands in the source. */
public sealed interface Expr {

    Span span();

    /** A number, string or bool written in the source. */
    record Literal(Value value, Span span) implements Expr {
    }

    /** A variable read by name. */
    record Variable(String name, Span span) implements Expr {
    }

    /** {@code visits(SCENE)}. */
    record Visits(String scene, Span sceneSpan, Span span) implements Expr {
    }

    /** {@code -x} or {@code not x}. */
    record Unary(String op, Expr operand, Span span) implements Expr {
    }

    /** A binary operation such as {@code a + b} or {@code a and b}. */
    record Binary(String op, Expr left, Expr right, Span span) implements Expr {
    }

    /** A placeholder where parsing failed; already reported, checked as any type. */
    record Invalid(Span span) implements Expr {
    }
}
