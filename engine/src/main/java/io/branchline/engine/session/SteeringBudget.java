package io.branchline.engine.session;

/**
 * How often one session may be steered (picks, answers, backs, position reports): a token
 * bucket, time passed in. A player reports its position about once a second and a viewer picks
 * a few times a minute; a client looping faster than {@link #PER_SECOND} calls a second for
 * long is refused (429) until it slows down, so one session cannot keep the engine busy.
 */
final class SteeringBudget {

    static final double PER_SECOND = Double.parseDouble(System.getProperty("branchline.steersPerSecond", "10"));
    static final double BURST = Math.max(1, PER_SECOND * 3);

    private double tokens = BURST;
    private long lastNanos;
    private boolean started;

    /** Takes one call's token; false when the session is steered too fast. */
    boolean take(long nowNanos) {
        if (started) {
            tokens = Math.min(BURST, tokens + (nowNanos - lastNanos) / 1e9 * PER_SECOND);
        }
        started = true;
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    static Outcome refused() {
        return new Outcome(false, 429, "this session is steered too often (at most " + (long) PER_SECOND
                + " picks, answers, backs and position reports a second); wait a moment");
    }
}
