package io.branchline.engine.cluster;

import io.branchline.engine.metrics.EngineMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A render node's {@code /metrics}: the engine's Prometheus text form (with the same process
 * metrics), plus the node's slots, busy slots, leases held, renders done, render failures and
 * leases lost, read from its {@link NodeCounters} when scraped.
 */
public final class NodeMetrics {

    private NodeMetrics() {
    }

    /** A registry of the node's metrics, read from {@code counters}. */
    public static EngineMetrics of(NodeCounters counters) {
        EngineMetrics metrics = new EngineMetrics();
        MeterRegistry r = metrics.registry();
        Gauge.builder("branchline_node_slots", counters, NodeCounters::slots).description("renders this node runs at once").register(r);
        Gauge.builder("branchline_node_busy_slots", counters, NodeCounters::busy).description("slots rendering now").register(r);
        Gauge.builder("branchline_node_leases_held", counters, NodeCounters::busy)
                .description("leases of the engine this node holds now (one per render running)").register(r);
        FunctionCounter.builder("branchline_node_renders", counters, NodeCounters::rendered)
                .description("scene visits this node rendered and reported done").register(r);
        FunctionCounter.builder("branchline_node_render_failures", counters, NodeCounters::failures)
                .description("renders that failed on this node (bad input or an internal error)").register(r);
        FunctionCounter.builder("branchline_node_leases_lost", counters, NodeCounters::leasesLost)
                .description("leases the engine took back while this node rendered under them (they lapsed); the render was stopped")
                .register(r);
        return metrics;
    }
}
