package io.branchline.story.ast;

import io.branchline.story.source.Span;

/** A path to an asset as written, relative to the file that names it. */
public record AssetPath(String path, Span span) {
}
