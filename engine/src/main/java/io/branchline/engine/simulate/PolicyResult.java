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
 * @param ladder            whether the scheduler's render ladder was on
 * @param stalls            times a viewer waited between visits (after a decision or not)
 * @param watchedDraftSeconds the part of {@code watchedSeconds} played from the draft tier (the best tier
 *                          stored when the player reached each segment)
 * @param fullWorkSeconds   render time spent at the full tier, finished or not (upgrades included)
 * @param draftWorkSeconds  render time spent at the draft tier
 * @param drafts            draft renders finished
 * @param upgrades          full renders finished after a draft of the same visit
 * @param fullRatio         the scheduler's measured ratio of render time to reference cost at full quality, at the
 *                          end (its {@code RenderSpeed}; 1 when nothing was measured): what the load looked like to it
 */
public record PolicyResult(Policy policy, int viewers, long choices, long stalledChoices, double stallSeconds,
                           double startWaitSeconds, double watchedSeconds, double latencyP50, double latencyP95,
                           double latencyP99, double renderedSeconds, double wasteSeconds, long jobs,
                           double finishedSeconds, long droppedJobs, long pauses, boolean ladder, long stalls,
                           double watchedDraftSeconds, double fullWorkSeconds, double draftWorkSeconds, long drafts,
                           long upgrades, double fullRatio) {

    /** The share of watched video that came from drafts. */
    public double draftShare() {
        return watchedSeconds == 0 ? 0 : watchedDraftSeconds / watchedSeconds;
    }

    /** All render time spent, both tiers. */
    public double workSeconds() {
        return fullWorkSeconds + draftWorkSeconds;
    }

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
