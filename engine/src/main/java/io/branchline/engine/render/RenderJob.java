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
 * @param reason      why it is rendered: {@code on-demand} (a viewer waits) or {@code speculative}
 * @param burnCaptions whether captions are drawn into the frames (false: the player shows the WebVTT track)
 * @param session     who asks (a session id), so that it can withdraw the ask; null for an anonymous ask that is never withdrawn
 * @param probability the chance the session will need the visit, 0 to 1 (on-demand jobs count as 1)
 * @param deadlineMs  when the session needs the first segment, in epoch milliseconds; 0 for no deadline
 */
public record RenderJob(String key, String storyRoot, int width, int height, int fps, long segmentMs, String label,
                        List<ResolvedShot> shots, String reason, boolean burnCaptions, String session, double probability,
                        long deadlineMs) {

    /** The reason of a job a viewer waits for. */
    public static final String ON_DEMAND = "on-demand";
    /** The reason of a job rendered ahead of a choice. */
    public static final String SPECULATIVE = "speculative";

    /** An anonymous job with no deadline. */
    public static RenderJob of(String key, SceneRequest request, String reason) {
        return of(key, request, reason, null, 1, 0);
    }

    public static RenderJob of(String key, SceneRequest request, String reason, String session, double probability, long deadlineMs) {
        RenderFormat f = request.format();
        return new RenderJob(key, request.storyRoot().toString(), f.width(), f.height(), f.fps(), f.segmentMs(), request.label(),
                request.shots(), reason, request.burnCaptions(), session, probability, deadlineMs);
    }

    public boolean onDemand() {
        return ON_DEMAND.equals(reason);
    }

    public SceneRequest request() {
        return new SceneRequest(Path.of(storyRoot), new RenderFormat(width, height, fps, segmentMs), label, shots, burnCaptions);
    }
}
