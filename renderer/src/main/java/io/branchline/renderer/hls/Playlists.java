package io.branchline.renderer.hls;

import java.util.List;
import java.util.Locale;

/**
 * The one writer of HLS playlists (RFC 8216, version 7, fMP4): a session's growing media and
 * captions playlists, its multivariant playlist, and the {@code render} command's VOD playlist.
 * Plain text in, plain text out; what goes in them is decided by their callers.
 */
public final class Playlists {

    private Playlists() {
    }

    /** One listed entry: its URI and its duration in seconds. */
    public record Entry(String uri, double seconds) {
    }

    /**
     * A media playlist.
     *
     * @param type           {@code EVENT} (grows, never changes what it listed) or {@code VOD}
     * @param targetSeconds  {@code EXT-X-TARGETDURATION}: fixed for the life of the playlist
     * @param mapUri         the init segment ({@code EXT-X-MAP}), or null (a subtitles playlist)
     * @param startAtZero    adds {@code EXT-X-START:TIME-OFFSET=0}, so players start at the
     *                       beginning and not near the live edge
     * @param entries        what is listed, in order
     * @param ended          adds {@code EXT-X-ENDLIST}
     */
    public static String media(String type, long targetSeconds, String mapUri, boolean startAtZero, List<Entry> entries, boolean ended) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        b.append("#EXT-X-PLAYLIST-TYPE:").append(type).append('\n');
        if (mapUri != null) {
            b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        }
        b.append("#EXT-X-TARGETDURATION:").append(targetSeconds).append('\n');
        if (startAtZero) {
            b.append("#EXT-X-START:TIME-OFFSET=0,PRECISE=YES\n");
        }
        b.append("#EXT-X-MEDIA-SEQUENCE:0\n");
        if (mapUri != null) {
            b.append("#EXT-X-MAP:URI=\"").append(mapUri).append("\"\n");
        }
        for (Entry e : entries) {
            b.append(String.format(Locale.ROOT, "#EXTINF:%.5f,%n", e.seconds())).append(e.uri()).append('\n');
        }
        if (ended) {
            b.append("#EXT-X-ENDLIST\n");
        }
        return b.toString();
    }

    /** {@code EXT-X-TARGETDURATION} for segments of at most {@code longestSeconds}: rounded up to whole seconds. */
    public static long targetDuration(double longestSeconds) {
        return Math.max(1, (long) Math.ceil(longestSeconds - 1e-6));
    }

    /**
     * A multivariant playlist of one video rendition with a WebVTT subtitles rendition.
     *
     * @param stream        what the video is, measured
     * @param mediaUri      the video's media playlist
     * @param subtitlesUri  the captions' media playlist
     * @param language      the captions' language (BCP 47), {@code und} when unknown
     */
    public static String multivariant(StreamDescription stream, String mediaUri, String subtitlesUri, String language) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        b.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"captions\",NAME=\"Captions\",LANGUAGE=\"").append(language)
                .append("\",DEFAULT=YES,AUTOSELECT=YES,URI=\"").append(subtitlesUri).append("\"\n");
        b.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(stream.peakBitsPerSecond());
        if (stream.averageBitsPerSecond() > 0) {
            b.append(",AVERAGE-BANDWIDTH=").append(stream.averageBitsPerSecond());
        }
        b.append(",RESOLUTION=").append(stream.width()).append('x').append(stream.height());
        b.append(String.format(Locale.ROOT, ",FRAME-RATE=%.3f", stream.framesPerSecond()));
        if (stream.codecs() != null) {
            b.append(",CODECS=\"").append(stream.codecs()).append('"');
        }
        return b.append(",SUBTITLES=\"captions\"\n").append(mediaUri).append('\n').toString();
    }
}
