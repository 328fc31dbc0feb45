package io.branchline.engine.session;

import io.branchline.engine.store.StoredScene;
import io.branchline.renderer.RenderedScene;
import java.util.HashSet;
import java.util.Set;

/**
 * The bit rates of the segments actually written for one stream, for its multivariant playlist:
 * the peak over single segments ({@code BANDWIDTH}) and the average over all of them
 * ({@code AVERAGE-BANDWIDTH}), each visit counted once. Thread-safe.
 */
final class BitRates {

    private final Set<String> counted = new HashSet<>();
    private long peak;
    private long bits;
    private double seconds;

    /** Counts the segments of a stored visit (once per visit). */
    synchronized void add(StoredScene scene) {
        if (!counted.add(scene.key())) {
            return;
        }
        for (RenderedScene.SegmentInfo s : scene.segments()) {
            double length = s.durationMs() / 1000.0;
            if (length <= 0) {
                continue;
            }
            peak = Math.max(peak, (long) Math.ceil(s.bytes() * 8 / length));
            bits += s.bytes() * 8;
            seconds += length;
        }
    }

    synchronized long peak() {
        return Math.max(1, peak);
    }

    synchronized long average() {
        return seconds <= 0 ? 0 : (long) Math.ceil(bits / seconds);
    }
}
