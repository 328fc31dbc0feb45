package io.branchline.story.check;

import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Target;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.lex.Keywords;
import io.branchline.story.lex.Lexer;
import io.branchline.story.lex.Token;
import io.branchline.story.lex.TokenType;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Interprets the {@code key: value} lines of the main file, one small rule per key. */
final class HeaderReader {

    static final CompiledStory.Format DEFAULT_FORMAT = new CompiledStory.Format(720, 1280, 30);
    static final long DEFAULT_SEGMENT_MS = 2000;

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})x(\\d{1,6})(?:\\s+(\\d{1,4})fps)?");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(s|ms)");
    private static final List<String> KEYS = Keywords.HEADER_KEYS;

    /** Disclosure labels by primary language subtag; others fall back to English. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("en", "AI-generated"), Map.entry("de", "KI-generiert"), Map.entry("fr", "Généré par IA"),
            Map.entry("es", "Generado por IA"), Map.entry("it", "Generato con IA"), Map.entry("pt", "Gerado por IA"),
            Map.entry("nl", "AI-gegenereerd"), Map.entry("sv", "AI-genererad"), Map.entry("da", "AI-genereret"),
            Map.entry("nb", "KI-generert"), Map.entry("pl", "Wygenerowane przez AI"), Map.entry("ja", "AI生成"),
            Map.entry("zh", "AI生成"), Map.entry("ko", "AI 생성"));

    private final Diagnostics diagnostics;

    private HeaderReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static StoryHeader read(StoryFile main, List<StoryFile> includes, Diagnostics diagnostics) {
        for (StoryFile file : includes) {
            for (StoryFile.Header h : file.headers()) {
                diagnostics.report(Code.BL0023, h.keySpan(), "the header '" + h.key()
                        + "' belongs in the story's main file; included files may hold only include, var and scenes");
            }
        }
        return new HeaderReader(diagnostics).read(main);
    }

    private StoryHeader read(StoryFile main) {
        String fileName = main.source().path().getFileName() == null ? "story" : main.source().path().getFileName().toString();
        String title = fileName.endsWith(".story") ? fileName.substring(0, fileName.length() - 6) : fileName;
        String author = null;
        CompiledStory.Format format = DEFAULT_FORMAT;
        long segment = DEFAULT_SEGMENT_MS;
        String style = null;
        Target start = null;
        String language = "en";
        String label = null;
        List<CompiledStory.Consent> consents = new ArrayList<>();
        Map<String, StoryFile.Header> seen = new HashMap<>();
        for (StoryFile.Header h : main.headers()) {
            if (!KEYS.contains(h.key())) {
                diagnostics.report(Code.BL0021, h.keySpan(), "unknown header '" + h.key() + "'; expected one of "
                        + String.join(", ", KEYS) + Suggest.didYouMean(h.key(), KEYS));
                continue;
            }
            if (h.key().equals("consent")) {
                // The one header that may repeat: a line for each real person the story shows.
                consent(h, consents);
                continue;
            }
            StoryFile.Header earlier = seen.putIfAbsent(h.key(), h);
            if (earlier != null) {
                diagnostics.report(Code.BL0022, h.keySpan(), "the header '" + h.key() + "' is already given on line "
                        + earlier.keySpan().line() + "; each header may appear once");
                continue;
            }
            switch (h.key()) {
                case "title" -> title = nonEmpty(h, text(h));
                case "author" -> author = nonEmpty(h, text(h));
                case "format" -> format = format(h, format);
                case "segment" -> segment = segment(h, segment);
                case "style" -> style = nonEmpty(h, text(h));
                case "start" -> start = start(h);
                case "language" -> language = language(h, language);
                default -> label = nonEmpty(h, text(h));
            }
        }
        if (label == null) {
            label = LABELS.getOrDefault(language.split("-")[0].toLowerCase(Locale.ROOT), LABELS.get("en"));
        }
        return new StoryHeader(title, author, format, segment, style, start, language, label, List.copyOf(consents));
    }

    /** Free text, or one string in double quotes (escapes allowed, interpolation not). */
    private String text(StoryFile.Header h) {
        Span v = h.value();
        if (v.text().startsWith("\"")) {
            Lexer lexer = new Lexer(v.file(), v.start(), v.end(), diagnostics);
            Token string = lexer.next();
            Token after = lexer.next();
            if (!after.is(TokenType.EOF)) {
                diagnostics.report(Code.BL0024, after.span(), "expected the end of the header line after the quoted value but found "
                        + after.describe());
            }
            StringBuilder b = new StringBuilder();
            for (Token.StringPart part : string.parts()) {
                if (part instanceof Token.StringPart.Text t) {
                    b.append(t.text());
                } else {
                    diagnostics.report(Code.BL0041, string.span(), "interpolation is not allowed in a header; write the text as it is");
                }
            }
            return b.toString();
        }
        return v.text();
    }

    /** {@code consent: "NAME" RECORD}: the name in double quotes, then how and when consent was given. */
    private void consent(StoryFile.Header h, List<CompiledStory.Consent> consents) {
        String v = h.value().text();
        int close = v.indexOf('"', 1);
        if (!v.startsWith("\"") || close < 0 || v.substring(1, close).isBlank()) {
            diagnostics.report(Code.BL0024, h.value(), "expected the person's name in double quotes, then how and when they consented,"
                    + " such as consent: \"Ada Lovelace\" signed release, 3 March 2026");
            return;
        }
        String name = v.substring(1, close).strip();
        for (CompiledStory.Consent c : consents) {
            if (c.name().equalsIgnoreCase(name)) {
                diagnostics.report(Code.BL0022, h.value(), "consent for \"" + name + "\" is already given; each person needs one consent line");
                return;
            }
        }
        consents.add(new CompiledStory.Consent(name, v.substring(close + 1).strip()));
    }

    private String nonEmpty(StoryFile.Header h, String value) {
        if (value.isBlank()) {
            diagnostics.report(Code.BL0024, h.value(), "the header '" + h.key() + "' is empty; expected a value after ':'");
            return null;
        }
        return value.strip();
    }

    private CompiledStory.Format format(StoryFile.Header h, CompiledStory.Format fallback) {
        Matcher m = FORMAT.matcher(h.value().text());
        if (!m.matches()) {
            diagnostics.report(Code.BL0024, h.value(), "expected a format such as 720x1280 30fps (width x height, then an optional frame rate) but found '"
                    + h.value().text() + "'");
            return fallback;
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        int fps = m.group(3) == null ? DEFAULT_FORMAT.fps() : Integer.parseInt(m.group(3));
        boolean ok = true;
        for (int side : new int[] {width, height}) {
            if (side < 144 || side > 2160 || side % 2 != 0) {
                ok = false;
            }
        }
        if (!ok) {
            diagnostics.report(Code.BL0061, h.value(), "frame size " + width + "x" + height
                    + " is out of range; width and height must be even numbers from 144 to 2160");
        }
        if (fps < 12 || fps > 60) {
            diagnostics.report(Code.BL0061, h.value(), "frame rate " + fps + "fps is out of range; expected 12 to 60 fps");
            ok = false;
        }
        return ok ? new CompiledStory.Format(width, height, fps) : fallback;
    }

    private long segment(StoryFile.Header h, long fallback) {
        Matcher m = DURATION.matcher(h.value().text());
        if (!m.matches()) {
            diagnostics.report(Code.BL0024, h.value(), "expected a segment length such as 2s or 1500ms but found '" + h.value().text() + "'");
            return fallback;
        }
        double ms = Double.parseDouble(m.group(1)) * (m.group(2).equals("s") ? 1000 : 1);
        if (ms < 500 || ms > 6000) {
            diagnostics.report(Code.BL0060, h.value(), "segment length " + h.value().text() + " is out of range; expected 0.5s to 6s");
            return fallback;
        }
        return Math.round(ms);
    }

    private Target start(StoryFile.Header h) {
        String name = h.value().text();
        if (!IDENT.matcher(name).matches() || Keywords.isReserved(name)) {
            diagnostics.report(Code.BL0024, h.value(), "expected the name of the first scene after 'start:' but found '" + name + "'");
            return null;
        }
        return new Target(name, h.value());
    }

    private String language(StoryFile.Header h, String fallback) {
        String tag = h.value().text();
        if (!LANGUAGE.matcher(tag).matches()) {
            diagnostics.report(Code.BL0064, h.value(), "'" + tag + "' is not a BCP 47 language tag; expected a tag such as en, de or pt-BR");
            return fallback;
        }
        return tag;
    }
}
