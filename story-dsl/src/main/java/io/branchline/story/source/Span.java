package io.branchline.story.source;

/**
 * A range of characters in one source file: where a token, a statement or a mistake is.
 *
 * @param file  the file
 * @param start offset of the first character
 * @param end   offset just past the last character (equal to start for a point)
 */
public record Span(SourceFile file, int start, int end) {

    public Span {
        if (start < 0 || end < start || end > file.text().length()) {
            throw new IllegalArgumentException("span " + start + ".." + end + " outside " + file.displayName());
        }
    }

    public int line() {
        return file.line(start);
    }

    public int column() {
        return file.column(start);
    }

    /** The smallest span covering this one and another of the same file. */
    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public String text() {
        return file.text().substring(start, end);
    }
}
