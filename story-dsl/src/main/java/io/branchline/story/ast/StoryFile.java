package io.branchline.story.ast;

import io.branchline.story.model.Value;
import io.branchline.story.source.SourceFile;
import io.branchline.story.source.Span;
import java.util.List;

/**
 * One parsed {@code .story} file.
 *
 * @param source   the file
 * @param headers  the {@code key: value} lines, values not yet interpreted
 * @param includes the {@code include} lines
 * @param vars     the {@code var} lines
 * @param scenes   the scenes in order
 */
public record StoryFile(SourceFile source, List<Header> headers, List<Include> includes, List<VarDecl> vars,
                        List<Scene> scenes) {

    /** {@code key: value}; the value's meaning depends on the key. */
    public record Header(String key, Span keySpan, Span value) {
    }

    /** {@code include "PATH"}. */
    public record Include(String path, Span pathSpan, Span span) {
    }

    /** {@code var NAME = LITERAL}. */
    public record VarDecl(String name, Span nameSpan, Value value, Span span) {
    }

    /** {@code === id ===} and its body. */
    public record Scene(String id, Span idSpan, List<Stmt> body, Span span) {
    }
}
