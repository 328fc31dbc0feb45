package io.branchline.story.check;

import io.branchline.story.ast.Expr;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Target;
import io.branchline.story.ast.Text;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.model.Value.Type;
import io.branchline.story.source.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves every name (scenes, variables, {@code visits}) and checks every type: conditions
 * are bools, arithmetic takes numbers, a variable keeps its declared type. It also records
 * which variables are ever read, for the "never read" warning.
 */
final class TypeChecker {

    private final Symbols symbols;
    private final Diagnostics diagnostics;
    private final Set<String> read = new HashSet<>();

    private TypeChecker(Symbols symbols, Diagnostics diagnostics) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
    }

    /** Checks every scene; returns the names of the variables that are read somewhere. */
    static Set<String> check(List<StoryFile> files, Symbols symbols, Diagnostics diagnostics) {
        TypeChecker checker = new TypeChecker(symbols, diagnostics);
        for (StoryFile file : files) {
            for (StoryFile.Scene scene : file.scenes()) {
                checker.block(scene.body());
            }
        }
        return checker.read;
    }

    private void block(List<Stmt> body) {
        for (Stmt s : body) {
            statement(s);
        }
    }

    private void statement(Stmt s) {
        if (s instanceof Stmt.Shot shot) {
            shot(shot);
        } else if (s instanceof Stmt.Assign assign) {
            assign(assign);
        } else if (s instanceof Stmt.If ifs) {
            for (Stmt.Branch b : ifs.branches()) {
                condition(b.condition());
                block(b.body());
            }
            if (ifs.otherwise() != null) {
                block(ifs.otherwise());
            }
        } else if (s instanceof Stmt.Divert divert) {
            target(divert.target());
        } else if (s instanceof Stmt.Choice choice) {
            for (Stmt.Option o : choice.options()) {
                text(o.label());
                if (o.condition() != null) {
                    condition(o.condition());
                }
                o.assignments().forEach(this::assign);
                target(o.target());
            }
        } else if (s instanceof Stmt.Ask ask) {
            ask(ask);
        }
    }

    private void shot(Stmt.Shot shot) {
        if (shot.source() instanceof Stmt.Generate g) {
            text(g.prompt());
        } else if (shot.source() instanceof Stmt.Title t) {
            text(t.text());
        }
        if (shot.caption() != null) {
            text(shot.caption());
        }
        if (shot.style() != null) {
            text(shot.style());
        }
    }

    private void ask(Stmt.Ask ask) {
        StoryFile.VarDecl v = symbols.variables().get(ask.variable());
        if (v == null) {
            diagnostics.report(Code.BL0032, ask.variableSpan(), "unknown variable '" + ask.variable() + "'"
                    + Suggest.didYouMean(ask.variable(), symbols.variables().keySet())
                    + "; declare it before the first scene with var " + ask.variable() + " = \"\"");
        } else if (v.value().type() != Type.STRING) {
            diagnostics.report(Code.BL0040, ask.variableSpan(), "ask stores the viewer's text, so '" + ask.variable()
                    + "' must be a string variable, but it is a " + v.value().type().word());
        }
        text(ask.question());
        if (ask.defaultAnswer() != null) {
            text(ask.defaultAnswer());
        }
        target(ask.target());
    }

    private void assign(Stmt.Assign a) {
        Type value = type(a.value());
        StoryFile.VarDecl v = symbols.variables().get(a.name());
        if (v == null) {
            diagnostics.report(Code.BL0032, a.nameSpan(), "unknown variable '" + a.name() + "'"
                    + Suggest.didYouMean(a.name(), symbols.variables().keySet()) + "; declare it before the first scene with 'var "
                    + a.name() + " = …'");
            return;
        }
        Type declared = v.value().type();
        if (value == null) {
            return;
        }
        switch (a.op()) {
            case "=" -> {
                if (value != declared) {
                    diagnostics.report(Code.BL0040, a.value().span(), "'" + a.name() + "' is a " + declared.word()
                            + " variable, so it cannot be set to a " + value.word());
                }
            }
            case "+=" -> {
                if (declared == Type.BOOL || (declared == Type.NUMBER && value != Type.NUMBER)) {
                    diagnostics.report(Code.BL0040, a.value().span(), "'+=' needs a number variable and a number, or a string variable; '"
                            + a.name() + "' is a " + declared.word() + " and the value a " + value.word());
                }
            }
            default -> {
                if (declared != Type.NUMBER || value != Type.NUMBER) {
                    diagnostics.report(Code.BL0040, a.value().span(), "'-=' needs a number variable and a number; '"
                            + a.name() + "' is a " + declared.word() + " and the value a " + value.word());
                }
            }
        }
    }

    private void condition(Expr e) {
        Type t = type(e);
        if (t != null && t != Type.BOOL) {
            diagnostics.report(Code.BL0040, e.span(), "a condition must be a bool (true or false) but this is a " + t.word()
                    + (t == Type.NUMBER ? "; compare it, for example 'trust > 0'" : "; compare it, for example 'name == \"Rook\"'"));
        }
    }

    private void text(Text text) {
        for (Text.Part p : text.parts()) {
            if (p instanceof Text.Interpolation i) {
                type(i.expr());
            }
        }
    }

    private void target(Target t) {
        if (!t.isEnd() && !symbols.scenes().containsKey(t.name())) {
            unknownScene(t.name(), t.span());
        }
    }

    void unknownScene(String name, Span span) {
        diagnostics.report(Code.BL0030, span, "unknown scene '" + name + "'" + Suggest.didYouMean(name, symbols.scenes().keySet()));
    }

    /** The type of an expression, or null when it holds an error already reported. */
    private Type type(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value().type();
        }
        if (e instanceof Expr.Variable v) {
            StoryFile.VarDecl decl = symbols.variables().get(v.name());
            if (decl == null) {
                diagnostics.report(Code.BL0032, v.span(), "unknown variable '" + v.name() + "'"
                        + Suggest.didYouMean(v.name(), symbols.variables().keySet()));
                return null;
            }
            read.add(v.name());
            return decl.value().type();
        }
        if (e instanceof Expr.Visits v) {
            if (!symbols.scenes().containsKey(v.scene())) {
                unknownScene(v.scene(), v.sceneSpan());
            }
            return Type.NUMBER;
        }
        if (e instanceof Expr.Unary u) {
            Type t = type(u.operand());
            Type want = u.op().equals("not") ? Type.BOOL : Type.NUMBER;
            if (t != null && t != want) {
                diagnostics.report(Code.BL0040, u.operand().span(), "'" + u.op() + "' needs a " + want.word() + " but this is a " + t.word());
            }
            return want;
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        return null;
    }

    private Type binary(Expr.Binary b) {
        Type l = type(b.left());
        Type r = type(b.right());
        switch (b.op()) {
            case "and", "or" -> {
                need(b.left(), l, Type.BOOL, b.op());
                need(b.right(), r, Type.BOOL, b.op());
                return Type.BOOL;
            }
            case "==", "!=" -> {
                if (l != null && r != null && l != r) {
                    diagnostics.report(Code.BL0040, b.span(), "cannot compare a " + l.word() + " with a " + r.word()
                            + " using '" + b.op() + "'; both sides must have the same type");
                }
                return Type.BOOL;
            }
            case "<", "<=", ">", ">=" -> {
                need(b.left(), l, Type.NUMBER, b.op());
                need(b.right(), r, Type.NUMBER, b.op());
                return Type.BOOL;
            }
            case "+" -> {
                if (l == Type.STRING || r == Type.STRING) {
                    return Type.STRING;
                }
                need(b.left(), l, Type.NUMBER, "+");
                need(b.right(), r, Type.NUMBER, "+");
                return Type.NUMBER;
            }
            default -> {
                need(b.left(), l, Type.NUMBER, b.op());
                need(b.right(), r, Type.NUMBER, b.op());
                return Type.NUMBER;
            }
        }
    }

    private void need(Expr e, Type actual, Type wanted, String op) {
        if (actual != null && actual != wanted) {
            diagnostics.report(Code.BL0040, e.span(), "'" + op + "' needs " + (wanted == Type.BOOL ? "a bool" : "a number")
                    + " on each side but this is a " + actual.word());
        }
    }
}
