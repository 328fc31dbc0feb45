package io.branchline.story.check;

import io.branchline.story.ast.Target;
import io.branchline.story.model.CompiledStory;

/**
 * The header of a story with every default filled in.
 *
 * @param start the {@code start:} scene as written, or null for "the first scene of the main file"
 * @param style appended to generate prompts, or null
 * @param author null when not given
 * @param consents the {@code consent:} lines: real people the author may show, in order
 */
public record StoryHeader(String title, String author, CompiledStory.Format format, long segmentMs, String style,
                          Target start, String language, String label,
                          java.util.List<CompiledStory.Consent> consents) {
}
