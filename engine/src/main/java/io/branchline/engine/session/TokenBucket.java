package io.branchline.engine.session;

/**
 * A token bucket with time passed in: {@code burst} tokens at most, refilled at {@code perSecond}.
 * Not thread-safe: each is used on one event loop.
 */
final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;
    private boolean started;

    TokenBucket(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
    }

    /** Takes a token if there is one. */
    boolean take(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long until a token is there, in ms (0 when there is one now). */
    long waitMs(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * 1000);
    }

    /**
     * Takes a token now or, when there is none, the next one to come: returns how long to wait for
     * it in ms (0 when there was one). Reserved tokens are owed, so a run of reservations is spread
     * out at the refill rate instead of all waiting for the same token.
     */
    long reserve(long nowNanos) {
        long wait = waitMs(nowNanos);
        tokens -= 1;
        return wait;
    }

    double perSecond() {
        return perSecond;
    }

    private void refill(long nowNanos) {
        if (started) {
            tokens = Math.min(burst, tokens + Math.max(0, nowNanos - lastNanos) / 1e9 * perSecond);
        }
        started = true;
        lastNanos = nowNanos;
    }
}
