package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.source.SourceFile;
import io.branchline.story.source.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every compile must give, whatever the input: a bounded run, spans inside their files,
 * a result that is a story or has an error, and diagnostics that print as the spec shows them.
 */
final class StoryAssertions {

    /** How long one compile may take in these tests before it counts as a hang. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private static final Pattern CARETS = Pattern.compile(" {4}( *)(\\^+)");

    private StoryAssertions() {
    }

    /**
     * Runs a compile in a thread of its own and waits at most {@code limit}. A compile that
     * throws (an exception or an error such as StackOverflowError) or runs too long fails the test;
     * a thread that runs too long is stopped where the JVM still allows it, so it cannot keep eating CPU.
     */
    static <T> T bounded(Duration limit, String what, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "bounded-compile");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(thread);
            return fail(what + ": did not finish within " + limit.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AssertionError(what + ": the compiler threw " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(thread);
            return fail(what + ": interrupted");
        }
    }

    static CompileResult compileString(String name, String text) {
        return bounded(LIMIT, "compiling " + name, () -> StoryCompiler.compileString(name, text));
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        thread.interrupt();
        try {
            thread.stop();
        } catch (UnsupportedOperationException | SecurityException e) {
            // Newer JVMs cannot stop a thread; it is a daemon, so it will not keep the JVM alive.
        }
    }

    /** The invariants of a compile result and of each of its diagnostics. */
    static void assertWellFormed(CompileResult result) {
        assertNotNull(result, "compile result");
        assertNotNull(result.diagnostics(), "diagnostics");
        boolean hasError = result.diagnostics().stream().anyMatch(Diagnostic::isError);
        assertEquals(hasError, result.errorCount() > 0, "errorCount agrees with the diagnostics");
        assertEquals(!hasError, result.ok(), "a result is a story exactly when it has no error: " + codes(result));
        assertEquals(result.ok(), result.story() != null, "ok() means there is a story");
        List<Diagnostic> sorted = new ArrayList<>(result.diagnostics());
        sorted.sort(Diagnostics.ORDER);
        assertEquals(sorted, result.diagnostics(), "diagnostics come sorted by file and position");
        for (Diagnostic d : result.diagnostics()) {
            assertWellFormed(d);
        }
    }

    static void assertWellFormed(Diagnostic d) {
        assertNotNull(d.code(), "code");
        assertEquals(d.code().severity(), d.severity(), "severity of " + d.code());
        Span span = d.span();
        assertNotNull(span, "span of " + d.code());
        SourceFile file = span.file();
        assertNotNull(file, "file of " + d.code());
        int length = file.text().length();
        assertTrue(0 <= span.start() && span.start() <= span.end() && span.end() <= length,
                d.code() + " span " + span.start() + ".." + span.end() + " lies outside its file of " + length + " chars");
        assertTrue(d.line() >= 1 && d.line() <= file.lineCount(), d.code() + " line " + d.line() + " outside 1.." + file.lineCount());
        int endLine = file.line(span.end());
        assertTrue(endLine >= d.line() && endLine <= file.lineCount(), d.code() + " end line " + endLine);
        int lineLength = SourceFile.graphemes(file.lineText(d.line()), 0, file.lineText(d.line()).length());
        assertTrue(d.column() >= 1 && d.column() <= lineLength + 1,
                d.code() + " column " + d.column() + " outside 1.." + (lineLength + 1) + " on line " + d.line());
        assertNotNull(d.message(), "message");
        assertFalse(d.message().isBlank(), "message of " + d.code() + " is blank");
        assertFalse(d.message().contains("\n") || d.message().contains("\r"), "message of " + d.code() + " spans lines");
        assertNotNull(d.headline());
        assertNotNull(DiagnosticPrinter.print(d));
    }

    /**
     * The printed form: {@code file:line:col: severity: message [CODE]}, the source line without
     * its indentation, and carets that start under the reported column.
     */
    static void assertPrinted(Diagnostic d) {
        String printed = DiagnosticPrinter.print(d);
        assertTrue(printed.endsWith("\n"), "printout ends with a newline");
        String[] lines = printed.split("\n", -1);
        assertEquals(4, lines.length, "headline, source line, caret line:\n" + printed);
        String headline = d.file() + ":" + d.line() + ":" + d.column() + ": " + d.severity().word() + ": " + d.message()
                + " [" + d.code() + "]";
        assertEquals(headline, lines[0], "headline");
        assertEquals(headline, d.headline(), "Diagnostic.headline()");

        String source = d.span().file().lineText(d.line());
        int lead = 0;
        while (lead < source.length() && (source.charAt(lead) == ' ' || source.charAt(lead) == '\t')) {
            lead++;
        }
        String shown = source.substring(lead).replace('\t', ' ');
        shown = shown.codePoints()
                .mapToObj(cp -> Character.isISOControl(cp) ? "\uFFFD" : new String(Character.toChars(cp)))
                .collect(Collectors.joining());
        boolean truncated = shown.length() > 200;
        if (truncated) {
            // A long line is shown as a window around the carets, marked with … where it is cut.
            String window = lines[1].substring(4).replaceAll("^…|…$", "");
            assertTrue(lines[1].startsWith("    ") && shown.contains(window) && window.length() >= 200, "source line (window):\n" + printed);
        } else {
            assertEquals("    " + shown, lines[1], "source line");
        }
        Matcher carets = CARETS.matcher(lines[2]);
        assertTrue(carets.matches(), "caret line:\n" + printed);
        if (!truncated) {
            int caretColumn = lead + carets.group(1).length() + 1;
            assertEquals(d.column(), caretColumn, "the carets start under the reported column:\n" + printed);
            int lineStart = d.span().file().lineStarts()[d.line() - 1];
            int spanEndInLine = Math.min(d.span().end() - lineStart, source.length());
            int width = Math.max(1, SourceFile.graphemes(source, Math.min(d.span().start() - lineStart, source.length()), spanEndInLine));
            assertEquals(width, carets.group(2).length(), "one caret per character of the span on its line:\n" + printed);
        }
    }

    static String codes(CompileResult result) {
        return result.diagnostics().stream().map(d -> d.code() + " " + d.line() + ":" + d.column()).collect(Collectors.joining(", ", "[", "]"));
    }

    static String printAll(CompileResult result) {
        return result.diagnostics().stream().map(DiagnosticPrinter::print).collect(Collectors.joining());
    }
}
