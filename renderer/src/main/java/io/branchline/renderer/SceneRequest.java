package io.branchline.renderer;

import io.branchline.story.eval.ResolvedShot;
import java.nio.file.Path;
import java.util.List;

/**
 * One scene visit to render: its resolved shots, in the story's format.
 *
 * @param storyRoot the story's folder; asset paths of the shots are relative to it
 * @param format    frame size, rate and segment length
 * @param label     the disclosure label drawn on generated and styled frames
 * @param shots     the shots, as the evaluator resolved them for this visit
 */
public record SceneRequest(Path storyRoot, RenderFormat format, String label, List<ResolvedShot> shots) {

    public SceneRequest {
        shots = List.copyOf(shots);
    }

    /** Video frames of the whole visit. */
    public int frames() {
        return shots.stream().mapToInt(s -> format.frames(s.durationMs())).sum();
    }
}
