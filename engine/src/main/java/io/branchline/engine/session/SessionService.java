package io.branchline.engine.session;

import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.policy.AnswerCheck;
import io.branchline.engine.policy.PromptPolicy;
import io.branchline.engine.store.TieredStore;
import io.branchline.renderer.RenderTier;
import io.branchline.renderer.SceneRequest;
import io.branchline.engine.predict.ChoicePredictor;
import io.branchline.engine.render.RenderAddresses;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.schedule.RenderScheduler;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.predict.SpeculationPolicy;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderTools;
import io.branchline.story.eval.AnswerRules;
import io.branchline.story.model.CompiledStory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every live session, on one event loop: the shell around each session's {@link SessionCore}.
 * It turns HTTP calls, render-worker messages and a timer into the core's inputs, and carries
 * out the effects the core decides (keys worked out and pinned on worker threads, render jobs
 * and withdrawals on the event bus, saves to disk, events to listeners, metrics).
 */
public final class SessionService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger("branchline.sessions");

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final SegmentStore store;
    private final RenderTools tools;
    private final AnswerCheck answers;
    private final StatsJournal stats;
    /** The picks journal's last write: the next is chained to it. */
    private Future<Void> statsWrites = Future.succeededFuture();
    private boolean statsDirty;
    /** Defaults the timer took, by choice and target: counted apart from viewers' picks. */
    private final Map<String, Map<String, Long>> timerDefaults = new ConcurrentHashMap<>();
    private final SessionLog log;
    /** Each session's last save: the next is chained to it, so a session's saves are written one at a time, in order. */
    private final Map<String, Future<Void>> saves = new HashMap<>();
    private final Map<String, SessionCore> sessions = new HashMap<>();
    /** Which sessions have a visit (or an option's next visit) of each key: a stored segment is told to those alone. */
    private final Map<String, java.util.Set<SessionCore>> byKey = new HashMap<>();
    /** The most sessions held at once; {@code -Dbranchline.maxSessions} changes it. */
    static final int MAX_SESSIONS = Integer.getInteger("branchline.maxSessions", 2000);
    private final ChoicePredictor predictor = new ChoicePredictor();
    private SpeculationPolicy speculation = new SpeculationPolicy(predictor, SpeculationPolicy.DEFAULT_COVER);
    private final Map<String, List<java.util.function.Consumer<SessionEvent>>> listeners = new HashMap<>();
    private final SessionStreams streams;
    private final EngineMetrics metrics;

    /** Sessions nobody touched for this long are forgotten; {@code -Dbranchline.sessionIdleMinutes} changes it. */
    private java.time.Duration idleLimit = java.time.Duration.ofMinutes(Long.getLong("branchline.sessionIdleMinutes", 720));

    /** The sessions' clock, in nanoseconds: {@link System#nanoTime} but in tests. */
    private java.util.function.LongSupplier nanos = System::nanoTime;

    /** Sets the sessions' clock (before {@link #start()}): tests move time on by hand instead of waiting. */
    public SessionService clock(java.util.function.LongSupplier nanos) {
        this.nanos = nanos;
        this.lastSweep = nanos.getAsLong();
        return this;
    }

    /** Sets how long a session may go untouched before it expires (before {@link #start()}). */
    public SessionService idleLimit(java.time.Duration limit) {
        this.idleLimit = limit;
        return this;
    }

    public SessionService(Vertx vertx, StoryCatalog catalog, SegmentStore store, RenderTools tools, Path folder) {
        this(vertx, catalog, store, tools, folder, new EngineMetrics());
    }

    public SessionService(Vertx vertx, StoryCatalog catalog, SegmentStore store, RenderTools tools, Path folder, EngineMetrics metrics) {
        this(vertx, catalog, store, tools, folder, metrics, PromptPolicy.configured());
    }

    /** With the prompt policy that checks viewers' answers. */
    public SessionService(Vertx vertx, StoryCatalog catalog, SegmentStore store, RenderTools tools, Path folder, EngineMetrics metrics,
                          PromptPolicy policy) {
        this.answers = new AnswerCheck(policy);
        this.vertx = vertx;
        this.metrics = metrics;
        metrics.gauge("branchline_sessions_live", "sessions held by this engine", sessions::size);
        this.catalog = catalog;
        this.store = store;
        this.tools = tools;
        this.stats = new StatsJournal(folder.getParent() == null ? folder : folder.toAbsolutePath().getParent());
        this.log = new SessionLog(folder);
        this.streams = new SessionStreams(vertx, store, this);
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
        vertx.eventBus().<JsonObject>consumer(RenderAddresses.SEGMENTS_DISCARDED, m -> segmentsDiscarded(m.body().getString("key")));
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
        JsonObject timer = new JsonObject();
        timerDefaults.forEach((choice, byTarget) -> {
            if (choice.startsWith(storyId + "/")) {
                JsonObject t = new JsonObject();
                new java.util.TreeMap<>(byTarget).forEach(t::put);
                timer.put(choice.substring(storyId.length() + 1), t);
            }
        });
        return new JsonObject().put("story", storyId).put("priorPicks", ChoicePredictor.PRIOR_PICKS).put("choices", out)
                .put("timerDefaults", timer);
    }

    private Future<Void> loadStats() {
        return vertx.executeBlocking(() -> {
            predictor.load(stats.load());
            stats.timerCounts().forEach((choice, byTarget) -> timerDefaults.put(choice, new ConcurrentHashMap<>(byTarget)));
            return null;
        }, false).onSuccess(v -> vertx.setPeriodic(1000, t -> {
            if (statsDirty) {
                statsDirty = false;
                writeStats(stats::snapshot);
            }
        })).mapEmpty();
    }

    /** Journals a viewer's pick (in order with the others); a snapshot follows within a second. */
    private void learned(SessionEffect.Learned pick) {
        statsDirty = true;
        writeStats(() -> stats.picked(pick.choice(), pick.target()));
    }

    /** Journals a default the timer took: counted apart from picks, and not taught to the predictor (nobody chose it). */
    private void timedOut(SessionEffect.TimedOut t) {
        timerDefaults.computeIfAbsent(t.choice(), k -> new ConcurrentHashMap<>()).merge(t.target(), 1L, Long::sum);
        statsDirty = true;
        writeStats(() -> stats.timedOut(t.choice(), t.target()));
    }

    private interface StatsWrite {
        void run() throws Exception;
    }

    private void writeStats(StatsWrite write) {
        statsWrites = statsWrites.transform(done -> vertx.<Void>executeBlocking(() -> {
            write.run();
            return null;
        }, false)).onFailure(e -> LOG.log(System.Logger.Level.WARNING, "the viewers' picks could not be saved: " + e.getMessage()));
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
        return create(storyId, scene, null);
    }

    /**
     * A new session started from the client address {@code address} (null: unknown): the
     * session's renders on demand also count against that address's quota, so many sessions
     * from one place cannot make the engine render without limit either.
     */
    public Future<JsonObject> create(String storyId, String scene, String address) {
        StoryEntry entry = catalog.story(storyId).orElse(null);
        if (entry == null) {
            return Future.failedFuture(new Refused(404, "No such story", "there is no story '" + storyId + "'; GET /api/stories lists them"));
        }
        if (!entry.servable()) {
            return Future.failedFuture(new Refused(409, "Story has errors", "the story '" + storyId + "' has "
                    + entry.result().errorCount() + (entry.result().errorCount() == 1 ? " error" : " errors")
                    + " and is not served; GET /api/stories/" + storyId + " shows them"));
        }
        CompiledStory story = entry.result().story();
        if (scene != null && story.scene(scene).isEmpty()) {
            return Future.failedFuture(new Refused(400, "No such scene", "the story '" + storyId + "' has no scene '" + scene
                    + "'; expected one of " + String.join(", ", story.sceneIndex().keySet())));
        }
        if (sessions.size() >= MAX_SESSIONS) {
            return Future.failedFuture(new Refused(503, "Too many sessions", "this engine holds as many sessions as it may ("
                    + MAX_SESSIONS + "); try again in a minute"));
        }
        String id = token(16);
        String token = token(32);
        SessionCore core = SessionCore.start(id, storyId, story, entry.mainFile().toAbsolutePath().getParent(), ContentKey.sha256(token),
                scene, speculation, nanos.getAsLong());
        sessions.put(id, core);
        if (address != null) {
            addressOf.put(id, address);
        }
        return carryOut(core).map(v -> new JsonObject().put("id", id).put("token", token)
                .put("playlist", "/sessions/" + id + "/index.m3u8").put("multivariant", "/sessions/" + id + "/main.m3u8")
                .put("events", "/api/sessions/" + id + "/events").put("session", view(id)));
    }

    /** Whether a bearer token steers this session. */
    public Optional<Refused> authorize(String id, String authorization) {
        SessionCore core = sessions.get(id);
        if (core == null) {
            return Optional.of(new Refused(404, "No such session", "there is no session '" + id + "'; it may have expired"));
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !ContentKey.sha256(authorization.substring(7).trim()).equals(core.tokenHash)) {
            return Optional.of(new Refused(401, "Not your session", "send the session's token as 'Authorization: Bearer TOKEN'"));
        }
        core.touchedNanos = nanos.getAsLong();
        return Optional.empty();
    }

    public boolean exists(String id) {
        return sessions.containsKey(id);
    }

    /** The live session {@code id}, or null (for {@link SessionStreams}, on this event loop). */
    SessionCore get(String id) {
        return sessions.get(id);
    }

    /** The session's state for its viewer: scene, open choice or question, history (with captions), ended. */
    public JsonObject view(String id) {
        SessionCore core = sessions.get(id);
        long now = nanos.getAsLong();
        core.tick(now);
        carryOut(core);
        return SessionView.of(core, now, streams.codecs(core.format));
    }

    public Future<Outcome> choose(String id, int option) {
        SessionCore core = sessions.get(id);
        Outcome outcome = core.choose(option, nanos.getAsLong());
        return carryOut(core).map(v -> outcome);
    }

    /**
     * The viewer's answer to the open question. The prompt policy checks it first, on a worker
     * (the text encoder blocks): a refused answer is a 422 and changes nothing, so the question
     * stays open and, if no other answer comes, its default is taken as always.
     */
    public Future<Outcome> answer(String id, String text) {
        SessionCore core = sessions.get(id);
        String variable = core.openQuestion();
        if (variable == null || AnswerRules.problem(AnswerRules.clean(text).strip()) != null) {
            Outcome outcome = core.answer(text, nanos.getAsLong());
            return carryOut(core).map(v -> outcome);
        }
        CompiledStory story = core.story;
        return vertx.executeBlocking(() -> answers.refusal(story, variable, text), false).compose(refusal -> {
            Outcome outcome = refusal.isPresent() ? core.refuse(refusal.get(), nanos.getAsLong()) : core.answer(text, nanos.getAsLong());
            return carryOut(core).map(v -> outcome);
        });
    }

    public Future<Outcome> back(String id) {
        SessionCore core = sessions.get(id);
        Outcome outcome = core.back(nanos.getAsLong());
        return carryOut(core).map(v -> outcome);
    }

    /**
     * Tells the session where its player is on the media clock, and whether it is paused: a
     * paused player's clock stands still, so its choice window stays open. A position past the
     * end of the timeline is taken as its end.
     */
    public Outcome position(String id, long ms, boolean paused) {
        SessionCore core = sessions.get(id);
        Outcome outcome = core.position(ms, paused, nanos.getAsLong());
        carryOut(core);
        return outcome;
    }

    /** A playlist of the session is being read (for {@link SessionStreams}). */
    void playlistRead(SessionCore core) {
        core.playlistRead(nanos.getAsLong());
        carryOut(core);
    }

    /** The session's player fetched a segment (for {@link SessionStreams}). */
    void fetched(SessionCore core, int visit, int index) {
        core.fetched(visit, index, nanos.getAsLong());
        metrics.segmentServed();
        carryOut(core);
    }

    /** Moves every session's clock on; windows that ran out take their default. */
    public void tick() {
        long now = nanos.getAsLong();
        List<SessionCore> idle = new ArrayList<>();
        List<SessionCore> resting = new ArrayList<>();
        for (SessionCore core : sessions.values()) {
            if (now - core.touchedNanos > idleLimit.toNanos()) {
                idle.add(core);
            } else if (now - core.touchedNanos > parkAfter.toNanos() && !listeners.containsKey(core.id())) {
                resting.add(core);
            } else {
                core.tick(now);
                carryOut(core);
            }
        }
        idle.forEach(this::expire);
        resting.forEach(this::park);
        if (now - lastSweep > SWEEP_EVERY.toNanos()) {
            lastSweep = now;
            java.util.Set<String> live = java.util.Set.copyOf(sessions.keySet());
            vertx.executeBlocking(() -> log.deleteOlderThan(idleLimit, live::contains), false)
                    .onSuccess(n -> {
                        if (n > 0) {
                            LOG.log(System.Logger.Level.INFO, n + " parked sessions untouched for " + idleLimit.toMinutes() + " minutes were deleted");
                        }
                    });
        }
    }

    /** Sessions nobody touched for this long leave memory (their logs stay) until they are touched again. */
    private java.time.Duration parkAfter = java.time.Duration.ofSeconds(Long.getLong("branchline.parkAfterSeconds", 120));

    /** Sets how long a session may go untouched before it leaves memory (before {@link #start()}). */
    public SessionService parkAfter(java.time.Duration after) {
        this.parkAfter = after;
        return this;
    }
    private static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofMinutes(10);
    private long lastSweep = nanos.getAsLong();
    private final Map<String, Future<Void>> waking = new HashMap<>();

    /** Takes a session out of memory after its last save; its log stays, and {@link #wake} brings it back. */
    private void park(SessionCore core) {
        String id = core.id();
        sessions.remove(id);
        addressOf.remove(id);
        byKey.values().removeIf(having -> having.remove(core) && having.isEmpty());
        core.park();
        carryOut(core);
        saves.getOrDefault(id, Future.succeededFuture()).transform(done -> vertx.executeBlocking(() -> {
            log.touch(id);
            return null;
        }, false));
    }

    /**
     * Brings a parked session back into memory (from its log) when its viewer returns; done at
     * once when it is in memory or unknown. Its player's clock stands where the session was
     * until the player reports or fetches again.
     */
    public Future<Void> wake(String id) {
        if (sessions.containsKey(id)) {
            return Future.succeededFuture();
        }
        Future<Void> pending = waking.get(id);
        if (pending != null) {
            return pending;
        }
        Future<Void> woken = saves.getOrDefault(id, Future.succeededFuture()).transform(done -> vertx.executeBlocking(() -> {
            java.time.Instant written = log.lastWritten(id);
            if (written == null) {
                return null;
            }
            if (written.isBefore(java.time.Instant.now().minus(idleLimit))) {
                log.delete(id);
                return null;
            }
            return log.load(id);
        }, false)).compose(file -> {
            if (file == null || sessions.containsKey(id)) {
                return Future.succeededFuture();
            }
            SessionCore core = restored(file);
            return core == null ? Future.succeededFuture() : carryOut(core);
        });
        waking.put(id, woken);
        return woken.onComplete(done -> waking.remove(id)).recover(e -> Future.succeededFuture());
    }

    /** Forgets a session nobody touched for the idle limit: its file, its pins; its viewer gets 404 from now on. */
    private void expire(SessionCore core) {
        String id = core.id();
        sessions.remove(id);
        addressOf.remove(id);
        byKey.values().removeIf(having -> having.remove(core) && having.isEmpty());
        core.expire(nanos.getAsLong(), "the session expired after " + idleLimit.toMinutes() + " minutes without a viewer; start a new one");
        carryOut(core);
        listeners.remove(id);
        saves.getOrDefault(id, Future.succeededFuture()).transform(done -> vertx.executeBlocking(() -> {
            log.delete(id);
            return null;
        }, false));
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

    private void segmentsDiscarded(String key) {
        java.util.Set<SessionCore> having = byKey.get(key);
        if (having != null) {
            for (SessionCore core : List.copyOf(having)) {
                core.segmentsDiscarded(key);
            }
        }
    }

    private void segmentReady(String key, int index) {
        long now = nanos.getAsLong();
        java.util.Set<SessionCore> having = byKey.get(key);
        if (having == null) {
            return;
        }
        for (SessionCore core : List.copyOf(having)) {
            if (core.segmentStored(key, index, now)) {
                if (index == 0) {
                    streams.learnCodecs(core.format, key);
                }
                carryOut(core);
            }
        }
    }

    /**
     * Carries out what the core decided, in order; succeeds once the session is saved (keys and
     * renders report back to the core when they are done).
     */
    private Future<Void> carryOut(SessionCore core) {
        Future<Void> saved = Future.succeededFuture();
        List<Future<?>> keys = new ArrayList<>();
        for (SessionEffect effect : core.drain()) {
            if (effect instanceof SessionEffect.FindKey find) {
                Future<Void> found = findKey(core, find);
                if (!find.ref().option()) {
                    keys.add(found); // the answer to a pick names the visit it leads to
                }
            } else if (effect instanceof SessionEffect.Render render) {
                render(core, render);
            } else if (effect instanceof SessionEffect.Later later) {
                vertx.setTimer(later.afterMs(), t -> {
                    if (sessions.get(core.id()) == core) {
                        if (later.effect() instanceof SessionEffect.Render render) {
                            render(core, render);
                        } else if (later.effect() instanceof SessionEffect.FindKey find) {
                            findKey(core, find);
                        }
                    }
                });
            } else if (effect instanceof SessionEffect.Withdraw w) {
                vertx.eventBus().send(RenderAddresses.WITHDRAW, new JsonObject().put("session", core.id()).put("keys", new JsonArray(w.keys())));
            } else if (effect instanceof SessionEffect.Unpin u) {
                vertx.executeBlocking(() -> {
                    u.keys().forEach(k -> TieredStore.unpin(store, k, core.id()));
                    return null;
                }, false);
            } else if (effect instanceof SessionEffect.Save save) {
                saved = save(save.file());
            } else if (effect instanceof SessionEffect.Emit e) {
                emit(core.id(), e.event());
            } else if (effect instanceof SessionEffect.Stored s) {
                measure(core, s.key());
            } else if (effect instanceof SessionEffect.Learned pick) {
                learned(pick);
            } else if (effect instanceof SessionEffect.TimedOut t) {
                timedOut(t);
            } else if (effect instanceof SessionEffect.Prerendered p) {
                metrics.prerender(p.hit());
            } else if (effect instanceof SessionEffect.Stalled) {
                metrics.stall();
            }
        }
        if (keys.isEmpty()) {
            return saved;
        }
        keys.add(saved);
        return Future.join(keys).mapEmpty();
    }

    /** Writes a session after its earlier saves (one ordered writer per session); a failed write is logged and the next one retries. */
    private Future<Void> save(SessionFile file) {
        Future<Void> before = saves.getOrDefault(file.id(), Future.succeededFuture());
        Future<Void> next = before.transform(done -> vertx.executeBlocking(() -> {
            log.save(file);
            return null;
        }, false));
        saves.put(file.id(), next);
        next.onComplete(done -> {
            if (done.failed()) {
                LOG.log(System.Logger.Level.WARNING, "session " + file.id() + " could not be saved: " + done.cause().getMessage());
            }
            if (saves.get(file.id()) == next) {
                saves.remove(file.id());
            }
        });
        return next;
    }

    /** Works the key out on a worker thread and tells the core; succeeds once the core heard (and its effects were carried out). */
    private Future<Void> findKey(SessionCore core, SessionEffect.FindKey find) {
        String owner = core.id();
        return vertx.executeBlocking(() -> {
            String key = ContentKey.of(find.request(), tools);
            if (find.pin()) {
                TieredStore.pin(store, key, owner);
            }
            Optional<RenderTier> tier = TieredStore.storedTier(store, key);
            if (find.pin() && tier.isPresent() && tier.get() != RenderTier.FULL) {
                // A visit on the timeline, only a draft stored: someone watches it, so full quality follows.
                // (An option only looked at is not upgraded: an unlikely one is kept as a draft until someone enters it.)
                upgrade(key, find.request());
            }
            return Map.entry(key, tier.isPresent());
        }, false).compose(found -> {
            if (sessions.get(owner) == core) {
                byKey.computeIfAbsent(found.getKey(), k -> new java.util.HashSet<>()).add(core);
                core.keyFound(find.ref(), found.getKey(), found.getValue(), nanos.getAsLong());
                return carryOut(core);
            }
            return Future.<Void>succeededFuture();
        }).onFailure(e -> {
            LOG.log(System.Logger.Level.WARNING, "the key of a visit of session " + owner + " could not be worked out: " + e.getMessage());
            if (sessions.get(owner) == core) {
                core.keyFailed(find.ref(), e.getMessage(), nanos.getAsLong());
                carryOut(core);
            }
        }).recover(e -> Future.succeededFuture());
    }

    /** Renders on demand an address may cause: a burst, then one every few seconds (per-session quotas come on top). */
    private int rendersPerAddress = Integer.getInteger("branchline.rendersPerAddress", 60);
    private double secondsPerAddressRender = Double.parseDouble(System.getProperty("branchline.secondsPerAddressRender", "2"));

    /**
     * With the render ladder on, the options of a choice outside the predicted cover are rendered
     * ahead as drafts only (see {@link SpeculationPolicy}); before {@link #start()}.
     */
    public SessionService ladder(boolean on) {
        this.speculation = new SpeculationPolicy(predictor, SpeculationPolicy.DEFAULT_COVER, on);
        return this;
    }

    /** Signs every init and media segment the session streams serve with C2PA Content Credentials. */
    public SessionService provenance(io.branchline.engine.trust.Provenance provenance) {
        streams.provenance(provenance);
        return this;
    }

    /** Sets the quota of renders on demand one client address may cause (before {@link #start()}). */
    public SessionService addressQuota(int burst, double secondsPerRender) {
        this.rendersPerAddress = burst;
        this.secondsPerAddressRender = secondsPerRender;
        return this;
    }
    private final Map<String, String> addressOf = new HashMap<>();
    private final Map<String, TokenBucket> addressRenders = new HashMap<>();

    /** How long an on-demand render of this session must wait for its address's quota (0: it takes it now). */
    private long addressWaitMs(SessionCore core) {
        String address = addressOf.get(core.id());
        if (address == null) {
            return 0;
        }
        if (addressRenders.size() > 10_000) {
            addressRenders.clear(); // forgetting old addresses costs at most one burst each
        }
        TokenBucket bucket = addressRenders.computeIfAbsent(address, a -> new TokenBucket(1 / secondsPerAddressRender, rendersPerAddress));
        long now = nanos.getAsLong();
        long wait = bucket.waitMs(now);
        if (wait == 0) {
            bucket.take(now);
        }
        return wait;
    }

    private void render(SessionCore core, SessionEffect.Render render) {
        long wait = render.onDemand() ? addressWaitMs(core) : 0;
        if (wait > 0) {
            vertx.setTimer(wait, t -> {
                if (sessions.get(core.id()) == core) {
                    render(core, render);
                }
            });
            return;
        }
        long deadline = System.currentTimeMillis() + Math.max(0, render.atMediaMs() - core.sessionNow(nanos.getAsLong()))
                - RenderScheduler.FETCH_MARGIN_MS;
        RenderJob job = RenderJob.of(render.key(), render.request(), render.onDemand() ? RenderJob.ON_DEMAND : RenderJob.SPECULATIVE,
                core.id(), render.probability(), deadline);
        if (render.draftOnly()) {
            job = job.at(RenderTier.DRAFT); // an unlikely option: a draft for whoever takes it, the full tier only if someone does
        }
        var reply = vertx.eventBus().request(RenderAddresses.JOBS, job, RenderAddresses.jobDelivery());
        if (!render.onDemand()) {
            return;
        }
        reply.onSuccess(r -> {
            core.visitStored(render.key(), nanos.getAsLong());
            carryOut(core);
        }).onFailure(e -> {
            if (e instanceof io.vertx.core.eventbus.ReplyException r && (r.failureCode() == RenderAddresses.SHUTTING_DOWN
                    || r.failureCode() == RenderAddresses.CANCELLED)) {
                return; // the engine is stopping: the session is saved and asks again after the restart
            }
            LOG.log(System.Logger.Level.WARNING, "rendering a visit of session " + core.id() + " failed: " + e.getMessage());
            if (sessions.get(core.id()) == core) {
                core.renderFailed(render.key(), e.getMessage(), nanos.getAsLong());
                carryOut(core);
            }
        });
    }

    /** A visit is stored whole: its segments measure the story's stream, its init segment names the codecs. */
    private void measure(SessionCore core, String key) {
        vertx.executeBlocking(() -> TieredStore.asGoodAs(store, key, RenderTier.ROUGH), false)
                .onSuccess(scene -> scene.ifPresent(s -> streams.stored(core, s)));
    }

    /**
     * Only a draft of the visit {@code key} is stored (an unlikely option rendered ahead as a draft
     * only, or a draft whose full render was lost to a restart or shed) and a viewer enters it:
     * asks for the full tier, as a job that runs when nothing more urgent waits.
     */
    private void upgrade(String key, SceneRequest request) {
        // Asked as the scheduler's own upgrade asker, so that it stays background work (never a viewer's guess).
        RenderJob job = RenderJob.of(key, request, RenderJob.SPECULATIVE, RenderScheduler.UPGRADE, RenderScheduler.UPGRADE_PROBABILITY, 0)
                .at(RenderTier.FULL);
        vertx.eventBus().send(RenderAddresses.JOBS, job);
    }

    /** A media segment of {@code seconds} at {@code tier} was sent to a player. */
    void watched(RenderTier tier, double seconds) {
        metrics.watched(tier.wireName(), seconds);
    }

    /** A saved session back in memory; null (and left out) when its story is gone or now has errors. */
    private SessionCore restored(SessionFile file) {
        StoryEntry entry = catalog.story(file.storyId()).orElse(null);
        if (entry == null || !entry.servable() || file.timeline().isEmpty()) {
            return null;
        }
        SessionCore core = SessionCore.restore(file, entry.result().story(), entry.mainFile().toAbsolutePath().getParent(), speculation,
                nanos.getAsLong());
        sessions.put(file.id(), core);
        return core;
    }

    /** Loads the sessions saved before a restart; ones whose story is gone or broken are skipped. */
    public Future<Integer> restore() {
        return vertx.executeBlocking(log::loadAll, false).compose(files -> {
            List<Future<Void>> grown = new ArrayList<>();
            for (SessionFile f : files) {
                SessionCore core = restored(f);
                if (core != null) {
                    grown.add(carryOut(core));
                }
            }
            return Future.all(grown).map(v -> grown.size());
        });
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
