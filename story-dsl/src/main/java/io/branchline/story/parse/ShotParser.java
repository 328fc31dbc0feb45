package io.branchline.story.parse;

import io.branchline.story.ast.AssetPath;
import io.branchline.story.ast.Duration;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.Text;
import io.branchline.story.diag.Code;
import io.branchline.story.lex.Token;
import io.branchline.story.lex.TokenType;
import io.branchline.story.source.Span;
import java.util.List;

/** The {@code shot} line, its sources, and the modifier lines that attach to it. */
final class ShotParser {

    private final TokenCursor in;
    private final ExpressionParser expressions;
    private final Parser parser;

    ShotParser(TokenCursor in, ExpressionParser expressions, Parser parser) {
        this.in = in;
        this.expressions = expressions;
        this.parser = parser;
    }

    Stmt.Shot shot() {
        Token keyword = in.advance();
        Duration duration = duration("the shot's length after 'shot'");
        Stmt.Source source = source();
        if (in.atWord("depth")) {
            Token depth = in.advance();
            AssetPath map = parser.assetPath("a depth map");
            in.diagnostics().report(Code.BL0039, depth.span().to(map.span()), "'depth' belongs to image shots only, and this is a "
                    + sourceWord(source) + " shot; remove it, or show a picture with image \"PATH\" depth \"PATH\"");
        }
        in.expectLineEnd();
        return new Stmt.Shot(duration, source, null, null, null, null, null, keyword.span().to(source.span()));
    }

    private Stmt.Source source() {
        Token kind = in.current();
        switch (kind.is(TokenType.WORD) ? kind.text() : "") {
            case "generate" -> {
                in.advance();
                Text prompt = text("the prompt");
                return new Stmt.Generate(prompt, kind.span().to(prompt.span()));
            }
            case "image" -> {
                in.advance();
                AssetPath path = parser.assetPath("an image");
                String motion = null;
                Span motionSpan = null;
                AssetPath depth = null;
                Span last = path.span();
                // motion and depth, each at most once, in either order
                for (int i = 0; i < 2; i++) {
                    if (motion == null && in.match("motion")) {
                        Token m = motionName();
                        motion = m.text();
                        motionSpan = m.span();
                        last = motionSpan;
                    } else if (depth == null && in.match("depth")) {
                        depth = parser.assetPath("a depth map (a greyscale picture, white near)");
                        last = depth.span();
                    }
                }
                return new Stmt.Image(path, motion, motionSpan, depth, kind.span().to(last));
            }
            case "clip" -> {
                in.advance();
                AssetPath path = parser.assetPath("a video clip");
                Duration from = null;
                Duration to = null;
                Span last = path.span();
                if (in.match("from")) {
                    from = duration("the clip's start after 'from'");
                    last = from.span();
                }
                if (in.match("to")) {
                    to = duration("the clip's end after 'to'");
                    last = to.span();
                }
                return new Stmt.Clip(path, from, to, kind.span().to(last));
            }
            case "title" -> {
                in.advance();
                Text text = text("the title's text");
                return new Stmt.Title(text, kind.span().to(text.span()));
            }
            case "color" -> {
                in.advance();
                Token hex = in.expect(TokenType.STRING, "a colour such as \"#101018\"");
                Text text = expressions.text(hex);
                parser.requirePlainOrAbandon(text, "a colour");
                return new Stmt.Color(text.plain(), hex.span());
            }
            default -> throw in.error(kind.span(), "expected a shot source (generate, image, clip, title or color) but found "
                    + kind.describe());
        }
    }

    private static String sourceWord(Stmt.Source source) {
        if (source instanceof Stmt.Generate) {
            return "generate";
        } else if (source instanceof Stmt.Clip) {
            return "clip";
        } else if (source instanceof Stmt.Title) {
            return "title";
        }
        return "color";
    }

    private static final List<String> MOTIONS = List.of("still", "zoom-in", "zoom-out", "pan-left", "pan-right", "pan-up", "pan-down");

    /** Motion names hold a hyphen, so they are put together from a word, '-' and a word. */
    private Token motionName() {
        Token first = in.expect(TokenType.WORD, "a motion (" + String.join(", ", MOTIONS) + ")");
        String name = first.text();
        Span span = first.span();
        if (in.at(TokenType.MINUS) && in.current().span().start() == span.end()) {
            in.advance();
            Token second = in.expect(TokenType.WORD, "a motion (" + String.join(", ", MOTIONS) + ")");
            name = name + "-" + second.text();
            span = span.to(second.span());
        }
        if (!MOTIONS.contains(name)) {
            throw in.error(span, "unknown motion '" + name + "'; expected one of " + String.join(", ", MOTIONS));
        }
        return new Token(TokenType.WORD, name, span, 0, List.of());
    }

