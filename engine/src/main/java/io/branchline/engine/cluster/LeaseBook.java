package io.branchline.engine.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The engine's book of render jobs handed to render nodes: which wait, which are leased to
 * which node until when. A node pulls jobs ({@link #lease}), renews its leases while it renders
 * ({@link #renew}) and reports each job done ({@link #complete}); a lease not renewed in time
 * ({@link #expire}) or held by a node that left ({@link #release}) puts its job back at the head
 * of the queue. Jobs are named by their content key at their tier, so a job rendered twice (a
 * lease that expired while its node was only slow) gives the same bytes: the first completion
 * counts, a later one is {@link Completion#DUPLICATE} and harmless.
 *
 * <p>Plain and single-threaded (the dispatch verticle calls it from its event loop); time comes
 * from the injected clock, so it is tested without Vert.x.
 *
 * @param <J> what a job carries
 */
public final class LeaseBook<J> {

    /** A job leased to a node until {@code until} (clock milliseconds); {@code attempt} counts from 1. */
    public record Lease<J>(String id, J job, String node, long until, int attempt) {
    }

    /** What a completion report did. */
    public enum Completion {
        /** The job was in the book and is now done: its waiter is to be answered. */
        FIRST,
        /** The job was done (or withdrawn) already: nothing to do. */
        DUPLICATE
    }

    private record Entry<J>(String id, J job, int attempts) {
    }

    private final LongSupplier clock;
    private final long leaseMs;
    private final Deque<Entry<J>> queue = new ArrayDeque<>();
    private final Map<String, Lease<J>> leases = new LinkedHashMap<>();

    /** @param leaseMs how long a lease lasts from its grant or its last renewal */
    public LeaseBook(LongSupplier clock, long leaseMs) {
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("a lease lasts a positive time, not " + leaseMs + " ms");
        }
        this.clock = clock;
        this.leaseMs = leaseMs;
    }

    /** Queues a job; returns false (and changes nothing) when a job of that id is queued or leased already. */
    public boolean offer(String id, J job) {
        if (holds(id)) {
            return false;
        }
        queue.addLast(new Entry<>(id, job, 0));
        return true;
    }

    /** Whether a job of that id waits or is leased. */
    public boolean holds(String id) {
        return leases.containsKey(id) || queue.stream().anyMatch(e -> e.id().equals(id));
    }

    /** Leases at most {@code max} waiting jobs to {@code node}, oldest first. */
    public List<Lease<J>> lease(String node, int max) {
        List<Lease<J>> granted = new ArrayList<>();
        long until = clock.getAsLong() + leaseMs;
        while (granted.size() < max && !queue.isEmpty()) {
            Entry<J> e = queue.pollFirst();
            Lease<J> lease = new Lease<>(e.id(), e.job(), node, until, e.attempts() + 1);
            leases.put(e.id(), lease);
            granted.add(lease);
        }
        return granted;
    }

    /**
     * Extends {@code node}'s lease of job {@code id}. Returns false when the node holds no such
     * lease any more (it expired and the job went back to the queue or to another node, or the job
     * is done or withdrawn): the node should stop rendering it.
     */
    public boolean renew(String node, String id) {
        Lease<J> lease = leases.get(id);
        if (lease == null || !lease.node().equals(node) || lease.until() < clock.getAsLong()) {
            return false;
        }
        leases.put(id, new Lease<>(id, lease.job(), node, clock.getAsLong() + leaseMs, lease.attempt()));
        return true;
    }

    /**
     * A node reports job {@code id} done. The first report counts, from whichever node (its lease
     * may have expired meanwhile: the render is the same for the same key); the job leaves the book.
     */
    public Completion complete(String node, String id) {
        if (leases.remove(id) != null || queue.removeIf(e -> e.id().equals(id))) {
            return Completion.FIRST;
        }
        return Completion.DUPLICATE;
    }

    /**
     * A node reports that it could not render job {@code id} (a failure on its side, not the
     * job's): the job goes back to the head of the queue if that node held it. Returns whether it did.
     */
    public boolean giveBack(String node, String id) {
        Lease<J> lease = leases.get(id);
        if (lease == null || !lease.node().equals(node)) {
            return false;
        }
        requeue(lease);
        return true;
    }

    /** Puts every lease past its time back at the head of the queue; returns them. */
    public List<Lease<J>> expire() {
        long now = clock.getAsLong();
        List<Lease<J>> expired = new ArrayList<>();
        for (Iterator<Lease<J>> it = leases.values().iterator(); it.hasNext(); ) {
            Lease<J> lease = it.next();
            if (lease.until() < now) {
                expired.add(lease);
            }
        }
        // Requeued youngest first at the head, so the oldest ends up first.
        for (int i = expired.size() - 1; i >= 0; i--) {
            requeue(expired.get(i));
        }
        return expired;
    }

    /** A node left the cluster: its leases go back to the head of the queue at once; returns them. */
    public List<Lease<J>> release(String node) {
        List<Lease<J>> held = leases.values().stream().filter(l -> l.node().equals(node)).toList();
        for (int i = held.size() - 1; i >= 0; i--) {
            requeue(held.get(i));
        }
        return held;
    }

    /** Nobody needs job {@code id} any more: it leaves the book, queued or leased; returns whether it was there. */
    public boolean withdraw(String id) {
        return leases.remove(id) != null | queue.removeIf(e -> e.id().equals(id));
    }

    private void requeue(Lease<J> lease) {
        leases.remove(lease.id());
        queue.addFirst(new Entry<>(lease.id(), lease.job(), lease.attempt()));
    }

    /** Jobs waiting for a node. */
    public int queued() {
        return queue.size();
    }

    /** Jobs leased now. */
    public int leased() {
        return leases.size();
    }

    /** Leases held now, by node. */
    public Map<String, Integer> leasesByNode() {
        Map<String, Integer> by = new HashMap<>();
        leases.values().forEach(l -> by.merge(l.node(), 1, Integer::sum));
        return by;
    }

    /** The lease of job {@code id}, or null when it is not leased. */
    public Lease<J> leaseOf(String id) {
        return leases.get(id);
    }
}
