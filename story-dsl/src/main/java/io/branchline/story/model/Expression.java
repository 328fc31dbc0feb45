package io.branchline.story.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An expression of the compiled story, already checked for names and types. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Expression.Literal.class, name = "literal"),
        @JsonSubTypes.Type(value = Expression.Variable.class, name = "variable"),
        @JsonSubTypes.Type(value = Expression.Visits.class, name = "visits"),
        @JsonSubTypes.Type(value = Expression.Unary.class, name = "unary"),
        @JsonSubTypes.Type(value = Expression.Binary.class, name = "binary")})
public sealed interface Expression {

    /** A constant. */
    record Literal(Value value) implements Expression {
    }

    /** The current value of a variable. */
    record Variable(String name) implements Expression {
    }

    /** How many times the viewer has entered a scene, the current visit included. */
    record Visits(String scene) implements Expression {
    }

    /** {@code -} or {@code not}. */
    record Unary(String op, Expression operand) implements Expression {
    }

    /** {@code or and == != < <= > >= + - * / %}. */
    record Binary(String op, Expression left, Expression right) implements Expression {
    }
}
