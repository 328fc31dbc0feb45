package io.branchline.story.source;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One story file's text, with the means to turn a character offset into the line and
 * column an author sees. Columns count user-perceived characters (grapheme clusters),
 * so "café" and "ü" count one column per letter however they are encoded.
 *
 * @param path        where the file lives, used to resolve includes and assets
 * @param displayName how diagnostics name the file (as the author gave it)
 * @param text        the decoded text, without a byte-order mark
 */
public record SourceFile(Path path, String displayName, String text, int[] lineStarts) {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    /** Reads line starts once; LF, CRLF and a lone CR all end a line. */
    public static SourceFile of(Path path, String displayName, String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new SourceFile(path, displayName, text, Arrays.copyOf(starts, count));
    }

    /** A file made from a string, for tests and tools; its path is the display name. */
    public static SourceFile ofString(String name, String text) {
        return of(Path.of(name), name, text);
    }

    /** The line (from 1) holding this offset. */
    public int line(int offset) {
        int index = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
        return (index >= 0 ? index : -index - 2) + 1;
    }

    /** The column (from 1) of this offset, counted in user-perceived characters. */
    public int column(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int start = lineStarts[line(clamped) - 1];
        return graphemes(text, start, clamped) + 1;
    }

    /** The text of a line (from 1) without its line ending. */
    public String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** How many user-perceived characters lie between two offsets of a string. */
    public static int graphemes(CharSequence s, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80 || s.charAt(i) == '\r') {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return to - from;
        }
        Matcher m = GRAPHEME.matcher(s).region(from, to);
        int count = 0;
        while (m.find()) {
            // CR LF is a single grapheme cluster but never appears inside a line we count.
            count++;
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceFile other && other.path.equals(path) && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
