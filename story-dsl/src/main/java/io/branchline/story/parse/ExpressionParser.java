package io.branchline.story.parse;

import io.branchline.story.ast.Expr;
import io.branchline.story.ast.Text;
import io.branchline.story.diag.Code;
import io.branchline.story.lex.Keywords;
import io.branchline.story.lex.Lexer;
import io.branchline.story.lex.Token;
import io.branchline.story.lex.TokenType;
import io.branchline.story.model.Value;
import io.branchline.story.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Expressions and string literals, one method per rule of the grammar:
 * {@code expr = and {or and}}, down to {@code primary}.
 */
final class ExpressionParser {

    /** Deeper nesting than this is reported rather than followed, so no input can exhaust the stack. */
    static final int MAX_DEPTH = 100;
    /** Longer expressions than this are reported, which bounds the height of every expression tree. */
    static final int MAX_OPERATORS = 500;

    private final TokenCursor in;
    private int depth;
    private int operators;

    ExpressionParser(TokenCursor in) {
        this.in = in;
    }

    Expr expression() {
        if (depth == 0) {
            operators = 0;
        }
        return or();
    }

    /** Counts one more operator of the current expression, refusing expressions too long to check safely. */
    private void operator(Span at) {
        if (++operators > MAX_OPERATORS) {
            throw in.error(Code.BL0025, at, "expression too long: at most " + MAX_OPERATORS
                    + " operators are allowed in one expression; split it with variables");
        }
    }

    private Expr or() {
        Expr left = and();
        while (in.atWord("or")) {
            operator(in.advance().span());
            Expr right = and();
            left = new Expr.Binary("or", left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (in.atWord("and")) {
            operator(in.advance().span());
            Expr right = not();
            left = new Expr.Binary("and", left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr not() {
        if (in.atWord("not")) {
            Token op = in.advance();
            operator(op.span());
            Expr operand = nested(this::not, op.span());
            return new Expr.Unary("not", operand, op.span().to(operand.span()));
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = sum();
        if (in.at(TokenType.ASSIGN)) {
            throw in.error(in.current().span(), "expected a comparison such as '==' but found '='; '=' sets a variable, '==' compares");
        }
        if (isComparison(in.current().type())) {
            operator(in.current().span());
            String op = in.advance().text();
            Expr right = sum();
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
            if (isComparison(in.current().type())) {
                throw in.error(in.current().span(), "expected the end of the comparison but found " + in.current().describe()
                        + "; comparisons do not chain, join them with 'and'");
            }
        }
        return left;
    }

    private static boolean isComparison(TokenType t) {
        return t == TokenType.EQ || t == TokenType.NE || t == TokenType.LT || t == TokenType.LE
                || t == TokenType.GT || t == TokenType.GE;
    }

    private Expr sum() {
        Expr left = term();
        while (in.at(TokenType.PLUS) || in.at(TokenType.MINUS)) {
            operator(in.current().span());
            String op = in.advance().text();
            Expr right = term();
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (in.at(TokenType.STAR) || in.at(TokenType.SLASH) || in.at(TokenType.PERCENT)) {
            operator(in.current().span());
            String op = in.advance().text();
            Expr right = unary();
            left = new Expr.Binary(op, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr unary() {
        if (in.at(TokenType.MINUS)) {
            Token op = in.advance();
            operator(op.span());
            Expr operand = nested(this::unary, op.span());
            return new Expr.Unary("-", operand, op.span().to(operand.span()));
        }
        return primary();
    }

    private Expr primary() {
        Token t = in.current();
        switch (t.type()) {
            case NUMBER -> {
                in.advance();
                return new Expr.Literal(new Value.Num(t.number()), t.span());
            }
            case STRING -> {
                in.advance();
                Text text = text(t);
                if (!text.isPlain()) {
                    in.diagnostics().report(Code.BL0041, t.span(),
                            "interpolation is not allowed in a string inside an expression; join the pieces with '+'");
                }
                return new Expr.Literal(new Value.Str(text.plain()), t.span());
            }
            case LPAREN -> {
                in.advance();
                Expr inner = nested(this::or, t.span());
                in.expect(TokenType.RPAREN, "')' to close the '(' at column " + t.span().column());
                return inner;
            }
            case DURATION -> throw in.error(t.span(), "expected an expression but found the duration " + t.describe()
                    + "; durations are not values, write a plain number");
            case WORD -> {
                return word(t);
            }
            default -> throw in.error(t.span(), "expected an expression (a number, a string, true, false, a variable or visits(SCENE)) but found "
                    + t.describe());
        }
    }

    private Expr word(Token t) {
        switch (t.text()) {
            case "true", "false" -> {
                in.advance();
                return new Expr.Literal(new Value.Bool(t.text().equals("true")), t.span());
            }
            case "visits" -> {
                in.advance();
                in.expect(TokenType.LPAREN, "'(' after visits");
                Token scene = in.expect(TokenType.WORD, "a scene name inside visits( )");
                Token close = in.expect(TokenType.RPAREN, "')' to close visits(");
                return new Expr.Visits(scene.text(), scene.span(), t.span().to(close.span()));
            }
            default -> {
                if (Keywords.isReserved(t.text())) {
                    throw in.error(t.span(), "expected an expression but found the keyword '" + t.text() + "'");
                }
                in.advance();
                return new Expr.Variable(t.text(), t.span());
            }
        }
    }

    private Expr nested(java.util.function.Supplier<Expr> rule, Span at) {
        if (depth >= MAX_DEPTH) {
            throw in.error(Code.BL0025, at, "expression nested too deeply: at most " + MAX_DEPTH
                    + " levels of parentheses, 'not' and '-' are allowed; split it with a variable");
        }
        depth++;
        try {
            return rule.get();
        } finally {
            depth--;
        }
    }

    /** A string token's pieces, each interpolation parsed as an expression of its own. */
    Text text(Token string) {
        List<Text.Part> parts = new ArrayList<>();
        for (Token.StringPart part : string.parts()) {
            if (part instanceof Token.StringPart.Text literal) {
                parts.add(new Text.Literal(literal.text()));
            } else if (part instanceof Token.StringPart.Interpolation interpolation) {
                parts.add(new Text.Interpolation(interpolated(interpolation.inner())));
            }
        }
        return new Text(List.copyOf(parts), string.span());
    }

    private Expr interpolated(Span inner) {
        TokenCursor sub = new TokenCursor(new Lexer(inner.file(), inner.start(), inner.end(), in.diagnostics()), in.diagnostics());
        try {
            Expr expr = new ExpressionParser(sub).expression();
            if (!sub.at(TokenType.EOF)) {
                throw sub.error(Code.BL0015, sub.current().span(),
                        "expected '}' to end the interpolation but found " + sub.current().describe());
            }
            return expr;
        } catch (ParseError e) {
            return new Expr.Invalid(inner);
        }
    }
}
