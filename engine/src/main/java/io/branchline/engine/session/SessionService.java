package io.branchline.engine.session;

import io.branchline.engine.render.VisitRequests;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.predict.ChoicePredictor;
import io.branchline.engine.render.RenderAddresses;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.schedule.RenderScheduler;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoredFile;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.encode.Retimer;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.model.CompiledStory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every live session: creates them, applies what viewers do, keeps each session's media
 * clock (from what its player reports, or from the segments it fetches), has each visit
 * rendered through the event bus, and answers with playlists and retimed segments.
 * Confined to one event loop; file and render work goes to worker threads or the bus.
 */
public final class SessionService {

    /** How long after the player passed a visit its segments stay pinned in the store. */
    private static final long RELEASE_AFTER_MS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final SegmentStore store;
    private final RenderTools tools;
    private final SessionDisk disk;
    private final Map<String, Live> sessions = new HashMap<>();
    /** Track timescales by format, shared by the worker threads that retime segments. */
    private final Map<String, Retimer> retimers = new java.util.concurrent.ConcurrentHashMap<>();
    /** The RFC 6381 codecs of each format, read from the first init segment stored in it. */
    private final Map<String, String> codecs = new java.util.concurrent.ConcurrentHashMap<>();
    private final ChoicePredictor predictor = new ChoicePredictor();
    /** Speculative renders of a choice's options go in order of likelihood until this share of viewers is covered. */
    static final double COVERAGE = 0.8;
    private final Map<String, List<java.util.function.Consumer<SessionEvent>>> listeners = new HashMap<>();

    /** One session and what the engine keeps beside it. */
    private static final class Live {
        Session session;
        String tokenHash;
        CompiledStory story;
        Evaluator evaluator;
        Path storyRoot;
        final List<Media> media = new ArrayList<>();
        /** The timeline length at which the open choice's options were last rendered ahead. */
        int speculatedAt = -1;
        /** The keys asked for speculatively at that choice, withdrawn (but the one taken) once the timeline grows past it. */
        List<String> speculated = new ArrayList<>();
        /** The segment at which a stall was last counted. */
        String stalledAt;
        long positionMs;
        /** When {@code positionMs} was learnt; negative while the player has fetched nothing: the clock stands still. */
        long anchorNanos = -1;
        /** The next visit of each option of the open choice, for players that fetch them ahead; empty without a choice. */
        List<Media> options = List.of();
        /** When a viewer last steered, fetched or asked about the session (or when it was restored). */
        long touchedNanos = System.nanoTime();
    }

    /** Sessions nobody touched for this long are forgotten; {@code -Dbranchline.sessionIdleMinutes} changes it. */
    private java.time.Duration idleLimit = java.time.Duration.ofMinutes(Long.getLong("branchline.sessionIdleMinutes", 720));

    /** Sets how long a session may go untouched before it expires (before {@link #start()}). */
    public SessionService idleLimit(java.time.Duration limit) {
        this.idleLimit = limit;
        return this;
    }

    /** One visit of a session's timeline as media: its key, segment layout and how much of it is stored. */
    private static final class Media {
        /** The scene entered (set for an option's next visit). */
        String scene;
        String key;
        boolean released;
        int frames;
        int segments;
        int ready;
    }

    private final EngineMetrics metrics;

    public SessionService(Vertx vertx, StoryCatalog catalog, SegmentStore store, RenderTools tools, Path folder) {
        this(vertx, catalog, store, tools, folder, new EngineMetrics());
    }

    public SessionService(Vertx vertx, StoryCatalog catalog, SegmentStore store, RenderTools tools, Path folder, EngineMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        metrics.gauge("branchline_sessions_live", "sessions held by this engine", sessions::size);
        this.catalog = catalog;
        this.store = store;
        this.tools = tools;
        this.disk = new SessionDisk(folder);
    }

