package io.branchline.engine.render;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.SceneRequest;
import io.branchline.story.eval.ResolvedShot;
import java.nio.file.Path;
import java.util.List;

/**
 * A scene visit to render, as it travels on the event bus to a render worker (in this
 * process or, clustered, on another machine): everything the renderer needs, nothing of
 * the session that asked.
 *
 * @param key       the visit's content key
 * @param storyRoot the story's folder, where its assets are
 * @param width     frame width
 * @param height    frame height
 * @param fps       frame rate
 * @param segmentMs segment length
 * @param label     the disclosure label
 * @param shots     the resolved shots
 * @param reason    why it is rendered: {@code on-demand} (a viewer waits) or {@code speculative}
 * @param burnCaptions whether captions are drawn into the frames (false: the player shows the WebVTT track)
 */
public record RenderJob(String key, String storyRoot, int width, int height, int fps, long segmentMs, String label,
                        List<ResolvedShot> shots, String reason, boolean burnCaptions) {

    public static RenderJob of(String key, SceneRequest request, String reason) {
        RenderFormat f = request.format();
        return new RenderJob(key, request.storyRoot().toString(), f.width(), f.height(), f.fps(), f.segmentMs(), request.label(),
                request.shots(), reason, request.burnCaptions());
    }

    public SceneRequest request() {
        return new SceneRequest(Path.of(storyRoot), new RenderFormat(width, height, fps, segmentMs), label, shots, burnCaptions);
    }
}
