package io.branchline.engine.cluster;

import io.branchline.engine.cluster.ClusterWire.Done;
import io.branchline.engine.cluster.ClusterWire.Hello;
import io.branchline.engine.cluster.ClusterWire.Leased;
import io.branchline.engine.cluster.ClusterWire.Leases;
import io.branchline.engine.cluster.ClusterWire.Pull;
import io.branchline.engine.cluster.ClusterWire.Renew;
import io.branchline.engine.cluster.ClusterWire.Renewed;
import io.branchline.engine.cluster.ClusterWire.Welcome;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.render.RenderOutcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's end of the lease protocol (docs/scale-out.md): greets render nodes, leases them
 * the jobs {@link #submit submitted} (the engine's one scheduler decides which and when), hears
 * their renewals and completions, and puts the jobs of leases that lapse back in the queue.
 * Thin: the book-keeping is {@link LeaseBook}'s.
 *
 * <p>A pull finds the queue empty waits here up to {@link ClusterWire#PULL_WAIT_MS}, so a job
 * submitted meanwhile goes out at once, and a node that joins takes work at its first pull.
 */
public final class LeaseDispatchVerticle extends VerticleBase {

    /** A job a node finished: where its segments are, and what it made (or why it failed). */
    public record Finished(String url, Done done) {
    }

    /** How long a lease lasts from its grant or renewal; {@code -Dbranchline.leaseMs} changes it. */
    public static final long LEASE_MS = Long.getLong("branchline.leaseMs", 5_000);
    /** How often a node renews its leases. */
    public static final long RENEW_MS = Math.max(100, LEASE_MS * 3 / 10);

    private static final System.Logger LOG = System.getLogger("branchline.cluster");

    private final String engineId;
    private final String version;
    private final LeaseBook<RenderJob> book = new LeaseBook<>(System::currentTimeMillis, LEASE_MS);
    private final Map<String, CompletableFuture<Finished>> waiting = new HashMap<>();
    private final Map<String, Hello> nodes = new HashMap<>();
    private final Deque<Parked> pulls = new ArrayDeque<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final ClusterNodes view;
    /** When each waiting job was queued (again), in nanoseconds. */
    private final Map<String, Long> queuedAt = new HashMap<>();
    /** When each leased job, not yet begun, had both itself and a free slot there, in nanoseconds. */
    private final Map<String, Long> readyAt = new HashMap<>();
    private volatile Context context;
    private long expiryTimer = -1;

    private record Parked(Message<Buffer> message, Pull pull, long timer, long arrivedNanos) {
    }

    public LeaseDispatchVerticle(String engineId) {
        this(engineId, ClusterVersion.current());
    }

    /** An engine of {@code version}: nodes of another are refused. */
    public LeaseDispatchVerticle(String engineId, String version) {
        this.engineId = engineId;
        this.version = version;
        this.view = new ClusterNodes(engineId, version, System::currentTimeMillis);
    }

    /** The nodes as they said hello and advertise themselves, and the lease counters: for /api/cluster and /metrics. */
    public ClusterNodes view() {
        return view;
    }

    @Override
    public Future<?> start() {
        context = vertx.getOrCreateContext();
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.HELLO, this::hello));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.PULL, this::pull));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.RENEW, this::renew));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.DONE, this::done));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.STATUS, this::status));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.STARTED, this::started));
        expiryTimer = vertx.setPeriodic(Math.max(50, LEASE_MS / 10), t -> expire());
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(expiryTimer);
        pulls.forEach(p -> vertx.cancelTimer(p.timer()));
        pulls.forEach(p -> p.message().reply(ClusterWire.write(new Leases(List.of()))));
        pulls.clear();
        waiting.values().forEach(f -> f.cancel(false));
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
    }

    /**
     * Queues {@code job} for the render nodes (from any thread). The future completes when a node
     * reports it done; a job already queued or leased under the same tier key shares its future.
     */
    public CompletableFuture<Finished> submit(RenderJob job) {
        CompletableFuture<Finished> answer = new CompletableFuture<>();
        context.runOnContext(v -> {
            String id = job.tierKey();
            CompletableFuture<Finished> already = waiting.get(id);
            if (already != null) {
                already.whenComplete((r, e) -> {
                    if (e != null) {
                        answer.completeExceptionally(e);
                    } else {
                        answer.complete(r);
                    }
                });
                return;
            }
            waiting.put(id, answer);
            if (book.offer(id, job)) {
                queuedAt.put(id, System.nanoTime());
            }
            servePulls();
        });
        return answer;
    }

    /** Nobody waits for the job of tier key {@code id} any more (from any thread). */
    public void withdraw(String id) {
        context.runOnContext(v -> {
            book.withdraw(id);
            waiting.remove(id);
            queuedAt.remove(id);
            readyAt.remove(id);
            noteBook();
        });
    }

    /** Nodes greeted, jobs queued and leased: for /metrics and logs. */
    public int nodes() {
        return nodes.size();
    }

    private void hello(Message<Buffer> m) {
        Hello hello;
        try {
            hello = ClusterWire.read(m.body(), Hello.class);
        } catch (IllegalArgumentException e) {
            m.fail(400, e.getMessage());
            return;
        }
        if (!version.equals(hello.version())) {
            String why = "render node " + hello.node() + " runs Branchline " + hello.version() + " but this engine runs " + version
                    + "; refused: start the node from the same release as the engine";
            LOG.log(Level.WARNING, why);
            m.fail(ClusterWire.WRONG_VERSION, why);
            return;
        }
        nodes.put(hello.node(), hello);
        view.joined(hello);
        LOG.log(Level.INFO, "render node " + hello.node() + " joined with " + hello.slots() + " slots, serving segments at " + hello.url());
        m.reply(ClusterWire.write(new Welcome(engineId, LEASE_MS, RENEW_MS)));
    }

    private void pull(Message<Buffer> m) {
        long arrived = System.nanoTime();
        Pull pull;
        try {
            pull = ClusterWire.read(m.body(), Pull.class);
        } catch (IllegalArgumentException e) {
            m.fail(400, e.getMessage());
            return;
        }
        if (!nodes.containsKey(pull.node())) {
            m.fail(ClusterWire.UNKNOWN_NODE, "no hello from node " + pull.node() + " (the engine restarted?): say hello again");
            return;
        }
        view.seen(pull.node());
        if (pull.free() < 1) {
            m.reply(ClusterWire.write(new Leases(List.of())));
            return;
        }
        List<LeaseBook.Lease<RenderJob>> granted = book.lease(pull.node(), pull.free());
        if (!granted.isEmpty()) {
            m.reply(ClusterWire.write(leases(granted, arrived)));
            return;
        }
        long timer = vertx.setTimer(ClusterWire.PULL_WAIT_MS, t -> {
            if (pulls.removeIf(p -> p.message() == m)) {
                m.reply(ClusterWire.write(new Leases(List.of())));
            }
        });
        pulls.addLast(new Parked(m, pull, timer, arrived));
    }

    private void servePulls() {
        while (book.queued() > 0 && !pulls.isEmpty()) {
            Parked p = pulls.pollFirst();
            vertx.cancelTimer(p.timer());
            p.message().reply(ClusterWire.write(leases(book.lease(p.pull().node(), p.pull().free()), p.arrivedNanos())));
        }
        noteBook();
    }

    /** The reply to a pull that arrived at {@code pulledNanos}; notes when each job had both itself and a free slot. */
    private Leases leases(List<LeaseBook.Lease<RenderJob>> granted, long pulledNanos) {
        for (LeaseBook.Lease<RenderJob> l : granted) {
            Long queued = queuedAt.remove(l.id());
            readyAt.put(l.id(), queued == null ? pulledNanos : Math.max(queued, pulledNanos));
        }
        view.granted(granted.size());
        noteBook();
        return new Leases(granted.stream().map(l -> new Leased(l.id(), l.job(), l.attempt())).toList());
    }

    private void noteBook() {
        view.book(book.queued(), book.leasesByNode());
    }

    private void status(Message<Buffer> m) {
        try {
            view.advertised(ClusterWire.read(m.body(), ClusterWire.Status.class));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "a node's status was unreadable: " + e.getMessage());
        }
    }

    private void started(Message<Buffer> m) {
        ClusterWire.Started started;
        try {
            started = ClusterWire.read(m.body(), ClusterWire.Started.class);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "a node's start notice was unreadable: " + e.getMessage());
            return;
        }
        view.seen(started.node());
        LeaseBook.Lease<RenderJob> lease = book.leaseOf(started.id());
        Long ready = lease != null && lease.node().equals(started.node()) ? readyAt.remove(started.id()) : null;
        if (ready != null) {
            view.dispatched((System.nanoTime() - ready) / 1_000);
        }
    }

    private void renew(Message<Buffer> m) {
        Renew renew;
        try {
            renew = ClusterWire.read(m.body(), Renew.class);
        } catch (IllegalArgumentException e) {
            m.fail(400, e.getMessage());
            return;
        }
        view.seen(renew.node());
        List<String> lost = new ArrayList<>();
        for (String id : renew.ids()) {
            if (!book.renew(renew.node(), id)) {
                lost.add(id);
            }
        }
        view.renewed(renew.ids().size() - lost.size());
        m.reply(ClusterWire.write(new Renewed(lost)));
    }

    private void done(Message<Buffer> m) {
        Done done;
        try {
            done = ClusterWire.read(m.body(), Done.class);
        } catch (IllegalArgumentException e) {
            m.fail(400, e.getMessage());
            return;
        }
        Hello node = nodes.get(done.node());
        if (node == null) {
            m.fail(ClusterWire.UNKNOWN_NODE, "no hello from node " + done.node());
            return;
        }
        view.seen(done.node());
        readyAt.remove(done.id());
        if (done.outcome() == null && done.failure() == io.branchline.engine.render.RenderAddresses.CANCELLED) {
            // The node stopped (or lost the lease): the job is someone else's to render.
            if (book.giveBack(done.node(), done.id())) {
                queuedAt.put(done.id(), System.nanoTime());
            }
            servePulls();
            m.reply(ClusterWire.write(Map.of()));
            return;
        }
        if (book.complete(done.node(), done.id()) == LeaseBook.Completion.FIRST) {
            queuedAt.remove(done.id());
            CompletableFuture<Finished> w = waiting.remove(done.id());
            if (w != null) {
                w.complete(new Finished(node.url(), done));
            }
        }
        noteBook();
        m.reply(ClusterWire.write(Map.of()));
    }

    private void expire() {
        List<LeaseBook.Lease<RenderJob>> expired = book.expire();
        view.lapsed(expired.size());
        for (LeaseBook.Lease<RenderJob> lapsed : expired) {
            readyAt.remove(lapsed.id());
            queuedAt.put(lapsed.id(), System.nanoTime());
            LOG.log(Level.WARNING, "the lease of " + lapsed.id() + " on node " + lapsed.node() + " lapsed (attempt " + lapsed.attempt()
                    + "); the job is queued again");
        }
        servePulls();
    }

    /**
     * The job of tier key {@code id} has to be rendered again: the node that did it could not hand
     * its segments over (it died after reporting). From any thread.
     */
    public CompletableFuture<Finished> retry(RenderJob job) {
        return submit(job);
    }

    /** For /metrics: jobs queued, jobs leased, by node. */
    public Map<String, Integer> leasesByNode() {
        return book.leasesByNode();
    }
}
