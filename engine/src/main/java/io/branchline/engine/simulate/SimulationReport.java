package io.branchline.engine.simulate;

import java.util.List;
import java.util.Locale;

/** Prints simulation results as a text table or as JSON. */
public final class SimulationReport {

    private SimulationReport() {
    }

    public static String text(String story, SimOptions o, List<PolicyResult> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d viewers, %d render slot%s, speed %s, load %sx, seed %d, arrivals every %.1fs on average%s%n",
                story, o.viewers(), o.renderSlots(), o.renderSlots() == 1 ? "" : "s",
                o.speed() > 0 ? fmt(o.speed()) + "x" : "cost model (color/title 15x, image/clip 8x, generate 3x)",
                fmt(o.load()), o.seed(), o.arrivalSeconds(), o.disagree() ? ", viewers disagree with the author" : ""));
        b.append(String.format(Locale.ROOT, "%-11s %6s %8s %8s %7s %7s %10s %8s %8s %8s %11s %9s %9s %8s %7s %7s %9s %9s %7s %8s %6s%n",
                "policy", "ladder", "choices", "stalled", "share", "stalls", "stall s/vm", "lat p50", "lat p95", "lat p99", "render s/vm",
                "waste s", "start s", "dropped", "paused", "draft", "work full", "work drft", "drafts", "upgrades", "ratio"));
        for (PolicyResult r : results) {
            b.append(String.format(Locale.ROOT, "%-11s %6s %8d %8d %6.1f%% %7d %10.2f %8.2f %8.2f %8.2f %11.2f %9.1f %9.2f %8d %7d %6.1f%% %9.1f %9.1f %7d %8d %6.2f%n",
                    r.policy().cliName(), r.ladder() ? "on" : "off", r.choices(), r.stalledChoices(), 100 * r.stalledShare(), r.stalls(),
                    r.stallSecondsPerViewerMinute(), r.latencyP50(), r.latencyP95(), r.latencyP99(), r.renderedPerViewerMinute(),
                    r.wasteSeconds(), r.viewers() == 0 ? 0 : r.startWaitSeconds() / r.viewers(), r.droppedJobs(), r.pauses(),
                    100 * r.draftShare(), r.fullWorkSeconds(), r.draftWorkSeconds(), r.drafts(), r.upgrades(), r.fullRatio()));
        }
        b.append("choices count questions too; stalls = every wait between visits, stall s/vm their seconds per viewer-minute watched;\n"
                + "latency in seconds from the pick taking effect to the next scene playing; render s/vm = seconds of video rendered (each tier)\n"
                + "per viewer-minute; waste = seconds rendered that no viewer played (per tier); start s = mean wait for the first scene;\n"
                + "dropped = render jobs no viewer needed any more before they finished; paused = speculative renders paused for on-demand ones;\n"
                + "draft = share of watched seconds played from a draft; work = seconds of render time at each tier; drafts = draft renders\n"
                + "finished; upgrades = full renders finished after a draft; ratio = render time over reference cost, as the scheduler\n"
                + "last measured it at full quality (what it makes of the load)\n");
        return b.toString();
    }

    public static String json(String story, SimOptions o, List<PolicyResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("{\"story\":\"").append(story.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",");
        b.append(String.format(Locale.ROOT, "\"viewers\":%d,\"renderSlots\":%d,\"speed\":%s,\"load\":%s,\"seed\":%d,\"arrivalSeconds\":%s,\"disagree\":%b,\"cover\":%s,\"wholeVisit\":%b,\"policies\":[",
                o.viewers(), o.renderSlots(), o.speed() > 0 ? fmt(o.speed()) : "null", fmt(o.load()), o.seed(), fmt(o.arrivalSeconds()),
                o.disagree(), fmt(o.predictiveCover()), o.wholeVisit()));
        for (int i = 0; i < results.size(); i++) {
            PolicyResult r = results.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append(String.format(Locale.ROOT, "{\"policy\":\"%s\",\"choices\":%d,\"stalledChoices\":%d,\"stalledShare\":%s,"
                            + "\"stallSeconds\":%s,\"stallSecondsPerViewerMinute\":%s,\"latencyP50\":%s,\"latencyP95\":%s,\"latencyP99\":%s,"
                            + "\"renderedSeconds\":%s,\"renderedPerViewerMinute\":%s,\"wasteSeconds\":%s,\"watchedSeconds\":%s,"
                            + "\"startWaitSeconds\":%s,\"jobs\":%d,\"finishedSeconds\":%s,\"droppedJobs\":%d,\"pauses\":%d,"
                            + "\"ladder\":%b,\"stalls\":%d,\"watchedDraftSeconds\":%s,\"draftShare\":%s,\"fullWorkSeconds\":%s,"
                            + "\"draftWorkSeconds\":%s,\"drafts\":%d,\"upgrades\":%d,\"fullRatio\":%s}",
                    r.policy().cliName(), r.choices(), r.stalledChoices(), fmt(r.stalledShare()), fmt(r.stallSeconds()),
                    fmt(r.stallSecondsPerViewerMinute()), fmt(r.latencyP50()), fmt(r.latencyP95()), fmt(r.latencyP99()),
                    fmt(r.renderedSeconds()), fmt(r.renderedPerViewerMinute()), fmt(r.wasteSeconds()), fmt(r.watchedSeconds()),
                    fmt(r.startWaitSeconds()), r.jobs(), fmt(r.finishedSeconds()), r.droppedJobs(), r.pauses(),
                    r.ladder(), r.stalls(), fmt(r.watchedDraftSeconds()), fmt(r.draftShare()), fmt(r.fullWorkSeconds()),
                    fmt(r.draftWorkSeconds()), r.drafts(), r.upgrades(), fmt(r.fullRatio())));
        }
        b.append("]}\n");
        return b.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
