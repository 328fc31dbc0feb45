package io.branchline.story.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.branchline.story.model.Step;

/**
 * A shot as it will be rendered for one visit: every interpolation done, every default
 * filled in. The same resolved shots give the same video, whoever watches.
 *
 * @param kind       generate, image, clip, title or color
 * @param prompt     for generate: the prompt with the story's style appended
 * @param text       for title: the card's text
 * @param color      for color: {@code #rrggbb}
 * @param path       for image and clip: the asset, relative to the story's folder
 * @param motion     for image: the motion
 * @param fromMs     for clip: where to start in the file
 * @param toMs       for clip: where to stop, or null for the end of the file
 * @param caption    the caption, or null
 * @param style      the style prompt, or null
 * @param seed       the generator's seed: as written, or derived from story, scene and prompt
 * @param audio      the sound under the shot, or null
 * @param disclosed  whether the shot carries the story's AI disclosure label
 * @param depth      for image: the author's depth map (white near), relative to the story's folder, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolvedShot(String kind, long durationMs, String prompt, String text, String color, String path,
                           String motion, Long fromMs, Long toMs, String caption, Step.Transition transition,
                           String style, long seed, Step.Audio audio, boolean disclosed, int line, String depth) {

    /** A shot without a depth map. */
    public ResolvedShot(String kind, long durationMs, String prompt, String text, String color, String path,
                        String motion, Long fromMs, Long toMs, String caption, Step.Transition transition,
                        String style, long seed, Step.Audio audio, boolean disclosed, int line) {
        this(kind, durationMs, prompt, text, color, path, motion, fromMs, toMs, caption, transition, style, seed, audio,
                disclosed, line, null);
    }
}
