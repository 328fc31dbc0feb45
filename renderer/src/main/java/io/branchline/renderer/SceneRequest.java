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
 * @param burnCaptions whether captions are drawn into the frames; players that show the
 *                  WebVTT track themselves (so viewers can switch captions off) ask for false
 */
public record SceneRequest(Path storyRoot, RenderFormat format, String label, List<ResolvedShot> shots, boolean burnCaptions) {

    public SceneRequest {
        shots = List.copyOf(shots);
    }

    /** A visit with its captions drawn into the frames (what a standalone HLS file needs). */
    public SceneRequest(Path storyRoot, RenderFormat format, String label, List<ResolvedShot> shots) {
        this(storyRoot, format, label, shots, true);
    }

    /** Video frames of the whole visit. */
    public int frames() {
        return shots.stream().mapToInt(s -> format.frames(s.durationMs())).sum();
    }
}
