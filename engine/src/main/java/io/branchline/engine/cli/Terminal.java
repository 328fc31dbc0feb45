package io.branchline.engine.cli;

import io.branchline.story.diag.Diagnostic;

/** Colours for an interactive terminal; none when output is piped or NO_COLOR is set. */
record Terminal(boolean colour) {

    static Terminal detect() {
        return new Terminal(System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM")));
    }

    /** Colours the severity word of a printed diagnostic and its carets. */
    String colour(String printed, Diagnostic d) {
        if (!colour) {
            return printed;
        }
        String code = d.isError() ? "\u001b[1;31m" : "\u001b[1;33m";
        String word = d.severity().word() + ":";
        return printed.replaceFirst(word, code + word + "\u001b[0m")
                .replaceFirst("(\\^+)\n$", code + "$1\u001b[0m\n");
    }
}
