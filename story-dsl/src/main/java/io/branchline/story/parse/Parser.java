package io.branchline.story.parse;

import io.branchline.story.ast.AssetPath;
import io.branchline.story.ast.Duration;
import io.branchline.story.ast.Expr;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Target;
import io.branchline.story.ast.Text;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.lex.Keywords;
import io.branchline.story.lex.Lexer;
import io.branchline.story.lex.Token;
import io.branchline.story.lex.TokenType;
import io.branchline.story.model.Value;
import io.branchline.story.source.SourceFile;
import io.branchline.story.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser that reads like the grammar. On a syntax error it reports,
 * skips to the next line and goes on, so one run reports every error of a file.
 */
public final class Parser {

    /** Deeper {@code if} nesting than this is reported rather than followed. */
    public static final int MAX_IF_DEPTH = 100;

    private static final Set<String> MODIFIERS = Set.of("caption", "transition", "style", "seed", "audio");
    private static final Set<String> BLOCK_ENDS = Set.of("elif", "else", "end");

    private final TokenCursor in;
    private final ExpressionParser expressions;
    private final ShotParser shots;
    private int ifDepth;
    private boolean swallowed;

    private Parser(SourceFile file, Diagnostics diagnostics) {
        this.in = new TokenCursor(new Lexer(file, diagnostics), diagnostics);
        this.expressions = new ExpressionParser(in);
        this.shots = new ShotParser(in, expressions, this);
    }

    /** Parses one file; problems go to {@code diagnostics}, the tree is always returned. */
    public static StoryFile parse(SourceFile file, Diagnostics diagnostics) {
        return new Parser(file, diagnostics).file(file);
    }

    private StoryFile file(SourceFile file) {
        List<StoryFile.Header> headers = new ArrayList<>();
        List<StoryFile.Include> includes = new ArrayList<>();
        List<StoryFile.VarDecl> vars = new ArrayList<>();
        List<StoryFile.Scene> scenes = new ArrayList<>();
        while (!in.at(TokenType.EOF) && !in.at(TokenType.SCENE_MARK)) {
            if (in.at(TokenType.NEWLINE)) {
                in.advance();
                continue;
            }
            try {
                if (in.atWord("include")) {
                    includes.add(include());
                } else if (in.atWord("var")) {
                    vars.add(var());
                } else if (isHeaderLine()) {
                    headers.add(header());
                } else if (startsStatement(in.current())) {
                    throw in.error(Code.BL0028, in.current().span(), "expected a scene line such as '=== start ===' before "
                            + in.current().describe() + "; statements belong inside a scene");
                } else {
                    throw in.error(in.current().span(), "expected a header line (such as 'title: …'), 'include', 'var' or a scene line (such as '=== start ===') but found "
                            + in.current().describe());
                }
            } catch (ParseError e) {
                in.skipLine();
            }
        }
        while (in.at(TokenType.SCENE_MARK)) {
            StoryFile.Scene scene = scene();
            if (scene != null) {
                scenes.add(scene);
            }
        }
        return new StoryFile(file, List.copyOf(headers), List.copyOf(includes), List.copyOf(vars), List.copyOf(scenes));
    }

    private boolean isHeaderLine() {
        return in.at(TokenType.WORD) && in.peek().is(TokenType.COLON);
    }

    private static boolean startsStatement(Token t) {
        return t.is(TokenType.TILDE) || t.is(TokenType.ARROW) || t.is(TokenType.STAR)
                || (t.is(TokenType.WORD) && (Set.of("shot", "if", "choice", "ask").contains(t.text()) || MODIFIERS.contains(t.text())));
    }

    private StoryFile.Include include() {
        Token keyword = in.advance();
        Token path = in.expect(TokenType.STRING, "the path of a .story file in double quotes after 'include'");
        Text text = expressions.text(path);
        requirePlainOrAbandon(text, "an include path");
        in.expectLineEnd();
        return new StoryFile.Include(text.plain(), path.span(), keyword.span().to(path.span()));
    }

    private StoryFile.VarDecl var() {
        Token keyword = in.advance();
        Token name = name("a variable name after 'var'");
        in.expect(TokenType.ASSIGN, "'=' and a starting value after the variable name");
        Token first = in.current();
        Value value;
        Span end;
        if (in.at(TokenType.MINUS) && in.peek().is(TokenType.NUMBER)) {
            in.advance();
            Token number = in.advance();
            value = new Value.Num(-number.number());
            end = number.span();
        } else if (in.at(TokenType.NUMBER)) {
            value = new Value.Num(in.current().number());
            end = in.advance().span();
        } else if (in.at(TokenType.STRING)) {
            Text text = expressions.text(in.current());
            requirePlain(text, "a variable's starting value");
            value = new Value.Str(text.plain());
            end = in.advance().span();
        } else if (in.atWord("true") || in.atWord("false")) {
            value = new Value.Bool(in.current().text().equals("true"));
            end = in.advance().span();
        } else {
            throw in.error(first.span(), "expected a starting value (a number, a string, true or false) but found " + first.describe());
        }
        in.expectLineEnd();
        return new StoryFile.VarDecl(name.text(), name.span(), value, keyword.span().to(end));
    }

