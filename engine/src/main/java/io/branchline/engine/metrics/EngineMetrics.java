package io.branchline.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The engine's measurements, in one registry served at {@code /metrics} in Prometheus' text
 * format: renders by reason and how long they take, the render queue, pre-render hits and
 * misses, live sessions and segments served.
 */
public final class EngineMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public EngineMetrics() {
        // The process itself, so an operator (and the soak bench) can see heap, threads and open files stay flat.
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A render finished, with why it was asked for and how long it took. */
    public void rendered(String reason, long millis, boolean reused) {
        Counter.builder("branchline_renders").description("scene visits rendered, by reason (speculative, on-demand) and whether they were already stored")
                .tag("reason", reason).tag("reused", Boolean.toString(reused)).register(registry).increment();
        if (!reused) {
            Timer.builder("branchline_render_seconds").description("time to render a scene visit").tag("reason", reason)
                    .register(registry).record(Duration.ofMillis(millis));
        }
    }

    /** A queued render job was dropped because every session that asked for it withdrew. */
    public void dropped() {
        Counter.builder("branchline_render_dropped").description("render jobs dropped before they ran because no session needed them any more")
                .register(registry).increment();
    }

    /** A speculative render paused at a segment boundary to give its slot to an on-demand one. */
    public void paused() {
        Counter.builder("branchline_render_paused").description("speculative renders paused for an on-demand render")
                .register(registry).increment();
    }

    /** A visit was added to a session's timeline: already rendered ahead (hit) or not (miss). */
    public void prerender(boolean hit) {
        Counter.builder("branchline_prerender").description("visits a session went on to, by whether they were already rendered")
                .tag("result", hit ? "hit" : "miss").register(registry).increment();
    }

    /** A viewer's player asked for a segment that was not stored yet. */
    public void stall() {
        Counter.builder("branchline_stalls").description("segments a player needed before they were rendered").register(registry).increment();
    }

    public void segmentServed() {
        Counter.builder("branchline_segments_served").description("media segments served to players").register(registry).increment();
    }

    /** Reports a value that is read when scraped, such as the queue depth or the live sessions. */
    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
