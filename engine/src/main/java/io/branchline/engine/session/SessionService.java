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
import io.branchline.engine.store.StoredScene;
import io.branchline.engine.predict.SpeculationPolicy;
import io.branchline.renderer.CaptionTrack;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.SceneRequest;
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
    private final Map<String, LiveSession> sessions = new HashMap<>();
    private final ChoicePredictor predictor = new ChoicePredictor();
    private final SpeculationPolicy speculation = new SpeculationPolicy(predictor, SpeculationPolicy.DEFAULT_COVER);
    private final Map<String, List<java.util.function.Consumer<SessionEvent>>> listeners = new HashMap<>();
    private final SessionStreams streams;

    /** Sessions nobody touched for this long are forgotten; {@code -Dbranchline.sessionIdleMinutes} changes it. */
    private java.time.Duration idleLimit = java.time.Duration.ofMinutes(Long.getLong("branchline.sessionIdleMinutes", 720));

    /** Sets how long a session may go untouched before it expires (before {@link #start()}). */
    public SessionService idleLimit(java.time.Duration limit) {
        this.idleLimit = limit;
        return this;
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
        this.streams = new SessionStreams(vertx, store, metrics, this);
    }

    /** The HLS side of the sessions: playlists, captions, init and media segments. */
    public SessionStreams streams() {
        return streams;
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
        CompiledStory story = entry.result().story();
        if (scene != null && story.scene(scene).isEmpty()) {
            return Future.failedFuture(new Refused(400, "No such scene", "the story '" + storyId + "' has no scene '" + scene
                    + "'; expected one of " + String.join(", ", story.sceneIndex().keySet())));
        }
        String id = token(16);
        String token = token(32);
        LiveSession live = live(entry, ContentKey.sha256(token));
        live.session = scene == null ? Session.start(id, storyId, live.evaluator) : Session.start(id, storyId, live.evaluator, scene);
        sessions.put(id, live);
        return grow(live).map(v -> new JsonObject().put("id", id).put("token", token)
                .put("playlist", "/sessions/" + id + "/index.m3u8").put("multivariant", "/sessions/" + id + "/main.m3u8")
                .put("events", "/api/sessions/" + id + "/events").put("session", view(id)));
    }

    private static LiveSession live(StoryEntry entry, String tokenHash) {
        LiveSession live = new LiveSession();
        live.story = entry.result().story();
        live.format = format(live.story);
        live.listing = new Listing(live.format);
        live.storyRoot = entry.mainFile().toAbsolutePath().getParent();
        live.tokenHash = tokenHash;
        live.evaluator = new Evaluator(live.story);
        return live;
    }

    /** Whether a bearer token steers this session. */
    public Optional<Refused> authorize(String id, String authorization) {
        LiveSession live = sessions.get(id);
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

    /** The live session {@code id}, or null (for {@link SessionStreams}, on this event loop). */
    LiveSession get(String id) {
        return sessions.get(id);
    }

    /**
     * The session's state for its viewer: scene, open choice or question, history, ended. Times
     * are on the player's clock: for a player that reads the HLS playlist, the window closes
     * {@link LiveSession#leadMs()} before the scene's video ends, so the next scene is listed in
     * time.
     */
    public JsonObject view(String id) {
        LiveSession live = sessions.get(id);
        advance(live);
        Session s = live.session;
        long lead = live.leadMs();
        JsonObject out = new JsonObject().put("id", id).put("story", s.storyId()).put("scene", s.current().scene())
                .put("position", clock(live)).put("ended", s.ended()).put("media", mediaView(live));
        if (s.stopped() != null) {
            out.put("stopped", s.stopped());
        }
        long[] w = s.window();
        if (w != null && !s.ended()) {
            JsonObject open = new JsonObject().put("opens", Math.max(0, w[0] - lead)).put("closes", Math.max(0, w[1] - lead));
            if (s.current().terminal() instanceof Terminal.Choice c) {
                JsonArray options = new JsonArray();
                c.options().forEach(o -> {
                    JsonObject option = new JsonObject().put("index", o.index()).put("label", o.label())
                            .put("default", o.index() == c.defaultIndex());
                    LiveSession.VisitMedia next = o.index() < live.options.size() ? live.options.get(o.index()) : null;
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
            LiveSession.VisitMedia m = i < live.media.size() ? live.media.get(i) : null;
            int within = m == null ? 0 : segmentsWithin(m, p, live.format);
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

    /** How many of a visit's segments start before its end (a cut or a "back" shortens a visit). */
    private static int segmentsWithin(LiveSession.VisitMedia m, Played p, RenderFormat format) {
        int endFrame = (int) Math.round((p.endMs() - p.startMs()) * format.fps() / 1000.0);
        return Math.min(m.segments, (endFrame + format.framesPerSegment() - 1) / format.framesPerSegment());
    }

    /** What a player needs to set up its media buffer: the format's init segment and MIME type, once the first is stored. */
    private JsonObject mediaView(LiveSession live) {
        RenderFormat format = live.format;
        JsonObject media = new JsonObject().put("width", format.width()).put("height", format.height()).put("fps", format.fps())
                .put("segmentMs", format.segmentMs());
        String known = streams.codecs(format);
        String key = live.media.stream().filter(m -> m.key != null && !m.key.isEmpty() && m.ready > 0).map(m -> m.key)
                .findFirst().orElse(null);
        if (known == null || key == null) {
            return media.putNull("init").putNull("mime");
        }
        return media.put("init", "/segments/" + key + "/" + SceneFiles.INIT).put("mime", "video/mp4; codecs=\"" + known + "\"");
    }

    public Future<Outcome> choose(String id, int option) {
        LiveSession live = sessions.get(id);
        SceneVisit at = live.session.current();
        Outcome outcome = live.session.choose(option, sessionNow(live), committed(live));
        if (outcome.accepted() && at.terminal() instanceof Terminal.Choice c && option < c.options().size()) {
            predictor.picked(live.session.storyId(), at.scene(), c.line(), c.options().get(option).target());
            saveStats();
        }
        return apply(live, outcome);
    }

    public Future<Outcome> answer(String id, String text) {
        LiveSession live = sessions.get(id);
        return apply(live, live.session.answer(text, sessionNow(live)));
    }

    public Future<Outcome> back(String id) {
        LiveSession live = sessions.get(id);
        return apply(live, live.session.back(sessionNow(live), committed(live)));
    }

    /**
     * Tells the session where its player is on the media clock, and whether it is paused: a
     * paused player's clock stands still, so its choice window stays open. A position past the
     * end of the timeline is taken as its end.
     */
    public void position(String id, long ms, boolean paused) {
        LiveSession live = sessions.get(id);
        List<Played> timeline = live.session.timeline();
        long end = timeline.get(timeline.size() - 1).endMs();
        live.clock.reported(Math.min(Math.max(0, ms), end), paused, System.nanoTime());
        advance(live);
    }

    /** Moves every session's clock on; windows that ran out take their default. */
    public void tick() {
        long now = System.nanoTime();
        List<LiveSession> idle = new ArrayList<>();
        for (LiveSession live : sessions.values()) {
            if (now - live.touchedNanos > idleLimit.toNanos()) {
                idle.add(live);
            } else {
                advance(live);
            }
        }
        idle.forEach(this::expire);
    }

    /** Forgets a session nobody touched for the idle limit: its file, its pins; its viewer gets 404 from now on. */
    private void expire(LiveSession live) {
        String id = live.id();
        sessions.remove(id);
        emit(id, new SessionEvent("error", live.session.current().scene(), clock(live), List.of("the session expired after "
                + idleLimit.toMinutes() + " minutes without a viewer; start a new one")));
        listeners.remove(id);
        List<String> keys = live.media.stream().filter(m -> !m.released && m.key != null && !m.key.isEmpty()).map(m -> m.key).toList();
        vertx.executeBlocking(() -> {
            keys.forEach(k -> store.unpin(k, id));
            disk.delete(id);
            return null;
        }, false);
    }

    private Future<Outcome> apply(LiveSession live, Outcome outcome) {
        return grow(live).map(v -> outcome);
    }

    /** Moves the session to its player's clock (windows that ran out take their default) and lists what may be listed. */
    void advance(LiveSession live) {
        int before = live.session.timeline().size();
        long clock = clock(live);
        countStall(live, clock);
        live.session.advance(clock + live.leadMs());
        release(live, clock);
        if (live.session.timeline().size() != before || live.media.size() != before) {
            grow(live);
        } else {
            live.session.drainEvents().forEach(e -> emit(live.id(), e));
        }
        if (live.playlistRead) {
            live.listing.advance(live.forListing(), clock);
        }
    }

    /** Counts once each time a player's clock reaches a segment that is not stored yet: it would be waiting. */
    private void countStall(LiveSession live, long now) {
        if (!live.clock.started()) {
            return;
        }
        List<Played> timeline = live.session.timeline();
        RenderFormat format = live.format;
        for (int i = 0; i < live.media.size() && i < timeline.size(); i++) {
            LiveSession.VisitMedia m = live.media.get(i);
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
    private void release(LiveSession live, long now) {
        List<Played> timeline = live.session.timeline();
        for (int i = 0; i < live.media.size() - 1 && i < timeline.size(); i++) {
            LiveSession.VisitMedia m = live.media.get(i);
            if (!m.released && m.key != null && !m.key.isEmpty() && timeline.get(i).endMs() + RELEASE_AFTER_MS < now) {
                m.released = true;
                String key = m.key;
                String owner = live.id();
                vertx.executeBlocking(() -> {
                    store.unpin(key, owner);
                    return null;
                }, false);
            }
        }
    }

    /** The player's position on the media clock. */
    private static long clock(LiveSession live) {
        return live.clock.at(System.nanoTime());
    }

    /** The time the session's rules see: the player's clock, plus the lead an HLS player needs. */
    private static long sessionNow(LiveSession live) {
        return clock(live) + live.leadMs();
    }

    /** Where the session's playlists' promise ends: a pick or a back changes nothing before it. */
    private static long committed(LiveSession live) {
        return live.playlistRead ? live.listing.endMs() : 0;
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
    private Future<Void> grow(LiveSession live) {
        live.session.drainEvents().forEach(e -> emit(live.id(), e));
        List<Played> timeline = live.session.timeline();
        List<Future<?>> work = new ArrayList<>();
        List<Future<String>> appendedKeys = new ArrayList<>();
        Evaluator evaluator = live.evaluator;
        RenderFormat format = live.format;
        while (live.media.size() < timeline.size()) {
            int index = live.media.size();
            Played p = timeline.get(index);
            LiveSession.VisitMedia m = new LiveSession.VisitMedia();
            live.media.add(m);
            SceneVisit visit = evaluator.enter(p.entered(), p.before());
            SceneRequest request = VisitRequests.served(live.storyRoot, live.story, visit.shots());
            m.frames = request.frames();
            m.cues = CaptionTrack.cues(request);
            m.segments = visit.shots().isEmpty() ? 0 : (m.frames + format.framesPerSegment() - 1) / format.framesPerSegment();
            if (m.segments == 0) {
                m.key = "";
                continue;
            }
            String owner = live.id();
            Future<Map.Entry<String, Optional<StoredScene>>> keyed = vertx.executeBlocking(() -> {
                String key = ContentKey.of(request, tools);
                store.pin(key, owner);
                return Map.entry(key, store.scene(key));
            }, false);
            appendedKeys.add(keyed.map(Map.Entry::getKey));
            work.add(keyed.compose(found -> {
                String key = found.getKey();
                m.key = key;
                if (index > 0) {
                    metrics.prerender(found.getValue().isPresent());
                }
                if (found.getValue().isPresent()) {
                    m.ready = m.segments;
                    streams.stored(live, found.getValue().get());
                    advance(live);
                    return Future.succeededFuture();
                }
                vertx.eventBus().request(RenderAddresses.JOBS, RenderJob.of(key, request, RenderJob.ON_DEMAND, owner, 1,
                                wallDeadline(live, p.startMs())))
                        .onSuccess(reply -> {
                            m.ready = m.segments;
                            vertx.executeBlocking(() -> store.scene(key), false)
                                    .onSuccess(scene -> scene.ifPresent(sc -> streams.stored(live, sc)));
                        })
                        .onFailure(e -> System.getLogger("branchline.sessions").log(System.Logger.Level.WARNING,
                                "rendering a visit of session " + live.id() + " failed: " + e.getMessage()));
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
    private void withdrawSpeculated(LiveSession live, List<Future<String>> appendedKeys) {
        List<String> asked = live.speculated;
        live.speculated = new ArrayList<>();
        String session = live.id();
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
    private long wallDeadline(LiveSession live, long mediaMs) {
        return System.currentTimeMillis() + Math.max(0, mediaMs - sessionNow(live)) - RenderScheduler.FETCH_MARGIN_MS;
    }

    /**
     * Looks past the open choice: works out the next visit of every option shown (key and
     * segment layout, for players that fetch their first segments while the viewer decides) and
     * renders ahead those the {@link SpeculationPolicy} picks. Each render job carries its
     * option's probability and the deadline of the choice (when the decision is taken, less the
     * fetch margin), so the render scheduler can weigh it against other sessions' jobs.
     */
    private void lookAhead(LiveSession live, SceneVisit visit) {
        Terminal.Choice choice = (Terminal.Choice) visit.terminal();
        SpeculationPolicy.Plan plan = speculation.plan(live.session.storyId(), visit);
        RenderFormat format = live.format;
        List<Played> timeline = live.session.timeline();
        int generation = live.speculatedAt;
        long deadline = wallDeadline(live, timeline.get(timeline.size() - 1).endMs());
        String session = live.id();
        List<LiveSession.VisitMedia> options = new ArrayList<>();
        for (int i = 0; i < choice.options().size(); i++) {
            LiveSession.VisitMedia m = new LiveSession.VisitMedia();
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
            boolean renderAhead = plan.ahead()[i];
            double probability = plan.probabilities()[i];
            vertx.executeBlocking(() -> {
                String key = ContentKey.of(request, tools);
                return Map.entry(key, store.scene(key).isPresent());
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

    private void segmentReady(String key, int index) {
        for (LiveSession live : sessions.values()) {
            for (LiveSession.VisitMedia m : live.options) {
                if (key.equals(m.key) && index + 1 > m.ready) {
                    m.ready = index + 1;
                    if (index == 0) {
                        streams.learnCodecs(live.format, key);
                    }
                    emit(live.id(), new SessionEvent("segment-ready", m.scene, live.session.timeline().get(
                            live.session.timeline().size() - 1).endMs(),
                            List.of("/segments/" + key + "/" + SceneFiles.segmentName(index))));
                }
            }
            List<Played> timeline = live.session.timeline();
            boolean grew = false;
            for (int i = 0; i < live.media.size(); i++) {
                LiveSession.VisitMedia m = live.media.get(i);
                if (key.equals(m.key) && index + 1 > m.ready) {
                    m.ready = index + 1;
                    grew = true;
                    if (index == 0) {
                        streams.learnCodecs(live.format, key);
                    }
                    emit(live.id(), new SessionEvent("segment-ready", timeline.get(i).entered(), timeline.get(i).startMs(),
                            List.of("segments/" + i + "-" + index + ".m4s")));
                }
            }
            if (grew && live.playlistRead) {
                live.listing.advance(live.forListing(), clock(live));
            }
        }
    }

    private Future<Void> save(LiveSession live) {
        SessionFile file = new SessionFile(SessionFile.VERSION, live.id(), live.session.storyId(), live.tokenHash,
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
                LiveSession live = live(entry, f.tokenHash());
                live.session = Session.restore(f.id(), f.storyId(), live.evaluator, f.timeline());
                live.clock = PlayerClock.standingAt(f.timeline().get(f.timeline().size() - 1).startMs());
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