    /** A modifier line: it replaces the shot right above it with that shot plus the modifier. */
    void modifier(List<Stmt> body) {
        Token keyword = in.current();
        int last = body.size() - 1;
        if (last >= 0 && body.get(last) instanceof Stmt.Invalid) {
            throw in.abandon(); // the shot line above could not be read: its modifiers cannot be checked either
        }
        if (last < 0 || !(body.get(last) instanceof Stmt.Shot shot)) {
            throw in.error(Code.BL0027, keyword.span(), "'" + keyword.text()
                    + "' must come right after a 'shot' line (or that shot's other modifiers) in the same block");
        }
        in.advance();
        Stmt.Shot updated = switch (keyword.text()) {
            case "caption" -> {
                once(shot.caption(), keyword);
                yield shot.withCaption(text("the caption"));
            }
            case "transition" -> {
                once(shot.transition(), keyword);
                yield shot.withTransition(transition(keyword));
            }
            case "style" -> {
                once(shot.style(), keyword);
                yield shot.withStyle(text("the style prompt"));
            }
            case "seed" -> {
                once(shot.seed(), keyword);
                yield shot.withSeed(seed());
            }
            default -> {
                once(shot.audio(), keyword);
                yield shot.withAudio(audio(keyword));
            }
        };
        in.expectLineEnd();
        body.set(last, updated);
    }

    private void once(Object existing, Token keyword) {
        if (existing != null) {
            throw in.error(Code.BL0027, keyword.span(), "this shot already has a '" + keyword.text()
                    + "'; each modifier may appear at most once per shot");
        }
    }

    private Stmt.Transition transition(Token keyword) {
        Token kind = in.current();
        if (in.match("cut")) {
            return new Stmt.Transition("cut", null, keyword.span().to(kind.span()));
        }
        if (in.atWord("crossfade") || in.atWord("fade")) {
            in.advance();
            Duration d = duration("the length of the " + kind.text() + ", such as 500ms");
            return new Stmt.Transition(kind.text(), d, keyword.span().to(d.span()));
        }
        throw in.error(kind.span(), "expected cut, crossfade DURATION or fade DURATION after 'transition' but found " + kind.describe());
    }

    private Stmt.Seed seed() {
        boolean negative = false;
        Token first = in.current();
        if (in.at(TokenType.MINUS)) {
            in.advance();
            negative = true;
        }
        Token n = in.expect(TokenType.NUMBER, "a whole number after 'seed'");
        if (n.number() != Math.rint(n.number()) || Math.abs(n.number()) > 9.007199254740991E15) {
            throw in.error(Code.BL0062, n.span(), "seed must be a whole number between -9007199254740991 and 9007199254740991 but is "
                    + n.text());
        }
        return new Stmt.Seed((long) (negative ? -n.number() : n.number()), first.span().to(n.span()));
    }

    private Stmt.Audio audio(Token keyword) {
        AssetPath path = parser.assetPath("a sound file");
        Double volume = null;
        Span volumeSpan = null;
        if (in.match("volume")) {
            Token v = in.expect(TokenType.NUMBER, "a volume from 0 to 1 after 'volume'");
            volume = v.number();
            volumeSpan = v.span();
        }
        return new Stmt.Audio(path, volume, volumeSpan, keyword.span().to(volumeSpan != null ? volumeSpan : path.span()));
    }

    private Text text(String what) {
        return expressions.text(in.expect(TokenType.STRING, what + " in double quotes"));
    }

    Duration duration(String what) {
        Token t = in.current();
        if (t.is(TokenType.NUMBER) && !t.text().chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            throw in.abandon(); // "4sec": the lexer has said what is wrong with it
        }
        if (t.is(TokenType.NUMBER)) {
            throw in.error(Code.BL0014, t.span(), "expected " + what + " with a unit, such as " + t.text() + "s or " + t.text()
                    + "ms, but found the plain number " + t.text());
        }
        Token d = in.expect(TokenType.DURATION, what + " (such as 4s or 500ms)");
        return new Duration(d.number(), d.span());
    }
}
