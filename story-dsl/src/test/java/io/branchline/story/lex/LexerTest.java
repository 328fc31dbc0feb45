package io.branchline.story.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Token> tokens(String text) {
        Lexer lexer = new Lexer(SourceFile.ofString("t.story", text), diagnostics);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (!t.is(TokenType.EOF));
        return out;
    }

    private List<TokenType> types(String text) {
        return tokens(text).stream().map(Token::type).toList();
    }

    @Test
    void durationsAreMilliseconds() {
        List<Token> t = tokens("4s 1.5s 500ms 42 0.25");
        assertEquals(4000, t.get(0).number());
        assertEquals(1500, t.get(1).number());
        assertEquals(500, t.get(2).number());
        assertEquals(TokenType.NUMBER, t.get(3).type());
        assertEquals(0.25, t.get(4).number());
        assertEquals(0, diagnostics.size());
    }

    @Test
    void sceneMarksAtLineStartAndEqualityInside() {
        assertEquals(List.of(TokenType.SCENE_MARK, TokenType.WORD, TokenType.SCENE_MARK, TokenType.NEWLINE,
                TokenType.WORD, TokenType.EQ, TokenType.NUMBER, TokenType.EOF), types("=== a ===\nx == 1"));
        assertEquals(List.of(TokenType.SCENE_MARK, TokenType.WORD, TokenType.EOF), types("== alley"));
    }

    @Test
    void operators() {
        assertEquals(List.of(TokenType.TILDE, TokenType.WORD, TokenType.PLUS_ASSIGN, TokenType.NUMBER, TokenType.ARROW,
                TokenType.MINUS_ASSIGN, TokenType.NE, TokenType.LE, TokenType.GE, TokenType.LT, TokenType.GT,
                TokenType.STAR, TokenType.SLASH, TokenType.PERCENT, TokenType.LPAREN, TokenType.RPAREN, TokenType.EOF),
                types("~ x += 1 -> -= != <= >= < > * / % ( )"));
    }

    @Test
    void stringsResolveEscapesAndSplitInterpolations() {
        Token s = tokens("\"a \\\"b\\\" \\{c\\} {name}!\"").get(0);
        assertEquals(3, s.parts().size());
        assertEquals(new Token.StringPart.Text("a \"b\" {c} "), s.parts().get(0));
        assertEquals("name", ((Token.StringPart.Interpolation) s.parts().get(1)).inner().text());
        assertEquals(new Token.StringPart.Text("!"), s.parts().get(2));
    }

    @Test
    void commentsAreSkippedButNotInsideStrings() {
        List<Token> t = tokens("shot // a comment\n/* block\ncomment */ \"// kept\"");
        assertEquals(TokenType.WORD, t.get(0).type());
        assertEquals(TokenType.NEWLINE, t.get(1).type());
        assertEquals(TokenType.STRING, t.get(2).type());
        assertEquals(new Token.StringPart.Text("// kept"), t.get(2).parts().get(0));
    }

    @Test
    void crlfIsOneLineEnd() {
        assertEquals(List.of(TokenType.WORD, TokenType.NEWLINE, TokenType.WORD, TokenType.EOF), types("a\r\nb"));
    }

    @Test
    void mistakesAreReportedAndScanningGoesOn() {
        List<Token> t = tokens("@@ shot \"open\nx 4x \"bad \\q\" \"{}\" /* never closed");
        assertTrue(t.stream().anyMatch(k -> k.isWord("shot")));
        List<Code> codes = diagnostics.sorted().stream().map(Diagnostic::code).toList();
        assertEquals(List.of(Code.BL0010, Code.BL0011, Code.BL0014, Code.BL0012, Code.BL0015, Code.BL0013), codes);
    }
}