    /**
     * Starts the service on the calling verticle's event loop (every call after must come from
     * it): hears which segments are stored, moves the sessions' clocks a few times a second,
     * and loads the sessions saved before a restart.
     */
    public Future<Integer> start() {
        RenderAddresses.registerCodecs(vertx);
        vertx.eventBus().<JsonObject>consumer(RenderAddresses.SEGMENT_READY, m -> segmentReady(m.body().getString("key"),
                m.body().getInteger("index")));
        vertx.setPeriodic(250, t -> tick());
        return loadStats().compose(v -> restore());
    }

    /** The picks viewers made at a story's choices, and what the predictor expects now. */
    public JsonObject stats(String storyId) {
        JsonObject out = new JsonObject();
        predictor.counts().forEach((choice, picks) -> {
            if (choice.startsWith(storyId + "/")) {
                JsonObject p = new JsonObject();
                picks.forEach(p::put);
                out.put(choice.substring(storyId.length() + 1), p);
            }
        });
        return new JsonObject().put("story", storyId).put("priorPicks", ChoicePredictor.PRIOR_PICKS).put("choices", out);
    }

    private Future<Void> loadStats() {
        return vertx.executeBlocking(() -> {
            predictor.load(disk.loadStats());
            return null;
        }, false);
    }

    private void saveStats() {
        Map<String, Map<String, Long>> counts = predictor.counts();
        vertx.executeBlocking(() -> {
            disk.saveStats(counts);
            return null;
        }, false);
    }

    /** The renderer's tools the sessions' keys are worked out with (the same the render workers use). */
    public RenderTools tools() {
        return tools;
    }

    /** A new session of a story: its id and the token that steers it. */
    public Future<JsonObject> create(String storyId) {
        return create(storyId, null);
    }

    /**
     * A new session of a story, starting at {@code scene} (null: the story's start) with the
     * story's initial variables: its id, the token that steers it, and its view.
     */
    public Future<JsonObject> create(String storyId, String scene) {
        StoryEntry entry = catalog.story(storyId).orElse(null);
        if (entry == null) {
            return Future.failedFuture(new Refused(404, "No such story", "there is no story '" + storyId + "'; GET /api/stories lists them"));
        }
        if (!entry.servable()) {
            return Future.failedFuture(new Refused(409, "Story has errors", "the story '" + storyId + "' has "
                    + entry.result().errorCount() + " errors and is not served; GET /api/stories/" + storyId + " shows them"));
        }
        String id = token(16);
        String token = token(32);
        Live live = new Live();
        live.story = entry.result().story();
        live.storyRoot = entry.mainFile().toAbsolutePath().getParent();
        live.tokenHash = ContentKey.sha256(token);
        live.evaluator = new Evaluator(live.story);
        if (scene != null && live.story.scene(scene).isEmpty()) {
            return Future.failedFuture(new Refused(400, "No such scene", "the story '" + storyId + "' has no scene '" + scene
                    + "'; expected one of " + String.join(", ", live.story.sceneIndex().keySet())));
        }
        live.session = scene == null ? Session.start(id, storyId, live.evaluator) : Session.start(id, storyId, live.evaluator, scene);
        sessions.put(id, live);
        return grow(live).map(v -> new JsonObject().put("id", id).put("token", token)
                .put("playlist", "/sessions/" + id + "/index.m3u8").put("multivariant", "/sessions/" + id + "/main.m3u8")
                .put("events", "/api/sessions/" + id + "/events").put("session", view(id)));
    }

    /** Whether a bearer token steers this session. */
    public Optional<Refused> authorize(String id, String authorization) {
        Live live = sessions.get(id);
        if (live == null) {
            return Optional.of(new Refused(404, "No such session", "there is no session '" + id + "'; it may have expired"));
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !ContentKey.sha256(authorization.substring(7).trim()).equals(live.tokenHash)) {
            return Optional.of(new Refused(401, "Not your session", "send the session's token as 'Authorization: Bearer TOKEN'"));
        }
        live.touchedNanos = System.nanoTime();
        return Optional.empty();
    }

    public boolean exists(String id) {
        return sessions.containsKey(id);
    }

