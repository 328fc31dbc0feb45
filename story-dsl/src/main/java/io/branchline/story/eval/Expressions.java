package io.branchline.story.eval;

import io.branchline.story.model.Expression;
import io.branchline.story.model.Template;
import io.branchline.story.model.Value;

/** Evaluates checked expressions and templates in a viewer's state. */
final class Expressions {

    private Expressions() {
    }

    static Value eval(Expression e, ViewerState state) {
        if (e instanceof Expression.Literal l) {
            return l.value();
        }
        if (e instanceof Expression.Variable v) {
            Value value = state.variables().get(v.name());
            if (value == null) {
                throw new StoryStop("the story reads a variable '" + v.name() + "' that it never declared");
            }
            return value;
        }
        if (e instanceof Expression.Visits v) {
            return new Value.Num(state.visitsOf(v.scene()));
        }
        if (e instanceof Expression.Unary u) {
            Value operand = eval(u.operand(), state);
            return u.op().equals("not") ? new Value.Bool(!bool(operand)) : new Value.Num(-num(operand));
        }
        Expression.Binary b = (Expression.Binary) e;
        switch (b.op()) {
            case "and" -> {
                return new Value.Bool(bool(eval(b.left(), state)) && bool(eval(b.right(), state)));
            }
            case "or" -> {
                return new Value.Bool(bool(eval(b.left(), state)) || bool(eval(b.right(), state)));
            }
            default -> {
                return binary(b.op(), eval(b.left(), state), eval(b.right(), state));
            }
        }
    }

    static Value binary(String op, Value l, Value r) {
        switch (op) {
            case "==" -> {
                return new Value.Bool(l.equals(r));
            }
            case "!=" -> {
                return new Value.Bool(!l.equals(r));
            }
            case "+" -> {
                if (l instanceof Value.Str || r instanceof Value.Str) {
                    return new Value.Str(l.display() + r.display());
                }
                return new Value.Num(num(l) + num(r));
            }
            case "-" -> {
                return new Value.Num(num(l) - num(r));
            }
            case "*" -> {
                return new Value.Num(num(l) * num(r));
            }
            case "/", "%" -> {
                if (num(r) == 0) {
                    throw new StoryStop("the story divides by zero ('" + op + "' by 0)");
                }
                return new Value.Num(op.equals("/") ? num(l) / num(r) : num(l) % num(r));
            }
            case "<" -> {
                return new Value.Bool(num(l) < num(r));
            }
            case "<=" -> {
                return new Value.Bool(num(l) <= num(r));
            }
            case ">" -> {
                return new Value.Bool(num(l) > num(r));
            }
            case ">=" -> {
                return new Value.Bool(num(l) >= num(r));
            }
            default -> throw new StoryStop("unknown operator '" + op + "'");
        }
    }

    static String text(Template t, ViewerState state) {
        StringBuilder b = new StringBuilder();
        for (Template.Piece p : t.pieces()) {
            b.append(p.expr() == null ? p.text() : eval(p.expr(), state).display());
        }
        return b.toString();
    }

    static boolean bool(Value v) {
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        throw new StoryStop("expected a bool but found the " + v.type().word() + " " + v.display());
    }

    static double num(Value v) {
        if (v instanceof Value.Num n) {
            return n.value();
        }
        throw new StoryStop("expected a number but found the " + v.type().word() + " " + v.display());
    }
}
