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
    private volatile Context context;
    private long expiryTimer = -1;

    private record Parked(Message<Buffer> message, Pull pull, long timer) {
    }

    public LeaseDispatchVerticle(String engineId) {
        this(engineId, ClusterVersion.current());
    }

    /** An engine of {@code version}: nodes of another are refused. */
    public LeaseDispatchVerticle(String engineId, String version) {
        this.engineId = engineId;
        this.version = version;
    }

    @Override
    public Future<?> start() {
        context = vertx.getOrCreateContext();
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.HELLO, this::hello));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.PULL, this::pull));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.RENEW, this::renew));
        consumers.add(vertx.eventBus().<Buffer>consumer(ClusterWire.DONE, this::done));
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
            book.offer(id, job);
            servePulls();
        });
        return answer;
    }

    /** Nobody waits for the job of tier key {@code id} any more (from any thread). */
    public void withdraw(String id) {
        context.runOnContext(v -> {
            book.withdraw(id);
            waiting.remove(id);
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
        LOG.log(Level.INFO, "render node " + hello.node() + " joined with " + hello.slots() + " slots, serving segments at " + hello.url());
        m.reply(ClusterWire.write(new Welcome(engineId, LEASE_MS, RENEW_MS)));
    }

    private void pull(Message<Buffer> m) {
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
        if (pull.free() < 1) {
            m.reply(ClusterWire.write(new Leases(List.of())));
            return;
        }
        List<LeaseBook.Lease<RenderJob>> granted = book.lease(pull.node(), pull.free());
        if (!granted.isEmpty()) {
            m.reply(ClusterWire.write(leases(granted)));
            return;
        }
        long timer = vertx.setTimer(ClusterWire.PULL_WAIT_MS, t -> {
            if (pulls.removeIf(p -> p.message() == m)) {
                m.reply(ClusterWire.write(new Leases(List.of())));
            }
        });
        pulls.addLast(new Parked(m, pull, timer));
    }

    private void servePulls() {
        while (book.queued() > 0 && !pulls.isEmpty()) {
            Parked p = pulls.pollFirst();
            vertx.cancelTimer(p.timer());
            p.message().reply(ClusterWire.write(leases(book.lease(p.pull().node(), p.pull().free()))));
        }
    }

    private static Leases leases(List<LeaseBook.Lease<RenderJob>> granted) {
        return new Leases(granted.stream().map(l -> new Leased(l.id(), l.job(), l.attempt())).toList());
    }

    private void renew(Message<Buffer> m) {
        Renew renew;
        try {
            renew = ClusterWire.read(m.body(), Renew.class);
        } catch (IllegalArgumentException e) {
            m.fail(400, e.getMessage());
            return;
        }
        List<String> lost = new ArrayList<>();
        for (String id : renew.ids()) {
            if (!book.renew(renew.node(), id)) {
                lost.add(id);
            }
        }
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
        if (done.outcome() == null && done.failure() == io.branchline.engine.render.RenderAddresses.CANCELLED) {
            // The node stopped (or lost the lease): the job is someone else's to render.
            book.giveBack(done.node(), done.id());
            servePulls();
            m.reply(ClusterWire.write(Map.of()));
            return;
        }
        if (book.complete(done.node(), done.id()) == LeaseBook.Completion.FIRST) {
            CompletableFuture<Finished> w = waiting.remove(done.id());
            if (w != null) {
                w.complete(new Finished(node.url(), done));
            }
        }
        m.reply(ClusterWire.write(Map.of()));
    }

    private void expire() {
        for (LeaseBook.Lease<RenderJob> lapsed : book.expire()) {
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
