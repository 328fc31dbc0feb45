package io.branchline.engine.trust;

import io.branchline.renderer.provenance.StreamVerifier.Part;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code verify} reads a stream from: a rendered folder (its {@code index.m3u8}), a
 * playlist file, or a playlist URL (a session's {@code index.m3u8}, or its multivariant
 * {@code main.m3u8}, whose first variant is read). Gives the init segment and the media
 * segments in playlist order.
 */
public final class StreamSource {

    /** An HLS stream read whole: its init segment and media segments. */
    public record Stream(Part init, List<Part> segments, String origin) {
    }

    /** A place that could not be read, with what was wrong. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private StreamSource() {
    }

    /** Whether {@code where} names a URL rather than a path. */
    public static boolean isUrl(String where) {
        return where.startsWith("http://") || where.startsWith("https://");
    }

    /** The stream behind a playlist (URL, file, or folder holding index.m3u8). */
    public static Stream read(String where) throws Unreadable {
        if (isUrl(where)) {
            URI uri = URI.create(where);
            String text = new String(fetch(uri), StandardCharsets.UTF_8);
            if (text.contains("#EXT-X-STREAM-INF")) {
                String variant = firstUri(text, uri.toString());
                uri = uri.resolve(variant);
                text = new String(fetch(uri), StandardCharsets.UTF_8);
            }
            URI base = uri;
            Playlist p = parse(text, where);
            Part init = new Part(p.init(), fetch(base.resolve(p.init())));
            List<Part> segments = new ArrayList<>();
            for (String s : p.segments()) {
                segments.add(new Part(s, fetch(base.resolve(s))));
            }
            return new Stream(init, segments, uri.getScheme() + "://" + uri.getAuthority());
        }
        Path path = Path.of(where);
        Path playlist = Files.isDirectory(path) ? path.resolve("index.m3u8") : path;
        if (!Files.isRegularFile(playlist)) {
            throw new Unreadable(Files.isDirectory(path) ? where + " holds no index.m3u8; expected a folder ./branchline render wrote"
                    : "no such file: " + where);
        }
        Path dir = playlist.toAbsolutePath().getParent();
        Playlist p = parse(readFile(playlist), playlist.toString());
        Part init = new Part(p.init(), readBytes(dir.resolve(p.init())));
        List<Part> segments = new ArrayList<>();
        for (String s : p.segments()) {
            segments.add(new Part(s, readBytes(dir.resolve(s))));
        }
        return new Stream(init, segments, null);
    }

    /** The bytes at a URL; a status other than 200 is unreadable. */
    public static byte[] fetch(URI uri) throws Unreadable {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new Unreadable(uri + " answered " + r.statusCode() + "; expected 200");
            }
            return r.body();
        } catch (IOException e) {
            throw new Unreadable("cannot fetch " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted while fetching " + uri);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("not a URL: " + uri);
        }
    }

    public static byte[] readBytes(Path file) throws Unreadable {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    private static String readFile(Path file) throws Unreadable {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private record Playlist(String init, List<String> segments) {
    }

    private static Playlist parse(String text, String where) throws Unreadable {
        if (!text.startsWith("#EXTM3U")) {
            throw new Unreadable(where + " is not an HLS playlist (it does not start with #EXTM3U)");
        }
        String init = null;
        List<String> segments = new ArrayList<>();
        for (String line : text.split("\\R")) {
            line = line.strip();
            if (line.startsWith("#EXT-X-MAP:")) {
                int q = line.indexOf("URI=\"");
                if (q >= 0) {
                    init = line.substring(q + 5, line.indexOf('"', q + 5));
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                segments.add(line);
            }
        }
        if (init == null) {
            throw new Unreadable(where + " names no init segment (#EXT-X-MAP); expected an fMP4 HLS playlist");
        }
        return new Playlist(init, segments);
    }

    private static String firstUri(String text, String where) throws Unreadable {
        boolean next = false;
        for (String line : text.split("\\R")) {
            line = line.strip();
            if (line.startsWith("#EXT-X-STREAM-INF")) {
                next = true;
            } else if (next && !line.isEmpty() && !line.startsWith("#")) {
                return line;
            }
        }
        throw new Unreadable(where + " lists no variant stream");
    }
}
