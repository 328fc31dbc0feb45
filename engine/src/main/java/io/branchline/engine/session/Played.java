package io.branchline.engine.session;

import io.branchline.story.eval.ViewerState;

/**
 * A scene visit on a session's timeline: what was entered, in which state, and when its
 * video starts and ends on the session's media clock. The visit itself (shots, terminal) is
 * worked out again from these by the evaluator, which is pure: that is all a session needs
 * to keep.
 *
 * @param entered  the scene entered (the visit may route on through shot-less scenes)
 * @param before   the viewer's state before entering it
 * @param startMs  media time at which its video starts
 * @param endMs    media time at which its video ends (earlier than start + video when a
 *                 {@code cut} choice was taken mid-scene)
 */
public record Played(String entered, ViewerState before, long startMs, long endMs) {

    public Played endingAt(long ms) {
        return new Played(entered, before, startMs, ms);
    }
}
