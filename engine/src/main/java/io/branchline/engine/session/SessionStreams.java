package io.branchline.engine.session;

import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoredFile;
import io.branchline.engine.store.StoredScene;
import io.branchline.engine.store.StoreUnavailableException;
import io.branchline.engine.store.TieredStore;
import io.branchline.renderer.CaptionTrack;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.encode.Retimer;
import io.branchline.renderer.hls.Playlists;
import io.branchline.renderer.hls.StreamDescription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A session as HLS, for any player: its media playlist, its captions rendition and multivariant
 * playlist, the init segment and the media segments moved onto the session's timeline. Every
 * playlist is made from the session's {@link Listing}, so what one lists never changes. A
 * playlist is never served empty: the request is held until the first segment is listed
 * (at most {@link #HOLD_MS}), then answered 503 with {@code Retry-After}.
 */
public final class SessionStreams {

    /** How long a playlist request waits for the session's first segment before it is answered 503. */
    static final long HOLD_MS = 10_000;
    private static final long HOLD_POLL_MS = 50;

    private final Vertx vertx;
    private final SegmentStore store;
    private final SessionService sessions;
    /** Track timescales by format, shared by the worker threads that retime segments. */
    private final Map<String, Retimer> retimers = new ConcurrentHashMap<>();
    /** The RFC 6381 codecs of each format, read from the first init segment stored in it. */
    private final Map<String, String> codecs = new ConcurrentHashMap<>();
    /** Bit rates of the segments written, by story and format. */
    private final Map<String, BitRates> rates = new ConcurrentHashMap<>();

    /** Signs what is served; null: served unsigned (tests that look at other things). */
    private volatile io.branchline.engine.trust.Provenance provenance;

    SessionStreams(Vertx vertx, SegmentStore store, SessionService sessions) {
        this.vertx = vertx;
        this.store = store;
        this.sessions = sessions;
    }

    void provenance(io.branchline.engine.trust.Provenance provenance) {
        this.provenance = provenance;
    }

    /** The session's HLS media playlist: what its listing promised, in order. */
    public Future<String> playlist(String id) {
        return listed(id).map(live -> {
            List<Playlists.Entry> entries = new ArrayList<>();
            for (Listing.Listed l : live.listing.listed()) {
                entries.add(new Playlists.Entry("segments/" + l.visit() + "-" + l.segment() + ".m4s", live.listing.seconds(l)));
            }
            return Playlists.media("EVENT", live.listing.targetSeconds(), "init.mp4", true, entries, live.listedToTheEnd());
        });
    }

    /**
     * The captions rendition: one WebVTT file per listed media segment, with the same durations,
     * so it grows exactly as the media playlist does and never changes what it listed.
     */
    public Future<String> captionsPlaylist(String id) {
        return listed(id).map(live -> {
            List<Playlists.Entry> entries = new ArrayList<>();
            for (Listing.Listed l : live.listing.listed()) {
                entries.add(new Playlists.Entry("captions/" + l.visit() + "-" + l.segment() + ".vtt", live.listing.seconds(l)));
            }
            return Playlists.media("EVENT", live.listing.targetSeconds(), null, true, entries, live.listedToTheEnd());
        });
    }

    /**
     * The multivariant playlist: the video ({@code index.m3u8}) described as measured (bit
     * rates of the story's segments written so far, codecs from the init segment) with a
     * captions rendition. Held, like the playlists, until the session's first visit is stored;
     * then fixed for the session, so every reader sees the same.
     */
    public Future<String> multivariant(String id) {
        SessionCore live = sessions.get(id);
        live.touchedNanos = System.nanoTime();
        if (live.multivariant != null) {
            return Future.succeededFuture(live.multivariant);
        }
        String rateKey = rateKey(live);
        return hold(live, () -> codecs.containsKey(live.format.toString()) && rates.containsKey(rateKey)).map(v -> {
            if (live.multivariant != null) {
                return live.multivariant;
            }
            BitRates measured = rates.get(rateKey);
            RenderFormat f = live.format;
            StreamDescription description = new StreamDescription(measured.peak(), measured.average(), f.width(), f.height(), f.fps(),
                    codecs.get(f.toString()));
            String language = live.story.language() == null ? "und" : live.story.language();
            live.multivariant = Playlists.multivariant(description, "index.m3u8", "captions.m3u8", language);
            return live.multivariant;
        });
    }

    /** The captions of visit {@code visit} on the session's timeline (the whole visit), from its resolved shots. */
    public Future<String> captions(String id, int visit) {
        SessionCore live = sessions.get(id);
        List<Played> timeline = live.session.timeline();
        if (visit < 0 || visit >= live.media.size()) {
            return Future.failedFuture(new SessionService.Refused(404, "No such captions", "visit " + visit + " is not on this session's timeline"));
        }
        Played p = timeline.get(visit);
        return Future.succeededFuture(CaptionTrack.vtt(live.media.get(visit).cues, p.startMs(), p.startMs(), p.endMs(), visit + "-"));
    }

    /** The captions that fall inside listed segment {@code segment} of visit {@code visit}. */
    public Future<String> captions(String id, int visit, int segment) {
        SessionCore live = sessions.get(id);
        Listing.Listed l = live.listing.find(visit, segment);
        if (l == null) {
            return Future.failedFuture(new SessionService.Refused(404, "No such captions", "captions " + visit + "-" + segment
                    + " are not in this session's captions playlist"));
        }
        Played p = live.session.timeline().get(visit);
        return Future.succeededFuture(CaptionTrack.vtt(live.media.get(visit).cues, p.startMs(), l.startMs(), l.endMs(),
                visit + "-" + segment + "-"));
    }

    /** The init segment of the session's format. */
    public Future<Buffer> init(String id) {
        SessionCore live = sessions.get(id);
        String key = live.media.stream().filter(m -> m.key != null && !m.key.isEmpty() && m.ready > 0).map(m -> m.key).findFirst()
                .orElse(null);
        if (key == null) {
            return Future.failedFuture(new SessionService.Refused(503, "Not ready yet",
                    "the session's first scene is still being prepared; try again in a second"));
        }
        io.branchline.engine.trust.Provenance signing = provenance;
        return vertx.executeBlocking(() -> {
            Buffer init = read(key, SceneFiles.INIT);
            return signing == null ? init : Buffer.buffer(signing.signInit(init.getBytes(), stream(signing, live)));
        }, false);
    }

    /** The session as a signed stream: its id is derived from the session's, which stays secret. */
    private static io.branchline.renderer.provenance.StreamSigner.Stream stream(io.branchline.engine.trust.Provenance signing, SessionCore live) {
        return signing.stream(live.id(), live.session.storyId(), live.story);
    }

    /** A segment of visit {@code visit}, moved onto the session's timeline; the fetch also tells where the player is. */
    public Future<Buffer> segment(String id, int visit, int index) {
        SessionCore live = sessions.get(id);
        List<Played> timeline = live.session.timeline();
        if (visit < 0 || visit >= live.media.size() || live.media.get(visit).key == null || index < 0
                || index >= live.media.get(visit).ready) {
            return Future.failedFuture(new SessionService.Refused(404, "No such segment", "segment " + visit + "-" + index
                    + " is not in this session's playlist"));
        }
        RenderFormat format = live.format;
        Played p = timeline.get(visit);
        sessions.fetched(live, visit, index);
        String key = live.media.get(visit).key;
        long startFrame = Math.round(p.startMs() * format.fps() / 1000.0);
        Listing.Listed listed = live.listing.find(visit, index);
        double seconds = listed == null ? format.segmentMs() / 1000.0 : (listed.endMs() - listed.startMs()) / 1000.0;
        io.branchline.engine.trust.Provenance signing = provenance;
        SessionCore.VisitMedia media = live.media.get(visit);
        long sequence = live.listing.position(visit, index) + 1L;
        return vertx.executeBlocking(() -> {
            TieredStore.TieredFile file = stored(key, SceneFiles.segmentName(index));
            Buffer raw = read(file, key, SceneFiles.segmentName(index));
            sessions.watched(file.tier(), seconds);
            byte[] moved = retimer(format, key).shift(raw.getBytes(), startFrame, format.fps());
            if (signing == null) {
                return Buffer.buffer(moved);
            }
            var facts = signing.visit(media.scene, visit, key, media.request, file.tier().name().toLowerCase(java.util.Locale.ROOT));
            return Buffer.buffer(signing.signSegment(moved, sequence, stream(signing, live), facts));
        }, false);
    }

    /** The codecs of a format, once an init segment of it was read; else null. */
    String codecs(RenderFormat format) {
        return codecs.get(format.toString());
    }

    /** A visit of the session is stored whole: its segments' sizes measure the stream, its init segment names the codecs. */
    void stored(SessionCore live, StoredScene scene) {
        rates.computeIfAbsent(rateKey(live), k -> new BitRates()).add(scene);
        learnCodecs(live.format, scene.key());
    }

    /** Reads the codecs of a format from a stored init segment, once. */
    void learnCodecs(RenderFormat format, String key) {
        if (codecs.containsKey(format.toString())) {
            return;
        }
        vertx.executeBlocking(() -> Codecs.of(read(key, SceneFiles.INIT).getBytes()), false)
                .onSuccess(c -> codecs.putIfAbsent(format.toString(), c))
                .onFailure(e -> System.getLogger("branchline.sessions").log(System.Logger.Level.WARNING,
                        "the codecs of " + format + " could not be read from " + key + ": " + e.getMessage()));
    }

    /** The session, once something is listed: the first read of a playlist makes what is listed a promise. */
    private Future<SessionCore> listed(String id) {
        SessionCore live = sessions.get(id);
        sessions.playlistRead(live);
        return hold(live, () -> {
            sessions.playlistRead(live);
            return !live.listing.isEmpty();
        }).map(v -> live);
    }

    /** Succeeds once {@code ready} holds (checked now and every few ms), or fails 503 after {@link #HOLD_MS}. */
    private Future<Void> hold(SessionCore live, BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        long until = System.nanoTime() + HOLD_MS * 1_000_000;
        vertx.setPeriodic(HOLD_POLL_MS, timer -> {
            if (sessions.get(live.id()) != live) {
                vertx.cancelTimer(timer);
                promise.tryFail(new SessionService.Refused(404, "No such session", "the session expired"));
            } else if (ready.getAsBoolean()) {
                vertx.cancelTimer(timer);
                promise.tryComplete();
            } else if (System.nanoTime() > until) {
                vertx.cancelTimer(timer);
                promise.tryFail(new SessionService.Refused(503, "Not ready yet", "the session's first scene is still being rendered ("
                        + HOLD_MS / 1000 + " s so far); try again after the time in Retry-After"));
            }
        });
        return promise.future();
    }

    private static String rateKey(SessionCore live) {
        return live.session.storyId() + "|" + live.format;
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

    /**
     * A stored file's bytes. A render in progress commits its folder by moving it, so a file
     * looked up while partial can be gone when it is opened: it is looked up again a few times
     * before the request is answered 503. A disk that fails to read (too many open files, an I/O
     * error) and a visit being rendered again after it was found damaged are answered 503 too:
     * the file is coming back, the player should ask again.
     */
    private Buffer read(String key, String name) throws IOException {
        return read(null, key, name);
    }

    /** The bytes of {@code found} (looked up already), or of the file looked up now when null. */
    private Buffer read(TieredStore.TieredFile found, String key, String name) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                StoredFile file = attempt == 0 && found != null ? found.file() : stored(key, name).file();
                return Buffer.buffer(Files.readAllBytes(file.path()));
            } catch (StoreUnavailableException e) {
                throw new SessionService.Refused(503, "Not readable now", e.getMessage() + "; try again");
            } catch (java.nio.file.NoSuchFileException moved) {
                try {
                    Thread.sleep(10L * (attempt + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (IOException e) {
                throw new SessionService.Refused(503, "Not readable now", name + " of " + key + " could not be read (" + e + "); try again");
            }
        }
        throw new SessionService.Refused(503, "Not readable now", name + " of " + key + " moved while it was read; try again");
    }

    /** The file at the best tier stored (a draft only where the full render has not got that far). */
    private TieredStore.TieredFile stored(String key, String name) {
        try {
            return TieredStore.best(store, key, name)
                    .orElseThrow(() -> new SessionService.Refused(404, "Not stored", name + " of " + key + " is not stored (any more)"));
        } catch (StoreUnavailableException e) {
            throw new SessionService.Refused(503, "Not readable now", e.getMessage() + "; try again");
        }
    }
}