    private StoryFile.Header header() {
        Token key = in.advance();
        // The colon is current and nothing is buffered past it, so the lexer stands right after it.
        Span value = in.lexer().restOfLine();
        in.advance();
        in.expectLineEnd();
        return new StoryFile.Header(key.text(), key.span(), value);
    }

    private StoryFile.Scene scene() {
        Token mark = in.advance();
        Token id;
        try {
            if (in.at(TokenType.WORD) && Keywords.isReserved(in.current().text())) {
                // Keep the scene under its wrong name, so its body is still checked and nothing else cascades.
                in.diagnostics().report(Code.BL0029, in.current().span(), "'" + in.current().text()
                        + "' is a keyword and cannot be used as a name; expected a scene name after '" + mark.text() + "'");
                id = in.advance();
            } else {
                id = name("a scene name after '" + mark.text() + "'");
            }
        } catch (ParseError e) {
            in.skipLine();
            block(false);
            return null;
        }
        try {
            while (in.at(TokenType.SCENE_MARK) || in.at(TokenType.EQ) || in.at(TokenType.ASSIGN)) {
                in.advance();
            }
            in.expectLineEnd();
        } catch (ParseError e) {
            // Junk after the name: said once; the scene and its body are still read and checked.
            in.skipLine();
        }
        List<Stmt> body = block(false);
        Span span = mark.span().to(id.span());
        return new StoryFile.Scene(id.text(), id.span(), body, span);
    }

    /**
     * Statements up to the next scene, or, inside an {@code if}, up to its {@code elif},
     * {@code else} or {@code end} (left for the caller).
     */
    List<Stmt> block(boolean insideIf) {
        List<Stmt> body = new ArrayList<>();
        while (!in.at(TokenType.EOF) && !in.at(TokenType.SCENE_MARK)) {
            if (in.at(TokenType.NEWLINE)) {
                in.advance();
                continue;
            }
            Token first = in.current();
            if (first.is(TokenType.WORD) && BLOCK_ENDS.contains(first.text())) {
                if (insideIf) {
                    break;
                }
                in.diagnostics().report(Code.BL0026, first.span(), "'" + first.text() + "' without an open 'if'; expected a statement");
                in.skipLine();
                continue;
            }
            try {
                statement(body);
            } catch (ParseError e) {
                in.skipLine();
                body.add(new Stmt.Invalid(first.span()));
            }
        }
        if (in.at(TokenType.EOF) && in.lexer().unterminatedComment() && !swallowed) {
            // The rest of the file went into an unclosed comment: what this block held is unknown.
            swallowed = true;
            body.add(new Stmt.Invalid(in.current().span()));
        }
        return body;
    }

    private void statement(List<Stmt> body) {
        Token t = in.current();
        if (t.is(TokenType.TILDE)) {
            in.advance();
            Stmt.Assign assign = assignment(t.span());
            in.expectLineEnd();
            body.add(assign);
        } else if (t.is(TokenType.ARROW)) {
            in.advance();
            Target target = target();
            in.expectLineEnd();
            body.add(new Stmt.Divert(target, t.span().to(target.span())));
        } else if (t.is(TokenType.STAR)) {
            throw in.error(t.span(), "an option ('*') must follow a 'choice' line or another option");
        } else if (t.isWord("include") || t.isWord("var") || (isHeaderLine() && Keywords.HEADER_KEYS.contains(t.text()))) {
            throw in.error(Code.BL0023, t.span(), "'" + t.text() + "' belongs before the first scene; inside a scene expected a statement");
        } else if (isHeaderLine()) {
            throw in.error(in.peek().span(), "expected a statement but found '" + t.text() + ":'"
                    + (Keywords.isReserved(t.text()) ? "; write '" + t.text() + "' without the ':'" : ""));
        } else if (t.isWord("shot")) {
            body.add(shots.shot());
        } else if (t.is(TokenType.WORD) && MODIFIERS.contains(t.text())) {
            shots.modifier(body);
        } else if (t.isWord("if")) {
            body.add(ifBlock());
        } else if (t.isWord("choice")) {
            body.add(choice());
        } else if (t.isWord("ask")) {
            body.add(ask());
        } else {
            throw in.error(t.span(), "expected a statement (shot, caption, ~, if, ->, choice or ask) but found " + t.describe());
        }
    }

