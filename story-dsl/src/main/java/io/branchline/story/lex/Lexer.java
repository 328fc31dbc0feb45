package io.branchline.story.lex;

import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.source.SourceFile;
import io.branchline.story.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written scanner that the parser pulls tokens from, one at a time. Statements
 * end at the end of their line, so line ends are tokens. Mistakes become diagnostics and
 * the scanner carries on, so one run reports every one of them.
 */
public final class Lexer {

    private final SourceFile file;
    private final String src;
    private final int end;
    private final Diagnostics diagnostics;
    private int pos;
    private boolean atLineStart = true;
    private boolean unterminatedComment;

    public Lexer(SourceFile file, Diagnostics diagnostics) {
        this(file, 0, file.text().length(), diagnostics);
    }

    /** A scanner over part of a file, such as the expression inside an interpolation. */
    public Lexer(SourceFile file, int start, int end, Diagnostics diagnostics) {
        this.file = file;
        this.src = file.text();
        this.pos = start;
        this.end = end;
        this.diagnostics = diagnostics;
    }

    public SourceFile file() {
        return file;
    }

    /** Whether a {@code /*} comment ran to the end of the input, hiding whatever came after it. */
    public boolean unterminatedComment() {
        return unterminatedComment;
    }

    /** The next token; after the end of the input, EOF again and again. */
    public Token next() {
        while (true) {
            skipBlanksAndComments();
            if (pos >= end) {
                return token(TokenType.EOF, pos, pos);
            }
            int start = pos;
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r') {
                pos += (c == '\r' && pos + 1 < end && src.charAt(pos + 1) == '\n') ? 2 : 1;
                atLineStart = true;
                return token(TokenType.NEWLINE, start, pos);
            }
            boolean lineStart = atLineStart;
            atLineStart = false;
            if (isIdentStart(c)) {
                while (pos < end && isIdentPart(src.charAt(pos))) {
                    pos++;
                }
                return token(TokenType.WORD, start, pos);
            }
            if (isDigit(c)) {
                return number(start);
            }
            if (c == '"') {
                return string(start, "\"");
            }
            if (OPENING_QUOTES.indexOf(c) >= 0) {
                diagnostics.report(Code.BL0010, new Span(file, start, start + 1), "typographic quote " + describeChar(c)
                        + "; strings are written in straight double quotes (\")");
                return string(start, CLOSING_QUOTES);
            }
            Token symbol = symbol(start, c, lineStart);
            if (symbol != null) {
                return symbol;
            }
            skipUnexpected(start);
        }
    }

    /**
     * The raw text from here to the end of the line, for header values that are free text.
     * A trailing {@code //} comment outside quotes is left out; the line end is not consumed.
     */
    public Span restOfLine() {
        int start = pos;
        while (start < end && (src.charAt(start) == ' ' || src.charAt(start) == '\t')) {
            start++;
        }
        int stop = start;
        boolean quoted = false;
        while (stop < end && src.charAt(stop) != '\n' && src.charAt(stop) != '\r') {
            char c = src.charAt(stop);
            if (c == '"' && (stop == start || src.charAt(stop - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '/' && stop + 1 < end && (src.charAt(stop + 1) == '/' || src.charAt(stop + 1) == '*')) {
                break;
            }
            stop++;
        }
        pos = stop;
        int trimmed = stop;
        while (trimmed > start && (src.charAt(trimmed - 1) == ' ' || src.charAt(trimmed - 1) == '\t')) {
            trimmed--;
        }
        return new Span(file, start, trimmed);
    }

    private void skipBlanksAndComments() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\uFEFF') {
                pos++;
            } else if (c == '/' && pos + 1 < end && src.charAt(pos + 1) == '/') {
                while (pos < end && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < end && src.charAt(pos + 1) == '*') {
                int start = pos;
                int close = src.indexOf("*/", pos + 2);
                if (close < 0 || close + 2 > end) {
                    diagnostics.report(Code.BL0013, new Span(file, start, start + 2),
                            "unterminated comment: expected '*/' to close the '/*' opened here");
                    pos = end;
                    unterminatedComment = true;
                } else {
                    pos = close + 2;
                }
            } else {
                return;
            }
        }
    }

    private Token number(int start) {
        while (pos < end && isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < end && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1))) {
            pos++;
            while (pos < end && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        int numberEnd = pos;
        double value;
        try {
            value = Double.parseDouble(src.substring(start, numberEnd));
        } catch (NumberFormatException e) {
            value = 0;
        }
        int unitStart = pos;
        while (pos < end && isIdentPart(src.charAt(pos))) {
            pos++;
        }
        String unit = src.substring(unitStart, pos);
        switch (unit) {
            case "" -> {
                return new Token(TokenType.NUMBER, src.substring(start, pos), new Span(file, start, pos), value, List.of());
            }
            case "s" -> {
                return new Token(TokenType.DURATION, src.substring(start, pos), new Span(file, start, pos), value * 1000, List.of());
            }
            case "ms" -> {
                return new Token(TokenType.DURATION, src.substring(start, pos), new Span(file, start, pos), value, List.of());
            }
            default -> {
                diagnostics.report(Code.BL0014, new Span(file, start, pos),
                        "'" + src.substring(start, pos) + "' is not a number or a duration; expected a number such as 3 or 0.25, or a duration such as 4s or 500ms");
                return new Token(TokenType.NUMBER, src.substring(start, pos), new Span(file, start, pos), value, List.of());
            }
        }
    }

    private static final String OPENING_QUOTES = "\u201C\u201D\u201E";
    private static final String CLOSING_QUOTES = "\"\u201C\u201D";

    /** A string literal that ends at any of {@code closing}; curly quotes are read as strings after they are reported. */
    private Token string(int start, String closing) {
        pos++;
        List<Token.StringPart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            if (pos >= end || src.charAt(pos) == '\n' || src.charAt(pos) == '\r') {
                diagnostics.report(Code.BL0011, new Span(file, start, pos),
                        "unterminated string: expected a closing '\"' before the end of the line");
                break;
            }
            char c = src.charAt(pos);
            if (closing.indexOf(c) >= 0) {
                pos++;
                break;
            }
            if (c == '\\') {
                escape(text);
            } else if (c == '{') {
                if (!text.isEmpty()) {
                    parts.add(new Token.StringPart.Text(text.toString()));
                    text.setLength(0);
                }
                interpolation(parts);
            } else if (c == '}') {
                diagnostics.report(Code.BL0015, new Span(file, pos, pos + 1),
                        "a '}' with no '{' before it; write \\} for a literal brace");
                pos++;
            } else {
                text.append(c);
                pos++;
            }
        }
        if (!text.isEmpty() || parts.isEmpty()) {
            parts.add(new Token.StringPart.Text(text.toString()));
        }
        return new Token(TokenType.STRING, src.substring(start, pos), new Span(file, start, pos), 0, List.copyOf(parts));
    }

    private void escape(StringBuilder text) {
        int start = pos;
        pos++;
        if (pos >= end || src.charAt(pos) == '\n' || src.charAt(pos) == '\r') {
            return;
        }
        char e = src.charAt(pos++);
        switch (e) {
            case '"' -> text.append('"');
            case '\\' -> text.append('\\');
            case 'n' -> text.append('\n');
            case '{' -> text.append('{');
            case '}' -> text.append('}');
            default -> diagnostics.report(Code.BL0012, new Span(file, start, pos),
                    "unknown escape '\\" + e + "'; expected one of \\\" \\\\ \\n \\{ \\}");
        }
    }

    private void interpolation(List<Token.StringPart> parts) {
        int open = pos;
        pos++;
        int innerStart = pos;
        int quote = -1;
        while (pos < end && src.charAt(pos) != '}' && src.charAt(pos) != '\n' && src.charAt(pos) != '\r' && src.charAt(pos) != '{') {
            if (src.charAt(pos) == '"' && quote < 0) {
                quote = pos;
            }
            pos++;
        }
        if (quote >= 0 && pos < end && src.charAt(pos) == '}') {
            pos++;
            diagnostics.report(Code.BL0015, new Span(file, quote, quote + 1),
                    "a string cannot stand inside {…}; put the text outside the braces, or keep it in a variable");
            return;
        }
        if (quote >= 0) {
            pos = quote;
        }
        if (pos >= end || src.charAt(pos) != '}') {
            diagnostics.report(Code.BL0015, new Span(file, open, pos),
                    "unclosed interpolation: expected '}' after the expression that starts at '{' (write \\{ for a literal brace)");
            return;
        }
        Span inner = new Span(file, innerStart, pos);
        pos++;
        if (inner.text().isBlank()) {
            diagnostics.report(Code.BL0015, new Span(file, open, pos),
                    "empty interpolation: expected an expression between '{' and '}' (write \\{ for a literal brace)");
            return;
        }
        parts.add(new Token.StringPart.Interpolation(inner));
    }

    private Token symbol(int start, char c, boolean lineStart) {
        char n = pos + 1 < end ? src.charAt(pos + 1) : '\0';
        switch (c) {
            case '=' -> {
                int run = 0;
                while (pos + run < end && src.charAt(pos + run) == '=') {
                    run++;
                }
                if (run == 1) {
                    return advance(TokenType.ASSIGN, start, 1);
                }
                if (run == 2 && !lineStart) {
                    return advance(TokenType.EQ, start, 2);
                }
                return advance(TokenType.SCENE_MARK, start, run);
            }
            case ':' -> {
                return advance(TokenType.COLON, start, 1);
            }
            case '+' -> {
                return n == '=' ? advance(TokenType.PLUS_ASSIGN, start, 2) : advance(TokenType.PLUS, start, 1);
            }
            case '-' -> {
                if (n == '>') {
                    return advance(TokenType.ARROW, start, 2);
                }
                return n == '=' ? advance(TokenType.MINUS_ASSIGN, start, 2) : advance(TokenType.MINUS, start, 1);
            }
            case '!' -> {
                return n == '=' ? advance(TokenType.NE, start, 2) : null;
            }
            case '<' -> {
                return n == '=' ? advance(TokenType.LE, start, 2) : advance(TokenType.LT, start, 1);
            }
            case '>' -> {
                return n == '=' ? advance(TokenType.GE, start, 2) : advance(TokenType.GT, start, 1);
            }
            case '*' -> {
                return advance(TokenType.STAR, start, 1);
            }
            case '/' -> {
                return advance(TokenType.SLASH, start, 1);
            }
            case '%' -> {
                return advance(TokenType.PERCENT, start, 1);
            }
            case '(' -> {
                return advance(TokenType.LPAREN, start, 1);
            }
            case ')' -> {
                return advance(TokenType.RPAREN, start, 1);
            }
            case '~' -> {
                return advance(TokenType.TILDE, start, 1);
            }
            default -> {
                return null;
            }
        }
    }

    /** Reports a run of characters the language has no use for, once, and skips it. */
    private void skipUnexpected(int start) {
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        while (pos < end) {
            int next = src.codePointAt(pos);
            if (next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '"' || isIdentStart(next)
                    || isDigit(next) || "=:+-!<>*/%()~".indexOf(next) >= 0) {
                break;
            }
            pos += Character.charCount(next);
        }
        String what = describeChar(cp);
        String hint = Character.isLetter(cp)
                ? "; names use only the letters A-Z and a-z, digits and '_' (non-English text belongs in quotes)"
                : "; expected a name, a number, a string in double quotes or an operator";
        diagnostics.report(Code.BL0010, new Span(file, start, pos), "unexpected character " + what + hint);
    }

    private static String describeChar(int cp) {
        if (cp == 0) {
            return "NUL (U+0000)";
        }
        if (Character.isISOControl(cp) || !Character.isDefined(cp) || Character.getType(cp) == Character.FORMAT) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'" + String.format(" (U+%04X)", cp);
    }

    private Token advance(TokenType type, int start, int length) {
        pos = start + length;
        return token(type, start, pos);
    }

    private Token token(TokenType type, int start, int stop) {
        return new Token(type, src.substring(start, stop), new Span(file, start, stop), 0, List.of());
    }

    private static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(int c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
