package io.branchline.engine.http;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per client address: at most {@code burst} actions at once, refilled at
 * {@code perMinute}. Confined to one event loop.
 */
final class RateLimit {

    private final int burst;
    private final double perMs;
    private final Map<String, double[]> buckets = new HashMap<>();

    RateLimit(int burst, int perMinute) {
        this.burst = burst;
        this.perMs = perMinute / 60_000.0;
    }

    /** Takes one token for {@code client}; false when it has none left. */
    boolean allow(String client, long nowMs) {
        if (buckets.size() > 10_000) {
            buckets.entrySet().removeIf(e -> e.getValue()[0] + (nowMs - e.getValue()[1]) * perMs >= burst);
        }
        double[] b = buckets.computeIfAbsent(client, c -> new double[] {burst, nowMs});
        b[0] = Math.min(burst, b[0] + (nowMs - b[1]) * perMs);
        b[1] = nowMs;
        if (b[0] < 1) {
            return false;
        }
        b[0] -= 1;
        return true;
    }

    /** Seconds until {@code client} has a token again. */
    long retryAfterSeconds(String client) {
        double[] b = buckets.get(client);
        return b == null ? 0 : (long) Math.ceil((1 - b[0]) / perMs / 1000.0);
    }
}
