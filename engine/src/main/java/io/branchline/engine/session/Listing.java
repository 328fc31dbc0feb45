package io.branchline.engine.session;

import io.branchline.renderer.RenderFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session's HLS playlists have promised: the segments listed so far, in order. Once
 * listed, a segment, its sequence number, its duration and its media time never change (RFC
 * 8216: an EVENT playlist only grows), so every player, ours or not, can trust what it read.
 *
 * <p>A segment is listed when it is stored, lies on the session's timeline as it stands, and
 * starts less than {@link #HORIZON_SEGMENTS} segments ahead of the player's clock (one, before
 * the player fetched its first segment, so every player's live edge is the beginning). Listing only
 * that short horizon ahead is what leaves room for the viewer: a {@code cut} or a {@code back}
 * takes effect at the first segment boundary at or after {@link #endMs()}, and the scene after
 * a choice is listed only once the choice is made. A player that never reads a playlist (our
 * web player reads the session view) is promised nothing, and its picks take effect at once.
 *
 * <p>Plain and single-threaded; the caller passes in the timeline's media and the clock.
 */
public final class Listing {

    /** How far ahead of the player's clock segments are listed, in segments. */
    public static final int HORIZON_SEGMENTS = 2;

    /** One listed segment: segment {@code segment} of visit {@code visit}, from {@code startMs} to {@code endMs}, {@code frames} long. */
    public record Listed(int visit, int segment, long startMs, long endMs, int frames) {
    }

    /**
     * A visit of the timeline as far as listing is concerned.
     *
     * @param startMs   its start on the media clock
     * @param endMs     its end (earlier than start + video after a cut or a back)
     * @param frames    the video frames its render has
     * @param segments  the segments its render has (0: it shows nothing)
     * @param ready     how many of them are stored
     * @param keyed     whether its content key is known (its media can be named)
     */
    public record VisitMedia(long startMs, long endMs, int frames, int segments, int ready, boolean keyed) {

        /** How many of its segments start before its end (a cut or a back shortens a visit). */
        int within(RenderFormat format) {
            return segmentsWithin(format, startMs, endMs, segments);
        }
    }

    /** How many of a visit's {@code segments} start before its end: the ones that play. */
    static int segmentsWithin(RenderFormat format, long startMs, long endMs, int segments) {
        int endFrame = (int) Math.round((endMs - startMs) * format.fps() / 1000.0);
        return Math.min(segments, (endFrame + format.framesPerSegment() - 1) / format.framesPerSegment());
    }

    private final RenderFormat format;
    private final List<Listed> listed = new ArrayList<>();
    private int visit;
    private int segment;

    public Listing(RenderFormat format) {
        this.format = format;
    }

    /**
     * Lists what may be listed now; returns how many segments were added.
     *
     * @param visits   the timeline's visits, in order (those whose media is not known yet left off the end)
     * @param clockMs  the player's position on the media clock
     */
    public int advance(List<VisitMedia> visits, long clockMs) {
        return advance(visits, clockMs, HORIZON_SEGMENTS);
    }

    /**
     * Lists what may be listed now, {@code segments} ahead of the clock; returns how many
     * segments were added. Before a player fetched anything, sessions list one segment only:
     * some players (Chromium's own HLS) start a live playlist at its last segment.
     */
    public int advance(List<VisitMedia> visits, long clockMs, int segments) {
        int before = listed.size();
        long horizon = clockMs + Math.round(segments * segmentMs());
        while (visit < visits.size()) {
            VisitMedia v = visits.get(visit);
            if (v.segments() > 0 && !v.keyed()) {
                break;
            }
            int endFrame = framesOf(v.endMs() - v.startMs());
            if (segment >= v.within(format)) {
                visit++;
                segment = 0;
                continue;
            }
            if (segment >= v.ready()) {
                break;
            }
            long start = v.startMs() + Math.round(segment * segmentMs());
            if (start >= horizon) {
                break;
            }
            int first = segment * format.framesPerSegment();
            int frames = Math.min(format.framesPerSegment(), Math.min(v.frames(), endFrame) - first);
            long end = v.startMs() + Math.round((first + frames) * 1000.0 / format.fps());
            listed.add(new Listed(visit, segment, start, end, frames));
            segment++;
        }
        return listed.size() - before;
    }

    /** Whether every segment of {@code visits} is listed (the playlist can end once the story has). */
    public boolean listedAll(List<VisitMedia> visits) {
        for (int i = visit; i < visits.size(); i++) {
            VisitMedia v = visits.get(i);
            if ((i == visit ? segment : 0) < v.within(format)) {
                return false;
            }
        }
        return true;
    }

    /** The segments listed so far. */
    public List<Listed> listed() {
        return List.copyOf(listed);
    }

    public boolean isEmpty() {
        return listed.isEmpty();
    }

    /** Where what is listed ends on the media clock (0 when nothing is): nothing before it may change. */
    public long endMs() {
        if (listed.isEmpty()) {
            return 0;
        }
        return listed.get(listed.size() - 1).endMs();
    }

    /**
     * The place (from 0) of segment {@code segment} of visit {@code visit} in the media playlist:
     * where it is listed, or where it will be when the listing goes on as it stands.
     */
    public int position(int visit, int segment) {
        int before = 0;
        for (Listed l : listed) {
            if (l.visit() < visit || (l.visit() == visit && l.segment() < segment)) {
                before++;
            }
        }
        return before;
    }

    /** The listed segment of visit {@code visit}, or null. */
    public Listed find(int visit, int segment) {
        for (int i = listed.size() - 1; i >= 0; i--) {
            Listed l = listed.get(i);
            if (l.visit() == visit && l.segment() == segment) {
                return l;
            }
            if (l.visit() < visit) {
                break;
            }
        }
        return null;
    }

    /** The playlists' fixed target duration: the format's segment length, rounded up to whole seconds. */
    public long targetSeconds() {
        return io.branchline.renderer.hls.Playlists.targetDuration(format.framesPerSegment() / (double) format.fps());
    }

    public double seconds(Listed l) {
        return l.frames() / (double) format.fps();
    }

    private double segmentMs() {
        return format.framesPerSegment() * 1000.0 / format.fps();
    }

    private int framesOf(long ms) {
        return (int) Math.round(ms * format.fps() / 1000.0);
    }
}
