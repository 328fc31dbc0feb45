package io.branchline.engine.session;

import io.branchline.renderer.CaptionTrack;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.SceneFiles;
import io.branchline.story.eval.Terminal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The session view a player reads ({@code GET /api/sessions/{id}}, and the answer to a pick):
 * scene, open choice or question, the history with each visit's key, segments and captions.
 * Times are on the player's clock: for a player that reads the HLS playlist, the window closes
 * {@link SessionCore#leadMs()} before the scene's video ends, so the next scene is listed in time.
 */
final class SessionView {

    private SessionView() {
    }

    static JsonObject of(SessionCore core, long nowNanos, String codecs) {
        Session s = core.session;
        long lead = core.leadMs();
        JsonObject out = new JsonObject().put("id", core.id()).put("story", s.storyId()).put("scene", s.current().scene())
                .put("position", core.clockMs(nowNanos)).put("ended", s.ended()).put("media", media(core, codecs));
        if (core.failure != null) {
            out.put("ended", true).put("stopped", core.failure);
        } else if (s.stopped() != null) {
            out.put("stopped", s.stopped());
        }
        long[] w = s.window();
        if (w != null && !s.ended() && core.failure == null) {
            JsonObject open = new JsonObject().put("opens", Math.max(0, w[0] - lead)).put("closes", Math.max(0, w[1] - lead));
            if (s.current().terminal() instanceof Terminal.Choice c) {
                JsonArray options = new JsonArray();
                c.options().forEach(o -> {
                    JsonObject option = new JsonObject().put("index", o.index()).put("label", o.label())
                            .put("default", o.index() == c.defaultIndex());
                    SessionCore.VisitMedia next = o.index() < core.options.size() ? core.options.get(o.index()) : null;
                    if (next != null && next.key != null) {
                        option.put("next", new JsonObject().put("scene", next.scene).put("key", next.key)
                                .put("segments", next.segments).put("ready", next.ready));
                    }
                    options.add(option);
                });
                out.put("choice", open.put("options", options));
            } else if (s.current().terminal() instanceof Terminal.Ask a) {
                out.put("question", open.put("text", a.question()));
            }
        }
        JsonArray history = new JsonArray();
        List<Played> timeline = s.timeline();
        for (int i = 0; i < timeline.size(); i++) {
            Played p = timeline.get(i);
            JsonObject visit = new JsonObject().put("scene", p.entered()).put("start", p.startMs()).put("end", p.endMs());
            SessionCore.VisitMedia m = i < core.media.size() ? core.media.get(i) : null;
            int within = m == null ? 0 : Listing.segmentsWithin(core.format, p.startMs(), p.endMs(), m.segments);
            if (m != null && m.key != null && !m.key.isEmpty()) {
                visit.put("key", m.key);
            }
            visit.put("segments", within).put("ready", m == null ? 0 : Math.min(within, m.ready));
            if (m != null) {
                JsonArray cues = new JsonArray();
                for (CaptionTrack.Cue c : m.cues) {
                    long from = p.startMs() + c.startMs();
                    long to = Math.min(p.endMs(), p.startMs() + c.endMs());
                    if (to > from) {
                        cues.add(new JsonObject().put("start", from).put("end", to).put("text", c.text()));
                    }
                }
                visit.put("captions", cues);
            }
            history.add(visit);
        }
        return out.put("history", history);
    }

    /** What a player needs to set up its media buffer: the format's init segment and MIME type, once the first is stored. */
    private static JsonObject media(SessionCore core, String codecs) {
        RenderFormat format = core.format;
        JsonObject media = new JsonObject().put("width", format.width()).put("height", format.height()).put("fps", format.fps())
                .put("segmentMs", format.segmentMs());
        String key = core.media.stream().filter(m -> m.key != null && !m.key.isEmpty() && m.ready > 0).map(m -> m.key)
                .findFirst().orElse(null);
        if (codecs == null || key == null) {
            return media.putNull("init").putNull("mime");
        }
        return media.put("init", "/segments/" + key + "/" + SceneFiles.INIT).put("mime", "video/mp4; codecs=\"" + codecs + "\"");
    }
}
