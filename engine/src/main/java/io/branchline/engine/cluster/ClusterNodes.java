package io.branchline.engine.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The engine's view of its render nodes, for {@code GET /api/cluster} and {@code /metrics}: each
 * node as it said hello and as it last advertised itself ({@link ClusterWire.Status}), when it
 * was last heard from, the leases the engine's book gives it; and the lease counters (granted,
 * renewed, lapsed and queued again) and dispatch times of the whole cluster. The dispatch
 * verticle writes it from its event loop; anyone may read it.
 */
public final class ClusterNodes {

    /** One node as {@code GET /api/cluster} lists it. */
    public record Node(String id, String url, String version, String device, int slots, int busy, int leasesHeld, long rendered, long failures,
                       long leasesLost, long lastSeenMsAgo) {
    }

    private record Known(ClusterWire.Hello hello, ClusterWire.Status status, long lastSeen) {
    }

    /** How many dispatch times are kept for percentiles (the latest). */
    static final int DISPATCH_SAMPLES = 10_000;

    private final LongSupplier clock;
    private final String engine;
    private final String version;
    private final Map<String, Known> nodes = new LinkedHashMap<>();
    private Map<String, Integer> leases = Map.of();
    private int queued;
    private long granted;
    private long renewed;
    private long lapsed;
    private final long[] dispatchMicros = new long[DISPATCH_SAMPLES];
    private long dispatched;
    private final List<Consumer<String>> joinListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> dispatchListeners = new CopyOnWriteArrayList<>();

    /** @param clock milliseconds, for how long ago a node was heard from */
    public ClusterNodes(String engine, String version, LongSupplier clock) {
        this.engine = engine;
        this.version = version;
        this.clock = clock;
    }

    /** Calls {@code listener} with each node's name the first time it says hello (for per-node metrics). */
    public void onJoin(Consumer<String> listener) {
        joinListeners.add(listener);
    }

    /** Calls {@code listener} with each dispatch time, in microseconds. */
    public void onDispatch(java.util.function.LongConsumer listener) {
        dispatchListeners.add(listener);
    }

    /** A node said hello (again, after a restart of either side). */
    void joined(ClusterWire.Hello hello) {
        boolean first;
        synchronized (this) {
            first = !nodes.containsKey(hello.node());
            nodes.put(hello.node(), new Known(hello, new ClusterWire.Status(hello.node(), hello.slots(), 0, 0, 0, 0, 0), clock.getAsLong()));
        }
        if (first) {
            joinListeners.forEach(l -> l.accept(hello.node()));
        }
    }

    /** A node advertised itself; ignored from a node that has not said hello. */
    synchronized void advertised(ClusterWire.Status status) {
        Known k = nodes.get(status.node());
        if (k != null) {
            nodes.put(status.node(), new Known(k.hello(), status, clock.getAsLong()));
        }
    }

    /** A message came from {@code node}. */
    synchronized void seen(String node) {
        Known k = nodes.get(node);
        if (k != null) {
            nodes.put(node, new Known(k.hello(), k.status(), clock.getAsLong()));
        }
    }

    /** The lease book now: jobs waiting, and leases held by node. */
    synchronized void book(int queued, Map<String, Integer> leasesByNode) {
        this.queued = queued;
        this.leases = Map.copyOf(leasesByNode);
    }

    synchronized void granted(int n) {
        granted += n;
    }

    synchronized void renewed(int n) {
        renewed += n;
    }

    /** Leases that lapsed (not renewed in time): their jobs went back to the queue. */
    synchronized void lapsed(int n) {
        lapsed += n;
    }

    /** A job waited {@code micros} from the moment both it and a free slot were there until its node began it. */
    void dispatched(long micros) {
        synchronized (this) {
            dispatchMicros[(int) (dispatched % DISPATCH_SAMPLES)] = micros;
            dispatched++;
        }
        dispatchListeners.forEach(l -> l.accept(micros));
    }

    /** The nodes, in the order they first said hello. */
    public synchronized List<Node> nodes() {
        long now = clock.getAsLong();
        List<Node> out = new ArrayList<>();
        for (Known k : nodes.values()) {
            ClusterWire.Status s = k.status();
            out.add(new Node(k.hello().node(), k.hello().url(), k.hello().version(), k.hello().device(), s.slots(), s.busy(), leases.getOrDefault(k.hello().node(), 0),
                    s.rendered(), s.failures(), s.leasesLost(), Math.max(0, now - k.lastSeen())));
        }
        return out;
    }

    public synchronized int queued() {
        return queued;
    }

    public synchronized int leased() {
        return leases.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized long granted() {
        return granted;
    }

    public synchronized long renewed() {
        return renewed;
    }

    public synchronized long lapsed() {
        return lapsed;
    }

    /** The latest dispatch times (at most {@link #DISPATCH_SAMPLES}), in microseconds, sorted. */
    public synchronized long[] dispatchMicros() {
        long[] copy = Arrays.copyOf(dispatchMicros, (int) Math.min(dispatched, DISPATCH_SAMPLES));
        Arrays.sort(copy);
        return copy;
    }

    /** {@code GET /api/cluster}'s answer. */
    public JsonObject toJson() {
        JsonArray list = new JsonArray();
        for (Node n : nodes()) {
            list.add(new JsonObject().put("id", n.id()).put("url", n.url()).put("version", n.version()).put("device", n.device()).put("slots", n.slots())
                    .put("busy", n.busy()).put("leasesHeld", n.leasesHeld()).put("rendered", n.rendered()).put("failures", n.failures())
                    .put("leasesLost", n.leasesLost()).put("lastSeenMsAgo", n.lastSeenMsAgo()));
        }
        synchronized (this) {
            return new JsonObject().put("clustered", true).put("engine", engine).put("version", version).put("nodes", list)
                    .put("jobs", new JsonObject().put("queued", queued).put("leased", leased()))
                    .put("leases", new JsonObject().put("granted", granted).put("renewed", renewed).put("lapsed", lapsed));
        }
    }
}
