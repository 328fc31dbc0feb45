package io.branchline.engine.session;

/**
 * How much one session may ask of the engine, time passed in.
 * <ul>
 *   <li>Steering (picks, answers, backs, position reports): a player reports its position about
 *       once a second and a viewer picks a few times a minute; a client looping faster than
 *       {@link #STEERS_PER_SECOND} calls a second for long is refused (429) until it slows down.</li>
 *   <li>Renders on demand of visits not stored yet: {@link #RENDER_BURST} at once, then one every
 *       {@link #SECONDS_PER_RENDER} seconds; beyond that a session's renders wait their turn, so a
 *       session looping through "back" and fresh answers renders at most its quota and other
 *       viewers do not wait for it.</li>
 * </ul>
 */
final class SteeringBudget {

    static final double STEERS_PER_SECOND = Double.parseDouble(System.getProperty("branchline.steersPerSecond", "10"));
    static final int RENDER_BURST = Integer.getInteger("branchline.rendersPerSession", 20);
    static final double SECONDS_PER_RENDER = Double.parseDouble(System.getProperty("branchline.secondsPerRender", "10"));

    private final TokenBucket steering = new TokenBucket(STEERS_PER_SECOND, STEERS_PER_SECOND * 3);
    private final TokenBucket renders = new TokenBucket(1 / SECONDS_PER_RENDER, RENDER_BURST);

    /** Takes one steering call's token; false when the session is steered too fast. */
    boolean take(long nowNanos) {
        return steering.take(nowNanos);
    }

    /**
     * Takes this session's quota for one render on demand: how long the render must wait for it,
     * in ms (0: it runs now). Waiting renders queue up one quota period apart, so however fast a
     * client loops, its renders never come faster than the quota.
     */
    long renderWaitMs(long nowNanos) {
        return renders.reserve(nowNanos);
    }

    static Outcome refused() {
        return new Outcome(false, 429, "this session is steered too often (at most " + (long) STEERS_PER_SECOND
                + " picks, answers, backs and position reports a second); wait a moment");
    }
}
