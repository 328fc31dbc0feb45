package io.branchline.engine.simulate;

/**
 * What one policy gave in a simulation. Times are seconds.
 *
 * @param choices           decision points passed (choices and questions)
 * @param stalledChoices    decision points after which the next scene was not rendered in time
 * @param stallSeconds      all waiting between visits (not counting the wait for the first visit)
 * @param startWaitSeconds  all waiting for the first visit
 * @param watchedSeconds    video played, all viewers together
 * @param latencyP50        choice-to-play latency: from the pick taking effect to the next scene playing
 * @param renderedSeconds   seconds of video rendered
 * @param wasteSeconds      seconds of video rendered that no viewer played
 * @param jobs              render jobs finished
 * @param finishedSeconds   virtual time when the last event happened
 * @param droppedJobs       render jobs dropped before they finished because every viewer that asked withdrew
 * @param pauses            times a speculative render paused at a segment boundary for an on-demand one
 */
public record PolicyResult(Policy policy, int viewers, long choices, long stalledChoices, double stallSeconds,
                           double startWaitSeconds, double watchedSeconds, double latencyP50, double latencyP95,
                           double latencyP99, double renderedSeconds, double wasteSeconds, long jobs,
                           double finishedSeconds, long droppedJobs, long pauses) {

    public double stalledShare() {
        return choices == 0 ? 0 : (double) stalledChoices / choices;
    }

    private double viewerMinutes() {
        return watchedSeconds / 60.0;
    }

    public double stallSecondsPerViewerMinute() {
        return viewerMinutes() == 0 ? 0 : stallSeconds / viewerMinutes();
    }

    public double renderedPerViewerMinute() {
        return viewerMinutes() == 0 ? 0 : renderedSeconds / viewerMinutes();
    }
}
