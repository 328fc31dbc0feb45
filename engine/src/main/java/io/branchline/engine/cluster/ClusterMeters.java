package io.branchline.engine.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The cluster's share of the engine's {@code /metrics}: per render node (label {@code node}) what
 * it last advertised (slots, busy slots, renders, failures, leases lost), the leases the engine's
 * book gives it and how long ago it was heard from; for the whole cluster the jobs queued and
 * leased, the lease counters and the dispatch time (a job and a free slot both there → its node
 * begins it, on the engine's clock).
 */
public final class ClusterMeters {

    private ClusterMeters() {
    }

    /** Registers the cluster's meters of {@code nodes} in {@code registry}, and each node's as it joins. */
    public static void bind(ClusterNodes nodes, MeterRegistry registry) {
        Gauge.builder("branchline_cluster_nodes", nodes, n -> n.nodes().size()).description("render nodes that said hello").register(registry);
        Gauge.builder("branchline_cluster_jobs_queued", nodes, ClusterNodes::queued).description("render jobs waiting for a node").register(registry);
        Gauge.builder("branchline_cluster_jobs_leased", nodes, ClusterNodes::leased).description("render jobs leased to nodes now").register(registry);
        FunctionCounter.builder("branchline_cluster_leases_granted", nodes, ClusterNodes::granted).description("leases granted to nodes")
                .register(registry);
        FunctionCounter.builder("branchline_cluster_leases_renewed", nodes, ClusterNodes::renewed).description("lease renewals accepted")
                .register(registry);
        FunctionCounter.builder("branchline_cluster_leases_lapsed", nodes, ClusterNodes::lapsed)
                .description("leases that lapsed (not renewed in time, as of a node that died): their jobs were queued again").register(registry);
        Timer dispatch = Timer.builder("branchline_cluster_dispatch_seconds")
                .description("from a job and a free slot of a node both being there to the node beginning the render, on the engine's clock")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(10)).distributionStatisticBufferLength(1)
                .register(registry);
        nodes.onDispatch(micros -> dispatch.record(micros, TimeUnit.MICROSECONDS));
        nodes.onJoin(id -> {
            node(registry, nodes, id, "branchline_cluster_node_slots", "slots the node advertised", ClusterNodes.Node::slots);
            node(registry, nodes, id, "branchline_cluster_node_busy_slots", "the node's slots rendering, as it last advertised",
                    ClusterNodes.Node::busy);
            node(registry, nodes, id, "branchline_cluster_node_leases_held", "leases the engine's book gives the node now",
                    ClusterNodes.Node::leasesHeld);
            node(registry, nodes, id, "branchline_cluster_node_renders", "renders the node reported finished since it started",
                    ClusterNodes.Node::rendered);
            node(registry, nodes, id, "branchline_cluster_node_render_failures", "renders that failed on the node since it started",
                    ClusterNodes.Node::failures);
            node(registry, nodes, id, "branchline_cluster_node_leases_lost", "leases the node lost while it rendered, since it started",
                    ClusterNodes.Node::leasesLost);
            node(registry, nodes, id, "branchline_cluster_node_last_seen_seconds", "seconds since the node was last heard from",
                    n -> n.lastSeenMsAgo() / 1000.0);
        });
    }

    private static void node(MeterRegistry registry, ClusterNodes nodes, String id, String name, String description,
                             ToDoubleFunction<ClusterNodes.Node> value) {
        Gauge.builder(name, nodes, n -> n.nodes().stream().filter(x -> x.id().equals(id)).findFirst().map(value::applyAsDouble)
                        .orElse(Double.NaN))
                .description(description).tag("node", id).register(registry);
    }
}
