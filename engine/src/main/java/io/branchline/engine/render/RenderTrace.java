package io.branchline.engine.render;

import io.branchline.story.eval.ResolvedShot;
import java.lang.System.Logger.Level;

/**
 * One line per render event (started, resumed, paused, finished) on the logger
 * {@code branchline.render.trace} at DEBUG (java.util.logging's FINE): what an operator or a
 * benchmark reads to see which visits a loaded engine rendered, when, at which tier and for whom.
 * Off unless that logger is turned up, for example with a logging file that says
 * {@code branchline.render.trace.level=FINE}.
 */
final class RenderTrace {

    private static final System.Logger LOG = System.getLogger("branchline.render.trace");

    private RenderTrace() {
    }

    static boolean on() {
        return LOG.isLoggable(Level.DEBUG);
    }

    /** {@code event} of the job of {@code key}, with what the scheduler knows of it. */
    static void event(String event, String key, RenderJob job, boolean onDemand, double probability, long deadlineMs, String more) {
        if (!on()) {
            return;
        }
        long now = System.currentTimeMillis();
        String due = deadlineMs == Long.MAX_VALUE || deadlineMs <= 0 ? "none" : String.format("%+.1fs", (deadlineMs - now) / 1000.0);
        LOG.log(Level.DEBUG, String.format("render %-8s %s %-5s %s p=%.2f due=%s \"%s\"%s", event, key.substring(0, Math.min(8, key.length())),
                job.renderTier().wireName(), onDemand ? "on-demand  " : "speculative", probability, due, what(job),
                more == null ? "" : " " + more));
    }

    /** The first shot's caption or prompt, short: enough to tell scenes apart in a trace. */
    private static String what(RenderJob job) {
        if (job.shots().isEmpty()) {
            return "";
        }
        ResolvedShot shot = job.shots().get(0);
        String text = shot.caption() != null ? shot.caption() : shot.prompt() != null ? shot.prompt() : shot.kind();
        return text.length() > 36 ? text.substring(0, 36) + "…" : text;
    }
}
