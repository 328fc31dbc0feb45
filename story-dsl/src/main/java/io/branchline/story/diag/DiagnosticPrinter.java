package io.branchline.story.diag;

import io.branchline.story.source.SourceFile;
import io.branchline.story.source.Span;

/**
 * Prints a diagnostic the way authors read it: the headline, then the source line
 * (indented by four spaces, its own indentation dropped) with carets under the range.
 */
public final class DiagnosticPrinter {

    private static final String INDENT = "    ";
    private static final int MAX_LINE = 200;

    private DiagnosticPrinter() {
    }

    public static String print(Diagnostic d) {
        return d.headline() + "\n" + snippet(d.span());
    }

    /** The source line and caret line for a span, each ending in a newline. */
    public static String snippet(Span span) {
        SourceFile file = span.file();
        int line = span.line();
        String text = file.lineText(line);
        int lineStart = file.lineStarts()[line - 1];
        int lead = 0;
        while (lead < text.length() && (text.charAt(lead) == ' ' || text.charAt(lead) == '\t')) {
            lead++;
        }
        int from = Math.max(lead, Math.min(span.start() - lineStart, text.length()));
        int to = Math.max(from, Math.min(span.end() - lineStart, text.length()));
        // On a very long line, show a window around the range so the carets stay visible.
        int windowStart = lead;
        int windowEnd = text.length();
        String before = "";
        String after = "";
        if (windowEnd - windowStart > MAX_LINE) {
            windowStart = Math.max(lead, Math.min(from - MAX_LINE / 3, windowEnd - MAX_LINE));
            windowEnd = Math.min(windowEnd, windowStart + MAX_LINE);
            before = windowStart > lead ? "…" : "";
            after = windowEnd < text.length() ? "…" : "";
            to = Math.min(to, windowEnd);
        }
        String shown = before + sanitize(text.substring(windowStart, windowEnd)) + after;
        int caretAt = before.length() + SourceFile.graphemes(text, windowStart, from);
        int width = Math.max(1, SourceFile.graphemes(text, from, to));
        return INDENT + shown + "\n" + INDENT + " ".repeat(caretAt) + "^".repeat(width) + "\n";
    }

    /** Tabs become spaces and control characters a visible mark, so carets line up and terminals stay sane. */
    private static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                b.append(' ');
            } else if (Character.isISOControl(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
