package io.branchline.story.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Text with interpolations: each piece is literal text or an expression, never both. */
public record Template(List<Piece> pieces) {

    /** Literal text when {@code expr} is null, else an interpolated expression. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Piece(String text, Expression expr) {
    }

    public static Template of(String text) {
        return new Template(List.of(new Piece(text, null)));
    }
}
