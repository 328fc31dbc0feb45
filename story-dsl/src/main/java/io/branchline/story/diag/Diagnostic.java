package io.branchline.story.diag;

import io.branchline.story.source.Span;

/**
 * One problem in a story: a value, never an exception.
 *
 * @param code     the stable code, for example BL0030
 * @param severity error or warning
 * @param span     where it is
 * @param message  what is wrong and what was expected, in one sentence
 */
public record Diagnostic(Code code, Severity severity, Span span, String message) {

    public static Diagnostic of(Code code, Span span, String message) {
        return new Diagnostic(code, code.severity(), span, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String file() {
        return span.file().displayName();
    }

    public int line() {
        return span.line();
    }

    public int column() {
        return span.column();
    }

    /** The first line of the printout: {@code file:line:col: severity: message [code]}. */
    public String headline() {
        return file() + ":" + line() + ":" + column() + ": " + severity.word() + ": " + message + " [" + code + "]";
    }
}
