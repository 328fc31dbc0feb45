package io.branchline.story.lex;

import io.branchline.story.source.Span;
import java.util.List;

/**
 * One token.
 *
 * @param type   its kind
 * @param text   the source text it covers
 * @param span   where it is
 * @param number the value of a NUMBER, or the milliseconds of a DURATION
 * @param parts  for a STRING, its literal pieces and interpolations, escapes resolved
 */
public record Token(TokenType type, String text, Span span, double number, List<StringPart> parts) {

    public boolean is(TokenType t) {
        return type == t;
    }

    /** True for a word with exactly this text, such as the keyword {@code shot}. */
    public boolean isWord(String word) {
        return type == TokenType.WORD && text.equals(word);
    }

    /** How a message names this token: "'shot'", "the end of the line". */
    public String describe() {
        return switch (type) {
            case NEWLINE, EOF -> type.description();
            case STRING -> "the string " + abbreviate(text);
            default -> "'" + abbreviate(text) + "'";
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 27) + "…" : s;
    }

    /** A piece of a string literal: literal text, or the source range of an {@code {expr}}. */
    public sealed interface StringPart {
        /** Literal text with escapes already resolved. */
        record Text(String text) implements StringPart {
        }

        /** An interpolation; {@code inner} covers the expression between the braces. */
        record Interpolation(Span inner) implements StringPart {
        }
    }
}
