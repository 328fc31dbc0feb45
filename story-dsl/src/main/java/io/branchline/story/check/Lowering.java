package io.branchline.story.check;

import io.branchline.story.ast.Expr;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Text;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.Expression;
import io.branchline.story.model.ShotSource;
import io.branchline.story.model.Step;
import io.branchline.story.model.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a checked story (no errors) into the compiled graph, filling in every default. */
final class Lowering {

    private final Path root;
    private Path dir;
    private List<CompiledStory.Exit> exits;

    private Lowering(Path root) {
        this.root = root;
    }

    static CompiledStory lower(String id, StoryHeader header, String start, Symbols symbols,
                               List<CompiledStory.Asset> assets, Path root) {
        Lowering lowering = new Lowering(root);
        List<CompiledStory.Variable> variables = new ArrayList<>();
        for (StoryFile.VarDecl v : symbols.variables().values()) {
            variables.add(new CompiledStory.Variable(v.name(), v.value().type(), v.value()));
        }
        List<CompiledStory.Scene> scenes = new ArrayList<>();
        for (StoryFile.Scene scene : symbols.scenes().values()) {
            scenes.add(lowering.scene(scene, symbols.sceneFiles().get(scene.id())));
        }
        return new CompiledStory(CompiledStory.FORMAT_VERSION, CompiledStory.MIN_COMPATIBLE_VERSION, id, header.title(),
                header.author(), header.language(), header.label(), header.format(), header.segmentMs(), header.style(), start,
                List.copyOf(variables), List.copyOf(scenes), List.copyOf(assets), header.consents());
    }

    private CompiledStory.Scene scene(StoryFile.Scene scene, StoryFile file) {
        Path path = file.source().path().toAbsolutePath().normalize();
        dir = path.getParent();
        exits = new ArrayList<>();
        List<Step> body = block(scene.body());
        String relative = path.startsWith(root) ? root.relativize(path).toString().replace('\\', '/') : path.getFileName().toString();
        return new CompiledStory.Scene(scene.id(), relative, scene.idSpan().line(), body, List.copyOf(exits));
    }

    private List<Step> block(List<Stmt> body) {
        List<Step> steps = new ArrayList<>(body.size());
        for (Stmt s : body) {
            steps.add(step(s));
        }
        return List.copyOf(steps);
    }

    private Step step(Stmt s) {
        if (s instanceof Stmt.Shot shot) {
            return shot(shot);
        }
        if (s instanceof Stmt.Assign a) {
            return assign(a);
        }
        if (s instanceof Stmt.If ifs) {
            List<Step.Arm> arms = new ArrayList<>();
            for (Stmt.Branch b : ifs.branches()) {
                arms.add(new Step.Arm(expr(b.condition()), block(b.body())));
            }
            return new Step.If(List.copyOf(arms), ifs.otherwise() == null ? List.of() : block(ifs.otherwise()));
        }
        if (s instanceof Stmt.Divert d) {
            exits.add(new CompiledStory.Exit(d.target().name(), "divert", null, 1));
            return new Step.Divert(d.target().name());
        }
        if (s instanceof Stmt.Choice c) {
            return choice(c);
        }
        if (s instanceof Stmt.Ask a) {
            exits.add(new CompiledStory.Exit(a.target().name(), "ask", source(a.question()), 1));
            return new Step.Ask(a.variable(), template(a.question()),
                    a.window() == null ? FlowChecker.DEFAULT_ASK_WINDOW_MS : a.window().rounded(),
                    a.defaultAnswer() == null ? null : template(a.defaultAnswer()), a.target().name(), a.span().line());
        }
        throw new IllegalStateException("a statement with errors reached lowering: " + s);
    }

