package io.branchline.engine.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a render node counts about itself: its slots, the renders running now, and since it
 * started the renders it finished, those that failed and the leases it lost. Safe to read from
 * any thread: the node's {@code /metrics} and the status it advertises to the engine read it.
 */
public final class NodeCounters {

    private final String node;
    private final int slots;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong rendered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong leasesLost = new AtomicLong();

    public NodeCounters(String node, int slots) {
        this.node = node;
        this.slots = slots;
    }

    /** A leased job was taken to render. */
    void started() {
        busy.incrementAndGet();
    }

    /** A render ended: {@code ok} when it was rendered, else it failed (a cancelled render is neither). */
    void ended(Boolean ok) {
        busy.decrementAndGet();
        if (ok == null) {
            return;
        }
        (ok ? rendered : failures).incrementAndGet();
    }

    /** The engine said the node no longer holds a lease it renders under. */
    void leaseLost() {
        leasesLost.incrementAndGet();
    }

    public String node() {
        return node;
    }

    public int slots() {
        return slots;
    }

    /** Renders running now; each holds a lease. */
    public int busy() {
        return busy.get();
    }

    public long rendered() {
        return rendered.get();
    }

    public long failures() {
        return failures.get();
    }

    public long leasesLost() {
        return leasesLost.get();
    }

    /** What the node advertises to the engine. */
    ClusterWire.Status status() {
        int now = busy();
        return new ClusterWire.Status(node, slots, now, now, rendered(), failures(), leasesLost());
    }
}
