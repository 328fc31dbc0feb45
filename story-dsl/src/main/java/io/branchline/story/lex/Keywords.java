package io.branchline.story.lex;

import java.util.Set;

/** The reserved words of the language; none may name a scene or a variable. */
public final class Keywords {

    public static final Set<String> ALL = Set.of(
            "var", "include", "shot", "generate", "image", "clip", "title", "color", "caption",
            "transition", "style", "seed", "audio", "motion", "from", "to", "choice", "default",
            "weight", "ask", "if", "elif", "else", "end", "and", "or", "not", "true", "false",
            "cut", "crossfade", "fade", "volume", "visits", "END");

    /** The keys of header lines ({@code key: value}), in the order the docs list them. */
    public static final java.util.List<String> HEADER_KEYS = java.util.List.of(
            "title", "author", "format", "segment", "style", "start", "language", "label", "consent");

    private Keywords() {
    }

    public static boolean isReserved(String word) {
        return ALL.contains(word);
    }
}
