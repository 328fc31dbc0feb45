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

    /** A full-quality render finished, with why it was asked for and how long it took. */
    public void rendered(String reason, long millis, boolean reused) {
        rendered(reason, millis, reused, "full");
    }

    /** A render at {@code tier} (full, draft, rough) finished, with why it was asked for and how long it took. */
    public void rendered(String reason, long millis, boolean reused, String tier) {
        Counter.builder("branchline_renders").description("scene visits rendered, by reason (speculative, on-demand), tier of the render ladder"
                        + " (full, draft, rough) and whether they were already stored")
                .tag("reason", reason).tag("reused", Boolean.toString(reused)).tag("tier", tier).register(registry).increment();
        if (!reused) {
            Timer.builder("branchline_render_seconds").description("time to render a scene visit").tag("reason", reason).tag("tier", tier)
                    .register(registry).record(Duration.ofMillis(millis));
        }
    }

    /** A render's first segment was finished after the time a viewer needed it. */
    public void deadlineMissed(String tier) {
        Counter.builder("branchline_render_deadline_misses").description("renders whose first segment was finished after a viewer needed it, by tier")
                .tag("tier", tier).register(registry).increment();
    }

    /**
     * A media segment at {@code tier} was sent by its content key ({@code /segments/KEY/…}, what the
     * web player fetches, prefetched options included).
     */
    public void segmentSent(String tier) {
        Counter.builder("branchline_served_segments").description("media segments sent by content key (/segments/KEY/...), by tier of the render"
                        + " ladder; prefetched options count too").tag("tier", tier).register(registry).increment();
    }

    /** A media segment of {@code seconds} at {@code tier} was sent to a session's player. */
    public void watched(String tier, double seconds) {
        Counter.builder("branchline_served_media_seconds").description("seconds of video sent to sessions' players, by tier of the render ladder;"
                        + " the draft share of watched seconds is (draft + rough) / (full + draft + rough)")
                .tag("tier", tier).register(registry).increment(seconds);
    }

    /** A draft render started to rescue a full render that fell behind (see RenderScheduler). */
    public void rescued() {
        Counter.builder("branchline_render_rescues").description("draft renders started to rescue a full render of the same visit that fell behind a viewer")
                .register(registry).increment();
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
