package io.branchline.engine.session;

import io.branchline.renderer.CaptionTrack;
import io.branchline.renderer.RenderFormat;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One live session and what the engine keeps beside it: the viewer's {@link Session}, its
 * player's {@link PlayerClock}, what its playlists promised ({@link Listing}), each visit's
 * media and the speculation state. Confined to the sessions' event loop.
 */
final class LiveSession {

    Session session;
    String tokenHash;
    CompiledStory story;
    RenderFormat format;
    Evaluator evaluator;
    Path storyRoot;
    final List<VisitMedia> media = new ArrayList<>();
    PlayerClock clock = new PlayerClock();
    Listing listing;
    /** Whether any HLS playlist of the session was read: from then on, what is listed is a promise. */
    boolean playlistRead;
    /** The timeline length at which the open choice's options were last rendered ahead. */
    int speculatedAt = -1;
    /** The keys asked for speculatively at that choice, withdrawn (but the one taken) once the timeline grows past it. */
    List<String> speculated = new ArrayList<>();
    /** The segment at which a stall was last counted. */
    String stalledAt;
    /** The next visit of each option of the open choice, for players that fetch them ahead; empty without a choice. */
    List<VisitMedia> options = List.of();
    /** When a viewer last steered, fetched or asked about the session (or when it was restored). */
    long touchedNanos = System.nanoTime();

    /** One visit (of the timeline, or an option's next visit) as media: its key, segment layout and how much is stored. */
    static final class VisitMedia {
        /** The scene entered (set for an option's next visit). */
        String scene;
        /** The content key; null while it is worked out, empty for a visit that shows nothing. */
        String key;
        boolean released;
        int frames;
        int segments;
        int ready;
        /** Its captions, from its resolved shots (times from the visit's start). */
        List<CaptionTrack.Cue> cues = List.of();

        boolean keyed() {
            return key != null;
        }
    }

    String id() {
        return session.id();
    }

    /**
     * How far ahead of the player the session takes its decisions: 0 for players that read no
     * playlist (they get the next scene's segments themselves the moment it is known); for HLS
     * players, one segment plus {@link #FETCH_MARGIN_MS}: an HLS player reloads a live playlist
     * about once a segment, so the scene after a choice must be known, and listed, that long
     * before the player runs out of what it was promised.
     */
    long leadMs() {
        return playlistRead ? Math.round(format.framesPerSegment() * 1000.0 / format.fps()) + FETCH_MARGIN_MS : 0;
    }

    /** What an HLS player needs beyond a playlist reload to fetch and append the next segment. */
    static final long FETCH_MARGIN_MS = 500;

    /** The timeline's visits as the listing sees them (those whose media is not known yet left off the end). */
    List<Listing.VisitMedia> forListing() {
        List<Played> timeline = session.timeline();
        List<Listing.VisitMedia> out = new ArrayList<>();
        for (int i = 0; i < timeline.size() && i < media.size(); i++) {
            VisitMedia m = media.get(i);
            Played p = timeline.get(i);
            out.add(new Listing.VisitMedia(p.startMs(), p.endMs(), m.frames, m.segments, m.ready, m.keyed()));
        }
        return out;
    }

    /** Whether the playlist can say it ends: the story ended and every segment of its timeline is listed. */
    boolean listedToTheEnd() {
        return session.ended() && media.size() == session.timeline().size() && listing.listedAll(forListing());
    }
}
