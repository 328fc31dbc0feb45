package io.branchline.story.ast;

import io.branchline.story.source.Span;

/** Where a divert, option or question leads: a scene id or {@code END}. */
public record Target(String name, Span span) {

    public static final String END = "END";

    public boolean isEnd() {
        return END.equals(name);
    }
}
