package io.branchline.engine.session;

/**
 * Where one session's player is on the media clock, worked out from what it tells us. Plain,
 * single-threaded, time passed in (nanoseconds from any fixed origin), so it is tested without
 * waiting.
 *
 * <p>Two kinds of players:
 * <ul>
 *   <li>players that <b>report</b> their position (ours, {@code POST …/position}): their
 *       report, run on at wall-clock speed unless they said they are paused;</li>
 *   <li>players that report nothing (any HLS player): the clock is inferred from the segments
 *       they fetch, as an upper bound of what they can be showing. A player cannot show a
 *       segment before it has fetched it, and plays at most at wall-clock speed after, so for
 *       every fetched segment {@code k}, position ≤ start(k) + (now − fetched(k)); and it
 *       cannot be past the end of what it fetched. The clock is the smallest of these
 *       bounds. A player that fetches far ahead therefore does not move it early: the
 *       segment it fetched when it was waiting keeps it honest.</li>
 * </ul>
 * Before either, the clock stands still (at zero for a new session). A report wins over fetches from then on.
 */
public final class PlayerClock {

    private boolean reports;
    private boolean paused;
    /** Reporting players: the position last reported and when. */
    private long reportedMs;
    private long reportedAt;
    /** Fetching players: min over fetched segments of (start − fetch time), in ms; and the furthest end fetched. */
    private boolean fetched;
    private long offsetMs;
    private long fetchedEndMs;
    /** Where the clock stands before the player reports or fetches anything: 0, or where a restored session was. */
    private long restingMs;

    /** The player said where it is (and whether it is paused). */
    public void reported(long ms, boolean paused, long nowNanos) {
        this.reports = true;
        this.paused = paused;
        this.reportedMs = Math.max(0, ms);
        this.reportedAt = nowNanos;
    }

    /**
     * How long a player that reports nothing takes at least from asking for its first segment to
     * showing it: the download, the decoder's start and the media element's own start. Measured:
     * hls.js in Chromium 150 on a quiet 2-core machine showed its first frame 1.2–1.4 s after the
     * request; shaka and ffmpeg are quicker. Half a second keeps the clock from running ahead of
     * slow starters by more than a segment while costing quick ones little.
     */
    static final long FIRST_FRAME_ALLOWANCE_MS = 500;

    /** The player fetched the segment that covers {@code [startMs, endMs)} of the media clock. */
    public void fetched(long startMs, long endMs, long nowNanos) {
        // A player starts showing its first segment some time after asking for it (see FIRST_FRAME_ALLOWANCE_MS).
        long offset = startMs - nowNanos / 1_000_000 - (fetched ? 0 : FIRST_FRAME_ALLOWANCE_MS);
        if (!fetched || offset < offsetMs) {
            offsetMs = offset;
        }
        fetchedEndMs = fetched ? Math.max(fetchedEndMs, endMs) : endMs;
        fetched = true;
    }

    /** The player's position at {@code nowNanos}, in ms of the media clock. */
    public long at(long nowNanos) {
        if (reports) {
            return paused ? reportedMs : reportedMs + Math.max(0, (nowNanos - reportedAt) / 1_000_000);
        }
        if (!fetched) {
            return restingMs;
        }
        return Math.max(0, Math.min(fetchedEndMs, nowNanos / 1_000_000 + offsetMs));
    }

    /** Whether the player reports its position (else the clock is inferred, or stands at zero). */
    public boolean reports() {
        return reports;
    }

    /** Whether anything has moved the clock yet (a report or a fetch). */
    public boolean started() {
        return reports || fetched;
    }

    /** Restarts the clock at {@code ms}, standing still until the player reports or fetches again (after a restart). */
    public static PlayerClock standingAt(long ms) {
        PlayerClock c = new PlayerClock();
        c.restingMs = Math.max(0, ms);
        return c;
    }
}
