package io.branchline.story.diag;

import io.branchline.story.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects the diagnostics of one run; each problem is reported once. */
public final class Diagnostics {

    private final LinkedHashSet<Diagnostic> items = new LinkedHashSet<>();

    public void report(Code code, Span span, String message) {
        items.add(Diagnostic.of(code, span, message));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    /** The text of every line holding a lexical or syntax error, one per line: what on them was meant is unknown. */
    public String syntaxErrorLines() {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : items) {
            if (d.isError() && d.code().compareTo(Code.BL0010) >= 0 && d.code().compareTo(Code.BL0029) <= 0) {
                b.append(d.span().file().lineText(d.line())).append('\n');
            }
        }
        return b.toString();
    }

    public int size() {
        return items.size();
    }

    /** Sorted by file, then position, then code, so output is stable run to run. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> list = new ArrayList<>(items);
        list.sort(ORDER);
        return Collections.unmodifiableList(list);
    }

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.span().file().displayName())
            .thenComparingInt(d -> d.span().start())
            .thenComparing(Diagnostic::code);
}
