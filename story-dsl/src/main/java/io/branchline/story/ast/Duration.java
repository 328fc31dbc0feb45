package io.branchline.story.ast;

import io.branchline.story.source.Span;

/** A duration as written, such as {@code 4s} or {@code 500ms}, in milliseconds. */
public record Duration(double millis, Span span) {

    public long rounded() {
        return Math.round(millis);
    }
}
