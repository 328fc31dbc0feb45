package io.branchline.story.eval;

import io.branchline.story.model.Value;
import java.util.List;

/**
 * One visit of a scene for one viewer.
 *
 * @param route   the scenes entered, in order: shot-less scenes that only routed onwards, then
 *                the scene whose video this is (the last one)
 * @param shots   the resolved shots of the video, possibly none
 * @param changes every variable change made on the way, in order
 * @param state   the viewer's state after the visit (visits counted, changes applied)
 * @param terminal how the visit ends
 */
public record SceneVisit(List<String> route, List<ResolvedShot> shots, List<Change> changes, ViewerState state,
                         Terminal terminal) {

    /** The scene whose video this is. */
    public String scene() {
        return route.get(route.size() - 1);
    }

    public long videoMs() {
        return shots.stream().mapToLong(ResolvedShot::durationMs).sum();
    }

    /** A variable changed from one value to another. */
    public record Change(String variable, Value before, Value after) {
    }
}
