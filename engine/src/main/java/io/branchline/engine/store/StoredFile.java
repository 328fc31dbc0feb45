package io.branchline.engine.store;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file of a stored scene visit, checked and ready to be sent: its bytes have the recorded size
 * and SHA-256. The path stays valid while the visit is in the store; a visit that is evicted, or a
 * render in progress that is committed, moves or removes it, so a reader that fails to open the
 * path asks the store again.
 *
 * @param path        where the bytes are
 * @param size        its length in bytes
 * @param sha256      the SHA-256 of its bytes, lower-case hex; a strong ETag (see {@link #etag()})
 * @param contentType the media type to send it with
 */
public record StoredFile(Path path, long size, String sha256, String contentType) {

    /** The value of an HTTP {@code ETag} header for this file. */
    public String etag() {
        return '"' + sha256 + '"';
    }

    /** The media type of a scene file, by its extension. */
    public static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".mp4") || n.endsWith(".m4s")) {
            return "video/mp4";
        }
        if (n.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (n.endsWith(".vtt")) {
            return "text/vtt";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
