package io.branchline.engine.render;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTier;
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
 * @param tier        the tier of the render ladder to render at ({@code full} or {@code draft}); null when the
 *                    scheduler chooses, which it does by the deadline and the speed measured lately
 */
public record RenderJob(String key, String storyRoot, int width, int height, int fps, long segmentMs, String label,
                        List<ResolvedShot> shots, String reason, boolean burnCaptions, String session, double probability,
                        long deadlineMs, String tier) {

    /** A job whose tier the scheduler chooses. */
    public RenderJob(String key, String storyRoot, int width, int height, int fps, long segmentMs, String label,
                     List<ResolvedShot> shots, String reason, boolean burnCaptions, String session, double probability,
                     long deadlineMs) {
        this(key, storyRoot, width, height, fps, segmentMs, label, shots, reason, burnCaptions, session, probability, deadlineMs, null);
    }

    /** This job at {@code tier}. */
    public RenderJob at(RenderTier t) {
        return new RenderJob(key, storyRoot, width, height, fps, segmentMs, label, shots, reason, burnCaptions, session, probability,
                deadlineMs, t.wireName());
    }

    /** The tier to render at: full unless the job says otherwise. */
    public RenderTier renderTier() {
        return tier == null ? RenderTier.FULL : RenderTier.parse(tier);
    }

    /** The key this job's render is stored under: the visit's key at its tier. */
    public String tierKey() {
        return renderTier().key(key);
    }

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
