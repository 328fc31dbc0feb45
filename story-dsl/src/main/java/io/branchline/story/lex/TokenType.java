package io.branchline.story.lex;

/** The kinds of token; keywords are {@link #WORD}s, told apart by their text. */
public enum TokenType {
    WORD("a name"),
    NUMBER("a number"),
    DURATION("a duration"),
    STRING("a string"),
    SCENE_MARK("'=='"),
    COLON("':'"),
    ASSIGN("'='"),
    PLUS_ASSIGN("'+='"),
    MINUS_ASSIGN("'-='"),
    EQ("'=='"),
    NE("'!='"),
    LT("'<'"),
    LE("'<='"),
    GT("'>'"),
    GE("'>='"),
    PLUS("'+'"),
    MINUS("'-'"),
    STAR("'*'"),
    SLASH("'/'"),
    PERCENT("'%'"),
    LPAREN("'('"),
    RPAREN("')'"),
    TILDE("'~'"),
    ARROW("'->'"),
    NEWLINE("the end of the line"),
    EOF("the end of the file");

    private final String description;

    TokenType(String description) {
        this.description = description;
    }

    /** How messages name this kind of token: "expected a string but found …". */
    public String description() {
        return description;
    }
}
