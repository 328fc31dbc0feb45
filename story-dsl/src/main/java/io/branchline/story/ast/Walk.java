package io.branchline.story.ast;

import java.util.List;
import java.util.function.Consumer;

/** Visits every statement of a body, nested {@code if} arms included, in source order. */
public final class Walk {

    private Walk() {
    }

    public static void statements(List<Stmt> body, Consumer<Stmt> visitor) {
        for (Stmt s : body) {
            visitor.accept(s);
            if (s instanceof Stmt.If ifs) {
                for (Stmt.Branch b : ifs.branches()) {
                    statements(b.body(), visitor);
                }
                if (ifs.otherwise() != null) {
                    statements(ifs.otherwise(), visitor);
                }
            }
        }
    }

    /** Visits every expression of a statement (not of nested statements), including interpolations. */
    public static void expressions(Stmt s, Consumer<Expr> visitor) {
        if (s instanceof Stmt.Shot shot) {
            if (shot.source() instanceof Stmt.Generate g) {
                texts(g.prompt(), visitor);
            } else if (shot.source() instanceof Stmt.Title t) {
                texts(t.text(), visitor);
            }
            if (shot.caption() != null) {
                texts(shot.caption(), visitor);
            }
            if (shot.style() != null) {
                texts(shot.style(), visitor);
            }
        } else if (s instanceof Stmt.Assign a) {
            visitor.accept(a.value());
        } else if (s instanceof Stmt.If ifs) {
            ifs.branches().forEach(b -> visitor.accept(b.condition()));
        } else if (s instanceof Stmt.Choice c) {
            for (Stmt.Option o : c.options()) {
                texts(o.label(), visitor);
                if (o.condition() != null) {
                    visitor.accept(o.condition());
                }
                o.assignments().forEach(a -> visitor.accept(a.value()));
            }
        } else if (s instanceof Stmt.Ask a) {
            texts(a.question(), visitor);
            if (a.defaultAnswer() != null) {
                texts(a.defaultAnswer(), visitor);
            }
        }
    }

    private static void texts(Text text, Consumer<Expr> visitor) {
        for (Text.Part p : text.parts()) {
            if (p instanceof Text.Interpolation i) {
                visitor.accept(i.expr());
            }
        }
    }
}