    /** The session's state for its viewer: scene, open choice or question, history, ended. */
    public JsonObject view(String id) {
        Live live = sessions.get(id);
        advance(live);
        Session s = live.session;
        RenderFormat format = format(live.story);
        JsonObject out = new JsonObject().put("id", id).put("story", s.storyId()).put("scene", s.current().scene())
                .put("position", now(live)).put("ended", s.ended()).put("media", mediaView(live, format));
        if (s.stopped() != null) {
            out.put("stopped", s.stopped());
        }
        long[] w = s.window();
        if (w != null && !s.ended()) {
            JsonObject open = new JsonObject().put("opens", w[0]).put("closes", w[1]);
            if (s.current().terminal() instanceof Terminal.Choice c) {
                JsonArray options = new JsonArray();
                c.options().forEach(o -> {
                    JsonObject option = new JsonObject().put("index", o.index()).put("label", o.label())
                            .put("default", o.index() == c.defaultIndex());
                    Media next = o.index() < live.options.size() ? live.options.get(o.index()) : null;
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
            Media m = i < live.media.size() ? live.media.get(i) : null;
            int within = m == null ? 0 : segmentsWithin(m, p, format);
            if (m != null && m.key != null && !m.key.isEmpty()) {
                visit.put("key", m.key);
            }
            history.add(visit.put("segments", within).put("ready", m == null ? 0 : Math.min(within, m.ready)));
        }
        return out.put("history", history);
    }

    /** How many of a visit's segments start before its end (a cut or a "back" shortens a visit). */
    private static int segmentsWithin(Media m, Played p, RenderFormat format) {
        int endFrame = (int) Math.round((p.endMs() - p.startMs()) * format.fps() / 1000.0);
        return Math.min(m.segments, (endFrame + format.framesPerSegment() - 1) / format.framesPerSegment());
    }

    /** What a player needs to set up its media buffer: the format's init segment and MIME type, once the first is stored. */
    private JsonObject mediaView(Live live, RenderFormat format) {
        JsonObject media = new JsonObject().put("width", format.width()).put("height", format.height()).put("fps", format.fps())
                .put("segmentMs", format.segmentMs());
        String known = codecs.get(format.toString());
        String key = live.media.stream().filter(m -> m.key != null && !m.key.isEmpty() && m.ready > 0).map(m -> m.key)
                .findFirst().orElse(null);
        if (known == null || key == null) {
            return media.putNull("init").putNull("mime");
        }
        return media.put("init", "/segments/" + key + "/" + SceneFiles.INIT).put("mime", "video/mp4; codecs=\"" + known + "\"");
    }

    public Future<Outcome> choose(String id, int option) {
        Live live = sessions.get(id);
        SceneVisit at = live.session.current();
        Outcome outcome = live.session.choose(option, now(live));
        if (outcome.accepted() && at.terminal() instanceof Terminal.Choice c && option < c.options().size()) {
            predictor.picked(live.session.storyId(), at.scene(), c.line(), c.options().get(option).target());
            saveStats();
        }
        return apply(live, outcome);
    }

    public Future<Outcome> answer(String id, String text) {
        Live live = sessions.get(id);
        return apply(live, live.session.answer(text, now(live)));
    }

    public Future<Outcome> back(String id) {
        Live live = sessions.get(id);
        return apply(live, live.session.back(now(live)));
    }

    /**
     * Tells the session where its player is on the media clock, and whether it is paused: a
     * paused player's clock stands still, so its choice window stays open.
     */
    public void position(String id, long ms, boolean paused) {
        Live live = sessions.get(id);
        live.positionMs = Math.max(0, ms);
        live.anchorNanos = paused ? -1 : System.nanoTime();
        advance(live);
    }

    /** Moves every session's clock on; windows that ran out take their default. */
    public void tick() {
        long now = System.nanoTime();
        List<Live> idle = new ArrayList<>();
        for (Live live : sessions.values()) {
            if (now - live.touchedNanos > idleLimit.toNanos()) {
                idle.add(live);
            } else {
                advance(live);
            }
        }
        idle.forEach(this::expire);
    }

    /** Forgets a session nobody touched for the idle limit: its file, its pins; its viewer gets 404 from now on. */
    private void expire(Live live) {
        String id = live.session.id();
        sessions.remove(id);
        emit(id, new SessionEvent("error", live.session.current().scene(), now(live), List.of("the session expired after "
                + idleLimit.toMinutes() + " minutes without a viewer; start a new one")));
        listeners.remove(id);
        List<String> keys = live.media.stream().filter(m -> !m.released && m.key != null && !m.key.isEmpty()).map(m -> m.key).toList();
        vertx.executeBlocking(() -> {
            keys.forEach(k -> store.unpin(k, id));
            disk.delete(id);
            return null;
        }, false);
    }

    /**
     * The session's multivariant playlist: its video ({@code index.m3u8}) with a captions
     * rendition ({@code captions.m3u8}), for HLS players that show subtitles themselves.
     */
    public String multivariant(String id) {
        Live live = sessions.get(id);
        live.touchedNanos = System.nanoTime();
        RenderFormat format = format(live.story);
        String known = codecs.get(format.toString());
        String language = live.story.language() == null ? "und" : live.story.language();
        return "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"captions\",NAME=\"Captions\",LANGUAGE=\"" + language
                + "\",DEFAULT=YES,AUTOSELECT=YES,URI=\"captions.m3u8\"\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=" + (format.width() * format.height() * format.fps() / 10) + ",RESOLUTION="
                + format.width() + "x" + format.height() + (known == null ? "" : ",CODECS=\"" + known + "\"")
                + ",SUBTITLES=\"captions\"\nindex.m3u8\n";
    }

    /** The captions rendition: one WebVTT file per visit whose video is wholly stored, on the session's timeline. */
    public String captionsPlaylist(String id) {
        Live live = sessions.get(id);
        advance(live);
        List<Played> timeline = live.session.timeline();
        StringBuilder list = new StringBuilder();
        long longest = 1;
        boolean complete = true;
        for (int i = 0; i < timeline.size() && i < live.media.size(); i++) {
            Media m = live.media.get(i);
            Played p = timeline.get(i);
            if (m.segments == 0) {
                continue;
            }
            if (m.key == null || m.ready < m.segments) {
                complete = false;
                break;
            }
            long length = p.endMs() - p.startMs();
            longest = Math.max(longest, length);
            list.append(String.format(Locale.ROOT, "#EXTINF:%.3f,%ncaptions/%d.vtt%n", length / 1000.0, i));
        }
        complete &= live.media.size() == timeline.size();
        return "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-TARGETDURATION:" + (long) Math.ceil(longest / 1000.0)
                + "\n#EXT-X-MEDIA-SEQUENCE:0\n" + list + (complete && live.session.ended() ? "#EXT-X-ENDLIST\n" : "");
    }

    /** The captions of visit {@code played}, moved onto the session's timeline. */
    public Future<String> captions(String id, int played) {
        Live live = sessions.get(id);
        List<Played> timeline = live.session.timeline();
        if (played < 0 || played >= live.media.size() || live.media.get(played).key == null || live.media.get(played).key.isEmpty()) {
            return Future.failedFuture(new Refused(404, "No such captions", "visit " + played + " of this session has no stored captions"));
        }
        String key = live.media.get(played).key;
        Played p = timeline.get(played);
        return vertx.executeBlocking(() -> CaptionCues.shift(read(key, SceneFiles.CAPTIONS).toString(java.nio.charset.StandardCharsets.UTF_8),
                p.startMs(), p.endMs() - p.startMs()), false);
    }

    /** The session's HLS media playlist: only segments that are stored, in order. */
    public String playlist(String id) {
        Live live = sessions.get(id);
        live.touchedNanos = System.nanoTime();
        advance(live);
        RenderFormat format = format(live.story);
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        b.append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(format.framesPerSegment() / (double) format.fps())).append('\n');
        b.append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        boolean complete = true;
        List<Played> timeline = live.session.timeline();
        for (int i = 0; i < timeline.size() && complete; i++) {
            Media m = i < live.media.size() ? live.media.get(i) : null;
            Played p = timeline.get(i);
            int endFrame = (int) Math.round((p.endMs() - p.startMs()) * format.fps() / 1000.0);
            for (int j = 0; m != null && j < m.segments; j++) {
                int first = j * format.framesPerSegment();
                if (first >= endFrame) {
                    break;
                }
                if (m.key == null || j >= m.ready) {
                    complete = false;
                    break;
                }
                int frames = Math.min(format.framesPerSegment(), Math.min(m.frames, endFrame) - first);
                b.append(String.format(Locale.ROOT, "#EXTINF:%.5f,%nsegments/%d-%d.m4s%n", frames / (double) format.fps(), i, j));
            }
            complete &= m != null;
        }
        if (complete && live.session.ended()) {
            b.append("#EXT-X-ENDLIST\n");
        }
        return b.toString();
    }

    /** The init segment of the session's format. */
    public Future<Buffer> init(String id) {
        Live live = sessions.get(id);
        String key = live.media.isEmpty() ? null : live.media.get(0).key;
        if (key == null) {
            return Future.failedFuture(new Refused(503, "Not ready yet", "the session's first scene is still being prepared; try again in a second"));
        }
        return vertx.executeBlocking(() -> read(key, SceneFiles.INIT), false);
    }

    /** A segment of visit {@code played}, moved onto the session's timeline; the fetch also tells where the player is. */
    public Future<Buffer> segment(String id, int played, int index) {
        Live live = sessions.get(id);
        List<Played> timeline = live.session.timeline();
        if (played < 0 || played >= live.media.size() || live.media.get(played).key == null || index < 0
                || index >= live.media.get(played).ready) {
            return Future.failedFuture(new Refused(404, "No such segment", "segment " + played + "-" + index + " is not in this session's playlist"));
        }
        RenderFormat format = format(live.story);
        Played p = timeline.get(played);
        long segmentStartMs = p.startMs() + Math.round(index * format.framesPerSegment() * 1000.0 / format.fps());
        if (live.anchorNanos < 0 || segmentStartMs > now(live)) {
            live.positionMs = segmentStartMs;
            live.anchorNanos = System.nanoTime();
        }
        metrics.segmentServed();
        live.touchedNanos = System.nanoTime();
        String key = live.media.get(played).key;
        long startFrame = Math.round(p.startMs() * format.fps() / 1000.0);
        return vertx.executeBlocking(() -> {
            Buffer raw = read(key, SceneFiles.segmentName(index));
            return Buffer.buffer(retimer(format, key).shift(raw.getBytes(), startFrame, format.fps()));
        }, false);
    }

    /** The retimer of a format, read once: every scene of a format has the same init segment. */
    private Retimer retimer(RenderFormat format, String key) throws IOException {
        Retimer known = retimers.get(format.toString());
        if (known == null) {
            known = new Retimer(read(key, SceneFiles.INIT).getBytes());
            retimers.putIfAbsent(format.toString(), known);
        }
        return known;
    }

    private Buffer read(String key, String name) throws IOException {
        try {
            return Buffer.buffer(Files.readAllBytes(stored(key, name).path()));
        } catch (java.nio.file.NoSuchFileException moved) {
            // A render in progress committed its folder between the look-up and the read.
            return Buffer.buffer(Files.readAllBytes(stored(key, name).path()));
        }
    }

    private StoredFile stored(String key, String name) {
        return store.file(key, name).or(() -> store.partial(key, name))
                .orElseThrow(() -> new Refused(404, "Not stored", name + " of " + key + " is not stored (any more)"));
    }

    private Future<Outcome> apply(Live live, Outcome outcome) {
        return grow(live).map(v -> outcome);
    }

    private void advance(Live live) {
        int before = live.session.timeline().size();
        long now = now(live);
        countStall(live, now);
        live.session.advance(now);
        release(live, now);
        if (live.session.timeline().size() != before || live.media.size() != before) {
            grow(live);
        } else {
            live.session.drainEvents().forEach(e -> emit(live.session.id(), e));
        }
    }

    /** The player's position: the last one learnt, run on at wall-clock speed since (a player that fetched nothing yet is at its start). */
    /** Counts once each time a player's clock reaches a segment that is not stored yet: it would be waiting. */
    private void countStall(Live live, long now) {
        if (live.anchorNanos < 0) {
            return;
        }
        List<Played> timeline = live.session.timeline();
        RenderFormat format = format(live.story);
        for (int i = 0; i < live.media.size() && i < timeline.size(); i++) {
            Media m = live.media.get(i);
            if (m.ready < m.segments) {
                long due = timeline.get(i).startMs() + Math.round(m.ready * format.framesPerSegment() * 1000.0 / format.fps());
                String at = i + "-" + m.ready;
                if (now >= due && !at.equals(live.stalledAt)) {
                    live.stalledAt = at;
                    metrics.stall();
                }
                return;
            }
        }
    }

    /** Lets the store evict visits the player is well past (a later "back" renders them again if it must). */
    private void release(Live live, long now) {
        List<Played> timeline = live.session.timeline();
        for (int i = 0; i < live.media.size() - 1 && i < timeline.size(); i++) {
            Media m = live.media.get(i);
            if (!m.released && m.key != null && !m.key.isEmpty() && timeline.get(i).endMs() + RELEASE_AFTER_MS < now) {
                m.released = true;
                String key = m.key;
                String owner = live.session.id();
                vertx.executeBlocking(() -> {
                    store.unpin(key, owner);
                    return null;
                }, false);
            }
        }
    }

    private long now(Live live) {
        return live.anchorNanos < 0 ? live.positionMs : live.positionMs + (System.nanoTime() - live.anchorNanos) / 1_000_000;
    }

    /**
     * Hears the session's events from now on: scene-started, choice-open, choice-closed,
     * segment-ready, ended, error. Returns what stops the listening.
     */
    public Runnable listen(String id, java.util.function.Consumer<SessionEvent> listener) {
        listeners.computeIfAbsent(id, k -> new ArrayList<>()).add(listener);
        return () -> {
            List<java.util.function.Consumer<SessionEvent>> list = listeners.get(id);
            if (list != null) {
                list.remove(listener);
                if (list.isEmpty()) {
                    listeners.remove(id);
                }
            }
        };
    }

    private void emit(String id, SessionEvent event) {
        List<java.util.function.Consumer<SessionEvent>> list = listeners.get(id);
        if (list != null) {
            List.copyOf(list).forEach(l -> l.accept(event));
        }
    }

    /** Gives each new visit of the timeline its key and asks for it to be rendered; saves the session. */
    private Future<Void> grow(Live live) {
        live.session.drainEvents().forEach(e -> emit(live.session.id(), e));
        List<Played> timeline = live.session.timeline();
        List<Future<?>> work = new ArrayList<>();
        List<Future<String>> appendedKeys = new ArrayList<>();
        Evaluator evaluator = live.evaluator;
        RenderFormat format = format(live.story);
        while (live.media.size() < timeline.size()) {
            int index = live.media.size();
            Played p = timeline.get(index);
            Media m = new Media();
            live.media.add(m);
            SceneVisit visit = evaluator.enter(p.entered(), p.before());
            SceneRequest request = VisitRequests.served(live.storyRoot, live.story, visit.shots());
            m.frames = request.frames();
            m.segments = visit.shots().isEmpty() ? 0 : (m.frames + format.framesPerSegment() - 1) / format.framesPerSegment();
            if (m.segments == 0) {
                m.key = "";
                continue;
            }
            String owner = live.session.id();
            Future<Map.Entry<String, Boolean>> keyed = vertx.executeBlocking(() -> {
                String key = ContentKey.of(request, tools);
                store.pin(key, owner);
                return java.util.Map.entry(key, store.scene(key).isPresent());
            }, false);
            appendedKeys.add(keyed.map(Map.Entry::getKey));
            work.add(keyed.compose(found -> {
                String key = found.getKey();
                m.key = key;
                if (index > 0) {
                    metrics.prerender(found.getValue());
                }
                if (found.getValue()) {
                    m.ready = m.segments;
                    learnCodecs(format, key);
                    return Future.succeededFuture();
                }
                vertx.eventBus().request(RenderAddresses.JOBS, RenderJob.of(key, request, RenderJob.ON_DEMAND, owner, 1,
                                wallDeadline(live, p.startMs())))
                        .onSuccess(reply -> m.ready = m.segments)
                        .onFailure(e -> System.getLogger("branchline.sessions").log(System.Logger.Level.WARNING,
                                "rendering a visit of session " + live.session.id() + " failed: " + e.getMessage()));
                return Future.succeededFuture();
            }));
        }
        work.add(save(live));
        if (live.speculatedAt >= 0 && (timeline.size() > live.speculatedAt || live.session.ended()) && !live.speculated.isEmpty()) {
            withdrawSpeculated(live, appendedKeys);
        }
        if (!live.session.ended() && live.session.current().terminal() instanceof Terminal.Choice && live.speculatedAt != timeline.size()) {
            live.speculatedAt = timeline.size();
            lookAhead(live, live.session.current());
        } else if (live.session.ended() || !(live.session.current().terminal() instanceof Terminal.Choice)) {
            live.options = List.of();
        }
        return Future.all(work).mapEmpty();
    }

    /**
     * The choice the options were rendered ahead for is past (or the story ended there):
     * withdraws this session's asks for them, but for the visits it went on to, so the render
     * worker drops what nobody else wants.
     */
    private void withdrawSpeculated(Live live, List<Future<String>> appendedKeys) {
        List<String> asked = live.speculated;
        live.speculated = new ArrayList<>();
        String session = live.session.id();
        Future.join(appendedKeys).onComplete(done -> {
            JsonArray losers = new JsonArray();
            for (String key : asked) {
                if (appendedKeys.stream().noneMatch(f -> f.succeeded() && key.equals(f.result()))) {
                    losers.add(key);
                }
            }
            if (!losers.isEmpty()) {
                vertx.eventBus().send(RenderAddresses.WITHDRAW, new JsonObject().put("session", session).put("keys", losers));
            }
        });
    }

    /** When, in epoch milliseconds, the player reaches {@code mediaMs} if it plays on, less the fetch margin. */
    private long wallDeadline(Live live, long mediaMs) {
        return System.currentTimeMillis() + Math.max(0, mediaMs - now(live)) - RenderScheduler.FETCH_MARGIN_MS;
    }

    /**
     * Looks past the open choice: works out the next visit of every option shown (key and
     * segment layout, for players that fetch their first segments while the viewer decides) and
     * renders the likeliest ahead, most likely first, until {@link #COVERAGE} of the predicted
     * picks is covered; the rest wait until a viewer picks them. Each render job carries its
     * option's probability and the deadline of the choice (when the video ends, less the fetch
     * margin), so the render scheduler can weigh it against other sessions' jobs.
     */
    private void lookAhead(Live live, SceneVisit visit) {
        Terminal.Choice choice = (Terminal.Choice) visit.terminal();
        double[] p = predictor.probabilities(live.session.storyId(), visit.scene(), choice.line(), choice.options());
        boolean[] ahead = coveredByPrediction(p);
        RenderFormat format = format(live.story);
        List<Played> timeline = live.session.timeline();
        int generation = live.speculatedAt;
        long deadline = wallDeadline(live, timeline.get(timeline.size() - 1).endMs());
        String session = live.session.id();
        List<Media> options = new ArrayList<>();
        for (int i = 0; i < choice.options().size(); i++) {
            Media m = new Media();
            options.add(m);
            Evaluator.Taken taken = live.evaluator.choose(visit, i);
            if (taken.problem() != null || "END".equals(taken.target())) {
                continue;
            }
            SceneVisit next = live.evaluator.enter(taken.target(), taken.state());
            m.scene = next.scene();
            if (next.shots().isEmpty()) {
                continue;
            }
            SceneRequest request = VisitRequests.served(live.storyRoot, live.story, next.shots());
            m.frames = request.frames();
            m.segments = (m.frames + format.framesPerSegment() - 1) / format.framesPerSegment();
            boolean renderAhead = ahead[i];
            double probability = p[i];
            vertx.executeBlocking(() -> {
                String key = ContentKey.of(request, tools);
                return java.util.Map.entry(key, store.scene(key).isPresent());
            }, false).onSuccess(found -> {
                m.key = found.getKey();
                if (found.getValue()) {
                    m.ready = m.segments;
                }
                if (!renderAhead || live.speculatedAt != generation || live.session.timeline().size() != generation
                        || live.session.ended()) {
                    return; // not among the likeliest, or the choice was made while the key was computed
                }
                live.speculated.add(m.key);
                vertx.eventBus().request(RenderAddresses.JOBS,
                        RenderJob.of(m.key, request, RenderJob.SPECULATIVE, session, probability, deadline));
            });
        }
        live.options = List.copyOf(options);
    }

    /** Which options to render ahead: the likeliest first, until {@link #COVERAGE} of the picks is covered. */
    private static boolean[] coveredByPrediction(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        boolean[] ahead = new boolean[p.length];
        double covered = 0;
        for (int i : order) {
            if (covered >= COVERAGE - 1e-9) {
                break;
            }
            covered += p[i];
            ahead[i] = true;
        }
        return ahead;
    }

    /** Reads the codecs of a format from a stored init segment, once. */
    private void learnCodecs(RenderFormat format, String key) {
        if (codecs.containsKey(format.toString())) {
            return;
        }
        vertx.executeBlocking(() -> Codecs.of(read(key, SceneFiles.INIT).getBytes()), false)
                .onSuccess(c -> codecs.putIfAbsent(format.toString(), c))
                .onFailure(e -> System.getLogger("branchline.sessions").log(System.Logger.Level.WARNING,
                        "the codecs of " + format + " could not be read from " + key + ": " + e.getMessage()));
    }

    private void segmentReady(String key, int index) {
        for (Live live : sessions.values()) {
            for (Media m : live.options) {
                if (key.equals(m.key) && index + 1 > m.ready) {
                    m.ready = index + 1;
                    if (index == 0) {
                        learnCodecs(format(live.story), key);
                    }
                    emit(live.session.id(), new SessionEvent("segment-ready", m.scene, live.session.timeline().get(
                            live.session.timeline().size() - 1).endMs(),
                            List.of("/segments/" + key + "/" + SceneFiles.segmentName(index))));
                }
            }
            List<Played> timeline = live.session.timeline();
            for (int i = 0; i < live.media.size(); i++) {
                Media m = live.media.get(i);
                if (key.equals(m.key) && index + 1 > m.ready) {
                    m.ready = index + 1;
                    if (index == 0) {
                        learnCodecs(format(live.story), key);
                    }
                    emit(live.session.id(), new SessionEvent("segment-ready", timeline.get(i).entered(), timeline.get(i).startMs(),
                            List.of("segments/" + i + "-" + index + ".m4s")));
                }
            }
        }
    }

    private Future<Void> save(Live live) {
        SessionFile file = new SessionFile(SessionFile.VERSION, live.session.id(), live.session.storyId(), live.tokenHash,
                live.session.timeline());
        return vertx.executeBlocking(() -> {
            disk.save(file);
            return null;
        }, false);
    }

    /** Loads the sessions saved before a restart; ones whose story is gone or broken are skipped, with a log line. */
    public Future<Integer> restore() {
        return vertx.executeBlocking(disk::loadAll, false).compose(files -> {
            List<Future<Void>> grown = new ArrayList<>();
            for (SessionFile f : files) {
                StoryEntry entry = catalog.story(f.storyId()).orElse(null);
                if (entry == null || !entry.servable() || f.timeline().isEmpty()) {
                    continue;
                }
                Live live = new Live();
                live.story = entry.result().story();
                live.storyRoot = entry.mainFile().toAbsolutePath().getParent();
                live.tokenHash = f.tokenHash();
                live.evaluator = new Evaluator(live.story);
                live.session = Session.restore(f.id(), f.storyId(), live.evaluator, f.timeline());
                live.positionMs = f.timeline().get(f.timeline().size() - 1).startMs();
                sessions.put(f.id(), live);
                grown.add(grow(live));
            }
            return Future.all(grown).map(v -> grown.size());
        });
    }

    private static RenderFormat format(CompiledStory story) {
        return VisitRequests.format(story);
    }

    private static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A request refused, with the HTTP status and words for the problem details. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String title;

        public Refused(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }
}
