package io.branchline.story.parse;

import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.lex.Lexer;
import io.branchline.story.lex.Token;
import io.branchline.story.lex.TokenType;
import io.branchline.story.source.Span;

/** The parser's view of the token stream: the current token, one token of lookahead, and errors. */
final class TokenCursor {

    private final Lexer lexer;
    private final Diagnostics diagnostics;
    private Token current;
    private Token lookahead;

    TokenCursor(Lexer lexer, Diagnostics diagnostics) {
        this.lexer = lexer;
        this.diagnostics = diagnostics;
        this.current = lexer.next();
    }

    Token current() {
        return current;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Lexer lexer() {
        return lexer;
    }

    Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    Token advance() {
        Token previous = current;
        if (lookahead != null) {
            current = lookahead;
            lookahead = null;
        } else {
            current = lexer.next();
        }
        return previous;
    }

    boolean at(TokenType type) {
        return current.type() == type;
    }

    boolean atWord(String word) {
        return current.isWord(word);
    }

    boolean atLineEnd() {
        return at(TokenType.NEWLINE) || at(TokenType.EOF);
    }

    /** Consumes the word if it is current. */
    boolean match(String word) {
        if (current.isWord(word)) {
            advance();
            return true;
        }
        return false;
    }

    Token expect(TokenType type, String what) {
        if (current.type() != type) {
            throw error(current.span(), "expected " + what + " but found " + current.describe());
        }
        return advance();
    }

    void expectWord(String word) {
        if (!current.isWord(word)) {
            throw error(current.span(), "expected '" + word + "' but found " + current.describe());
        }
        advance();
    }

    /** The statement must end here: the end of the line or of the file. */
    void expectLineEnd() {
        if (at(TokenType.NEWLINE)) {
            advance();
        } else if (!at(TokenType.EOF)) {
            throw error(current.span(), "expected the end of the line but found " + current.describe());
        }
    }

    /** Reports a syntax error and returns the exception that unwinds to the next line. */
    ParseError error(Span span, String message) {
        return error(Code.BL0020, span, message);
    }

    ParseError error(Code code, Span span, String message) {
        diagnostics.report(code, span, message);
        return new ParseError();
    }

    /** Unwinds to the next line for a mistake that was already reported (by the lexer). */
    ParseError abandon() {
        return new ParseError();
    }

    /** Panic-mode recovery: skips to just past the end of the current line. */
    void skipLine() {
        while (!at(TokenType.NEWLINE) && !at(TokenType.EOF)) {
            advance();
        }
        if (at(TokenType.NEWLINE)) {
            advance();
        }
    }
}
