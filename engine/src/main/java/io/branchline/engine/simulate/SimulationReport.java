package io.branchline.engine.simulate;

import java.util.List;
import java.util.Locale;

/** Prints simulation results as a text table or as JSON. */
public final class SimulationReport {

    private SimulationReport() {
    }

    public static String text(String story, SimOptions o, List<PolicyResult> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d viewers, %d render slot%s, speed %s, seed %d, arrivals every %.1fs on average%s%n",
                story, o.viewers(), o.renderSlots(), o.renderSlots() == 1 ? "" : "s",
                o.speed() > 0 ? fmt(o.speed()) + "x" : "cost model (color/title 15x, image/clip 8x, generate 3x)",
                o.seed(), o.arrivalSeconds(), o.disagree() ? ", viewers disagree with the author" : ""));
        b.append(String.format(Locale.ROOT, "%-11s %8s %8s %7s %10s %8s %8s %8s %11s %9s %9s %8s %7s%n",
                "policy", "choices", "stalled", "share", "stall s/vm", "lat p50", "lat p95", "lat p99", "render s/vm", "waste s", "start s",
                "dropped", "paused"));
        for (PolicyResult r : results) {
            b.append(String.format(Locale.ROOT, "%-11s %8d %8d %6.1f%% %10.2f %8.2f %8.2f %8.2f %11.2f %9.1f %9.2f %8d %7d%n",
                    r.policy().cliName(), r.choices(), r.stalledChoices(), 100 * r.stalledShare(), r.stallSecondsPerViewerMinute(),
                    r.latencyP50(), r.latencyP95(), r.latencyP99(), r.renderedPerViewerMinute(), r.wasteSeconds(),
                    r.viewers() == 0 ? 0 : r.startWaitSeconds() / r.viewers(), r.droppedJobs(), r.pauses()));
        }
        b.append("choices count questions too; s/vm = seconds per viewer-minute watched; latency in seconds from the pick\n"
                + "taking effect to the next scene playing; waste = seconds rendered that no viewer played; start s = mean wait for the first scene;\n"
                + "dropped = render jobs no viewer needed any more before they finished; paused = speculative renders paused for on-demand ones\n");
        return b.toString();
    }

    public static String json(String story, SimOptions o, List<PolicyResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("{\"story\":\"").append(story.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",");
        b.append(String.format(Locale.ROOT, "\"viewers\":%d,\"renderSlots\":%d,\"speed\":%s,\"seed\":%d,\"arrivalSeconds\":%s,\"disagree\":%b,\"cover\":%s,\"wholeVisit\":%b,\"policies\":[",
                o.viewers(), o.renderSlots(), o.speed() > 0 ? fmt(o.speed()) : "null", o.seed(), fmt(o.arrivalSeconds()), o.disagree(),
                fmt(o.predictiveCover()), o.wholeVisit()));
        for (int i = 0; i < results.size(); i++) {
            PolicyResult r = results.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append(String.format(Locale.ROOT, "{\"policy\":\"%s\",\"choices\":%d,\"stalledChoices\":%d,\"stalledShare\":%s,"
                            + "\"stallSeconds\":%s,\"stallSecondsPerViewerMinute\":%s,\"latencyP50\":%s,\"latencyP95\":%s,\"latencyP99\":%s,"
                            + "\"renderedSeconds\":%s,\"renderedPerViewerMinute\":%s,\"wasteSeconds\":%s,\"watchedSeconds\":%s,"
                            + "\"startWaitSeconds\":%s,\"jobs\":%d,\"finishedSeconds\":%s,\"droppedJobs\":%d,\"pauses\":%d}",
                    r.policy().cliName(), r.choices(), r.stalledChoices(), fmt(r.stalledShare()), fmt(r.stallSeconds()),
                    fmt(r.stallSecondsPerViewerMinute()), fmt(r.latencyP50()), fmt(r.latencyP95()), fmt(r.latencyP99()),
                    fmt(r.renderedSeconds()), fmt(r.renderedPerViewerMinute()), fmt(r.wasteSeconds()), fmt(r.watchedSeconds()),
                    fmt(r.startWaitSeconds()), r.jobs(), fmt(r.finishedSeconds()), r.droppedJobs(), r.pauses()));
        }
        b.append("]}\n");
        return b.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