    Stmt.Assign assignment(Span start) {
        Token name = in.expect(TokenType.WORD, "a variable name after '~'");
        String op;
        if (in.at(TokenType.ASSIGN) || in.at(TokenType.PLUS_ASSIGN) || in.at(TokenType.MINUS_ASSIGN)) {
            op = in.advance().text();
        } else {
            throw in.error(in.current().span(), "expected '=', '+=' or '-=' after '" + name.text() + "' but found " + in.current().describe());
        }
        Expr value = expressions.expression();
        return new Stmt.Assign(name.text(), name.span(), op, value, start.to(value.span()));
    }

    private Stmt ifBlock() {
        Token keyword = in.current();
        if (ifDepth >= MAX_IF_DEPTH) {
            in.diagnostics().report(Code.BL0025, keyword.span(), "'if' nested too deeply: at most " + MAX_IF_DEPTH
                    + " levels are allowed; move the inner part into a scene of its own");
            skipNestedIf();
            return new Stmt.Invalid(keyword.span());
        }
        ifDepth++;
        try {
            List<Stmt.Branch> branches = new ArrayList<>();
            List<Stmt> otherwise = null;
            Token arm = in.advance();
            while (true) {
                Expr condition = conditionLine(arm);
                branches.add(new Stmt.Branch(condition, block(true), arm.span().to(condition.span())));
                if (in.atWord("elif")) {
                    arm = in.advance();
                    continue;
                }
                break;
            }
            while (in.atWord("else") && in.peek().isWord("if")) {
                // "else if" is read as the elif it means, after saying so.
                Token elseToken = in.advance();
                in.diagnostics().report(Code.BL0020, elseToken.span().to(in.current().span()),
                        "expected 'elif' but found 'else if'; write elif for another condition");
                arm = in.advance();
                Expr condition = conditionLine(arm);
                branches.add(new Stmt.Branch(condition, block(true), arm.span().to(condition.span())));
                while (in.atWord("elif")) {
                    arm = in.advance();
                    condition = conditionLine(arm);
                    branches.add(new Stmt.Branch(condition, block(true), arm.span().to(condition.span())));
                }
            }
            if (in.atWord("else")) {
                in.advance();
                try {
                    in.expectLineEnd();
                } catch (ParseError e) {
                    in.skipLine();
                }
                otherwise = block(true);
                while (in.atWord("elif") || in.atWord("else")) {
                    // Said once; its lines are read (and dropped) so the rest of the if still lines up.
                    in.diagnostics().report(Code.BL0026, in.current().span(),
                            "'" + in.current().text() + "' after 'else'; expected 'end' to close the 'if' on line " + keyword.span().line());
                    in.skipLine();
                    block(true);
                }
            }
            if (in.atWord("end")) {
                in.advance();
                in.expectLineEnd();
            } else {
                in.diagnostics().report(Code.BL0026, keyword.span(), "this 'if' is never closed; expected 'end' before "
                        + (in.at(TokenType.EOF) ? "the end of the file" : "the next scene"));
            }
            return new Stmt.If(List.copyOf(branches), otherwise == null ? null : List.copyOf(otherwise), keyword.span());
        } finally {
            ifDepth--;
        }
    }

    private Expr conditionLine(Token arm) {
        try {
            Expr condition = expressions.expression();
            in.expectLineEnd();
            return condition;
        } catch (ParseError e) {
            in.skipLine();
            return new Expr.Invalid(arm.span());
        }
    }

    /** Skips an {@code if} too deep to follow, up to its matching {@code end}, without recursion. */
    private void skipNestedIf() {
        int open = 0;
        while (!in.at(TokenType.EOF) && !in.at(TokenType.SCENE_MARK)) {
            if (in.atWord("if")) {
                open++;
            } else if (in.atWord("end")) {
                open--;
            }
            in.skipLine();
            while (in.at(TokenType.NEWLINE)) {
                in.advance();
            }
            if (open == 0) {
                return;
            }
        }
    }