    private Step.Choice choice(Stmt.Choice c) {
        List<Step.Option> options = new ArrayList<>();
        for (Stmt.Option o : c.options()) {
            double weight = o.weight() == null ? 1 : o.weight();
            exits.add(new CompiledStory.Exit(o.target().name(), "option", source(o.label()), weight));
            List<Step.Assign> assignments = new ArrayList<>();
            o.assignments().forEach(a -> assignments.add(assign(a)));
            options.add(new Step.Option(template(o.label()), o.condition() == null ? null : expr(o.condition()),
                    List.copyOf(assignments), o.target().name(), weight));
        }
        return new Step.Choice(c.window() == null ? FlowChecker.DEFAULT_CHOICE_WINDOW_MS : c.window().rounded(),
                c.defaultTarget() == null ? null : c.defaultTarget().name(), c.cut(), List.copyOf(options), c.span().line());
    }

    private Step.Assign assign(Stmt.Assign a) {
        return new Step.Assign(a.name(), a.op(), expr(a.value()));
    }

    private Step.Shot shot(Stmt.Shot shot) {
        ShotSource source;
        if (shot.source() instanceof Stmt.Generate g) {
            source = new ShotSource.Generate(template(g.prompt()));
        } else if (shot.source() instanceof Stmt.Image i) {
            source = new ShotSource.Image(asset(i.path().path()), i.motion() == null ? "zoom-in" : i.motion(),
                    i.depth() == null ? null : asset(i.depth().path()));
        } else if (shot.source() instanceof Stmt.Clip c) {
            source = new ShotSource.Clip(asset(c.path().path()), c.from() == null ? 0 : c.from().rounded(),
                    c.to() == null ? null : c.to().rounded());
        } else if (shot.source() instanceof Stmt.Title t) {
            source = new ShotSource.Title(template(t.text()));
        } else {
            source = new ShotSource.Color(((Stmt.Color) shot.source()).hex().toLowerCase(java.util.Locale.ROOT));
        }
        Step.Transition transition = shot.transition() == null || shot.transition().duration() == null
                ? Step.Transition.CUT
                : new Step.Transition(shot.transition().kind(),
                        Math.min(shot.transition().duration().rounded(), shot.duration().rounded()));
        Step.Audio audio = shot.audio() == null ? null
                : new Step.Audio(asset(shot.audio().path().path()), shot.audio().volume() == null ? 1 : shot.audio().volume());
        return new Step.Shot(shot.duration().rounded(), source, shot.caption() == null ? null : template(shot.caption()),
                transition, shot.style() == null ? null : template(shot.style()), shot.seed() == null ? null : shot.seed().value(),
                audio, shot.span().line());
    }

    private String asset(String path) {
        return AssetChecker.relative(root, dir, path);
    }

    private static Template template(Text text) {
        List<Template.Piece> pieces = new ArrayList<>();
        for (Text.Part p : text.parts()) {
            if (p instanceof Text.Literal l) {
                pieces.add(new Template.Piece(l.text(), null));
            } else {
                pieces.add(new Template.Piece(null, expr(((Text.Interpolation) p).expr())));
            }
        }
        return new Template(List.copyOf(pieces));
    }

    /** The text as a reader of a map sees it: escapes resolved, each interpolation kept as written, {@code {name}}. */
    private static String source(Text text) {
        StringBuilder b = new StringBuilder();
        for (Text.Part p : text.parts()) {
            if (p instanceof Text.Literal l) {
                b.append(l.text());
            } else {
                b.append('{').append(((Text.Interpolation) p).expr().span().text().strip()).append('}');
            }
        }
        return b.toString();
    }

    static Expression expr(Expr e) {
        if (e instanceof Expr.Literal l) {
            return new Expression.Literal(l.value());
        }
        if (e instanceof Expr.Variable v) {
            return new Expression.Variable(v.name());
        }
        if (e instanceof Expr.Visits v) {
            return new Expression.Visits(v.scene());
        }
        if (e instanceof Expr.Unary u) {
            return new Expression.Unary(u.op(), expr(u.operand()));
        }
        if (e instanceof Expr.Binary b) {
            return new Expression.Binary(b.op(), expr(b.left()), expr(b.right()));
        }
        throw new IllegalStateException("an expression with errors reached lowering: " + e);
    }
}