    private Stmt choice() {
        Token keyword = in.advance();
        Duration window = null;
        Target defaultTarget = null;
        boolean cut = false;
        boolean broken = false;
        boolean brokenOption = false;
        try {
            while (!in.atLineEnd()) {
            if (in.at(TokenType.DURATION) && window == null) {
                window = shots.duration("the choice window");
            } else if (in.atWord("default") && defaultTarget == null) {
                in.advance();
                defaultTarget = target();
            } else if (in.atWord("cut") && !cut) {
                in.advance();
                cut = true;
            } else if (in.at(TokenType.NUMBER) && !in.current().text().chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                throw in.abandon(); // "11m": the lexer has said what is wrong with it
            } else {
                throw in.error(in.current().span(), "expected a window (such as 6s), 'default SCENE', 'cut' or the end of the line but found "
                        + in.current().describe());
            }
            }
            in.expectLineEnd();
        } catch (ParseError e) {
            // The options below still belong to this choice: read them so they are checked, not misread.
            in.skipLine();
            broken = true;
        }
        List<Stmt.Option> options = new ArrayList<>();
        while (true) {
            while (in.at(TokenType.NEWLINE)) {
                in.advance();
            }
            if (!in.at(TokenType.STAR)) {
                break;
            }
            try {
                options.add(option());
            } catch (ParseError e) {
                in.skipLine();
                brokenOption = true;
            }
        }
        // A broken choice line, or options that all failed to parse, leave the choice unknown
        // rather than "without options": what is wrong has been said already.
        if (broken || (options.isEmpty() && brokenOption)) {
            return new Stmt.Invalid(keyword.span());
        }
        return new Stmt.Choice(window, defaultTarget, cut, List.copyOf(options), keyword.span());
    }

    private Stmt.Option option() {
        Token star = in.advance();
        Token labelToken = in.expect(TokenType.STRING, "the option's label in double quotes after '*'");
        Text label = expressions.text(labelToken);
        Expr condition = null;
        if (in.match("if")) {
            condition = expressions.expression();
        }
        List<Stmt.Assign> assignments = new ArrayList<>();
        while (in.at(TokenType.TILDE)) {
            Token tilde = in.advance();
            assignments.add(assignment(tilde.span()));
        }
        in.expect(TokenType.ARROW, "'->' and the scene this option leads to");
        Target target = target();
        Double weight = null;
        Span weightSpan = null;
        if (in.match("weight")) {
            Token number = in.expect(TokenType.NUMBER, "a positive number after 'weight'");
            weight = number.number();
            weightSpan = number.span();
        }
        in.expectLineEnd();
        return new Stmt.Option(label, condition, List.copyOf(assignments), target, weight, weightSpan,
                star.span().to(target.span()));
    }

    private Stmt ask() {
        Token keyword = in.advance();
        Token variable = name("the name of a string variable to store the answer in");
        Token question = in.expect(TokenType.STRING, "the question in double quotes");
        Duration window = null;
        Text defaultAnswer = null;
        if (in.at(TokenType.DURATION)) {
            window = shots.duration("the question's window");
        }
        if (in.match("default")) {
            defaultAnswer = expressions.text(in.expect(TokenType.STRING, "the default answer in double quotes after 'default'"));
        }
        in.expect(TokenType.ARROW, "'->' and the scene that follows the answer");
        Target target = target();
        in.expectLineEnd();
        return new Stmt.Ask(variable.text(), variable.span(), expressions.text(question), window, defaultAnswer, target,
                keyword.span());
    }

    Target target() {
        Token t = in.current();
        if (!t.is(TokenType.WORD)) {
            throw in.error(t.span(), "expected a scene name or END but found " + t.describe());
        }
        if (!t.text().equals(Target.END) && Keywords.isReserved(t.text())) {
            String hint = t.text().equalsIgnoreCase("end") ? "; to end the story write '-> END'" : "";
            throw in.error(Code.BL0029, t.span(), "'" + t.text() + "' is a keyword, not a scene name; expected a scene name or END" + hint);
        }
        in.advance();
        return new Target(t.text(), t.span());
    }

    /** A scene or variable name, which may not be a keyword. */
    private Token name(String what) {
        Token t = in.current();
        if (t.is(TokenType.WORD) && Keywords.isReserved(t.text())) {
            throw in.error(Code.BL0029, t.span(), "'" + t.text() + "' is a keyword and cannot be used as a name; expected " + what);
        }
        return in.expect(TokenType.WORD, what);
    }

    /** Reports interpolation where the text must be known when the story is checked; false when there is some. */
    boolean requirePlain(Text text, String what) {
        if (!text.isPlain()) {
            in.diagnostics().report(Code.BL0041, text.span(), "interpolation is not allowed in " + what + "; write the text as it is");
            return false;
        }
        return true;
    }

    /** As {@link #requirePlain}, but a path or colour with interpolation gives up its line: checking it further would only guess. */
    void requirePlainOrAbandon(Text text, String what) {
        if (!requirePlain(text, what)) {
            throw in.abandon();
        }
    }

    AssetPath assetPath(String what) {
        Token path = in.expect(TokenType.STRING, "the path of " + what + " in double quotes");
        Text text = expressions.text(path);
        requirePlainOrAbandon(text, "an asset path");
        return new AssetPath(text.plain(), path.span());
    }
}
