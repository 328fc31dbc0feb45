package io.branchline.engine.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.branchline.renderer.AtomicFiles;
import io.branchline.story.model.StoryJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sessions on disk as append-only logs, one file per session ({@code ID.log}, JSON lines): a
 * header line (who may steer it, which story), then one line per change: a visit appended, a
 * visit's end moved (a cut or a back), how far the playlists promised the timeline. Each save
 * appends only what changed since the last, so a long session costs a line a visit, not the
 * whole timeline a visit; when a log holds far more lines than its session has visits it is
 * compacted (rewritten whole with {@link AtomicFiles}).
 *
 * <p>A crash can leave at most the last line torn: reading stops at the first line that does not
 * parse, so the session comes back as it was one change earlier, and its next save compacts the
 * log. Version 1 and 2 session files ({@code ID.json}, a whole {@link SessionFile}) are read too
 * and replaced by a log at the next save.
 *
 * <p>Blocking, and one caller per session at a time: the engine gives each session an ordered
 * queue of saves.
 */
final class SessionLog {

    /** The version of the log's header line. */
    static final int VERSION = 3;
    private static final ObjectMapper JSON = StoryJson.mapper();
    private static final ObjectWriter LINE = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final System.Logger LOG = System.getLogger("branchline.sessions");

    /** One line of a log; which fields are set says what kind it is ({@code t}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String t, Integer v, String id, String story, String token, Integer i, Played visit, Long ms) {

        static Line header(SessionFile f) {
            return new Line("session", VERSION, f.id(), f.storyId(), f.tokenHash(), null, null, null);
        }

        static Line visit(int index, Played p) {
            return new Line("visit", null, null, null, null, index, p, null);
        }

        static Line end(int index, long ms) {
            return new Line("end", null, null, null, null, index, null, ms);
        }

        static Line promised(long ms) {
            return new Line("promised", null, null, null, null, null, null, ms);
        }
    }

    private final Path folder;
    /** What each session's log holds, as last written or read, and how many lines it has. */
    private final Map<String, Written> written = new HashMap<>();

    private record Written(SessionFile file, int lines) {
    }

    SessionLog(Path folder) {
        this.folder = folder;
    }

    /** Brings the session's log up to {@code file}: appends what changed, or rewrites it whole when that is shorter. */
    void save(SessionFile file) throws IOException {
        Files.createDirectories(folder);
        Written before;
        synchronized (written) {
            before = written.get(file.id());
        }
        List<Line> changes = before == null ? null : changes(before.file(), file);
        int lines;
        if (changes == null || before.lines() + changes.size() > 4 * file.timeline().size() + 64) {
            List<Line> whole = whole(file);
            AtomicFiles.write(logOf(file.id()), text(whole));
            Files.deleteIfExists(folder.resolve(file.id() + ".json"));
            lines = whole.size();
        } else if (changes.isEmpty()) {
            return;
        } else {
            try (OutputStream out = Files.newOutputStream(logOf(file.id()), StandardOpenOption.APPEND)) {
                out.write(text(changes));
            }
            lines = before.lines() + changes.size();
        }
        synchronized (written) {
            written.put(file.id(), new Written(file, lines));
        }
    }

    /** Forgets a session that expired. */
    void delete(String id) throws IOException {
        synchronized (written) {
            written.remove(id);
        }
        Files.deleteIfExists(logOf(id));
        Files.deleteIfExists(folder.resolve(id + ".json"));
    }

    /** The saved session {@code id}, or null when there is none (or it cannot be read: logged). */
    SessionFile load(String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            return null;
        }
        try {
            if (Files.exists(logOf(id))) {
                return read(logOf(id));
            }
            Path json = folder.resolve(id + ".json");
            if (Files.exists(json)) {
                SessionFile f = JSON.readValue(json.toFile(), SessionFile.class);
                return new SessionFile(SessionFile.VERSION, f.id(), f.storyId(), f.tokenHash(), f.timeline(), f.promisedMs());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "session " + id + " could not be read: " + e.getMessage());
        }
        return null;
    }

    /** Marks the session's log as touched now (a parked session's clock for deletion starts when it was last used). */
    void touch(String id) throws IOException {
        if (Files.exists(logOf(id))) {
            Files.setLastModifiedTime(logOf(id), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        }
    }

    /** When the session's log was last written, or null when it has none. */
    java.time.Instant lastWritten(String id) {
        try {
            Path log = Files.exists(logOf(id)) ? logOf(id) : folder.resolve(id + ".json");
            return Files.exists(log) ? Files.getLastModifiedTime(log).toInstant() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes the logs nobody wrote to for {@code idle} (sessions parked and never woken again); returns how many. */
    int deleteOlderThan(java.time.Duration idle, java.util.function.Predicate<String> keep) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        java.time.Instant before = java.time.Instant.now().minus(idle);
        int deleted = 0;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".json")).toList()) {
                String name = p.getFileName().toString();
                String id = name.substring(0, name.lastIndexOf('.'));
                if (Files.getLastModifiedTime(p).toInstant().isBefore(before) && !keep.test(id)) {
                    delete(id);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Every saved session; unreadable ones are skipped with a log line. */
    List<SessionFile> loadAll() throws IOException {
        List<SessionFile> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> !AtomicFiles.isTemporary(f)).sorted().toList();
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            try {
                if (name.endsWith(".log")) {
                    SessionFile f = read(p);
                    if (f != null) {
                        out.add(f);
                    }
                } else if (name.endsWith(".json") && !Files.exists(logOf(name.substring(0, name.length() - 5)))) {
                    SessionFile f = JSON.readValue(p.toFile(), SessionFile.class);
                    out.add(new SessionFile(SessionFile.VERSION, f.id(), f.storyId(), f.tokenHash(), f.timeline(), f.promisedMs()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping unreadable session " + p + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A session replayed from its log, up to its first torn line; null when not even its header is whole. */
    private SessionFile read(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        SessionFile file = null;
        List<Played> timeline = new ArrayList<>();
        long promised = 0;
        int good = 0;
        boolean torn = false;
        for (String text : lines) {
            Line line;
            try {
                line = JSON.readValue(text, Line.class);
            } catch (IOException e) {
                torn = true;
                break;
            }
            if (file == null) {
                if (!"session".equals(line.t()) || line.v() == null || line.v() > VERSION) {
                    throw new IOException("not a session log of version " + VERSION + " or before");
                }
                file = new SessionFile(SessionFile.VERSION, line.id(), line.story(), line.token(), List.of(), 0);
            } else if ("visit".equals(line.t()) && line.i() != null && line.i() == timeline.size() && line.visit() != null) {
                timeline.add(line.visit());
            } else if ("end".equals(line.t()) && line.i() != null && line.i() < timeline.size() && line.ms() != null) {
                timeline.set(line.i(), timeline.get(line.i()).endingAt(line.ms()));
            } else if ("promised".equals(line.t()) && line.ms() != null) {
                promised = line.ms();
            } else {
                torn = true;
                break;
            }
            good++;
        }
        if (file == null) {
            return null;
        }
        if (torn) {
            LOG.log(System.Logger.Level.WARNING, "session log " + log + " ends in a torn line after " + good
                    + " good ones (a crash while it was written); the session goes on from there");
        }
        SessionFile restored = new SessionFile(SessionFile.VERSION, file.id(), file.storyId(), file.tokenHash(), List.copyOf(timeline), promised);
        synchronized (written) {
            // A torn log is rewritten whole at the next save.
            written.put(restored.id(), new Written(restored, torn ? Integer.MAX_VALUE / 2 : good));
        }
        return restored;
    }

    /** The lines that turn {@code before} into {@code after}; null when they cannot (not the same session). */
    private static List<Line> changes(SessionFile before, SessionFile after) {
        List<Played> a = before.timeline();
        List<Played> b = after.timeline();
        if (b.size() < a.size()) {
            return null;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Played was = a.get(i);
            Played is = b.get(i);
            if (!was.entered().equals(is.entered()) || was.startMs() != is.startMs() || !was.before().equals(is.before())) {
                return null;
            }
            if (was.endMs() != is.endMs()) {
                out.add(Line.end(i, is.endMs()));
            }
        }
        for (int i = a.size(); i < b.size(); i++) {
            out.add(Line.visit(i, b.get(i)));
        }
        if (after.promisedMs() != before.promisedMs()) {
            out.add(Line.promised(after.promisedMs()));
        }
        return out;
    }

    private static List<Line> whole(SessionFile file) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.header(file));
        for (int i = 0; i < file.timeline().size(); i++) {
            lines.add(Line.visit(i, file.timeline().get(i)));
        }
        if (file.promisedMs() > 0) {
            lines.add(Line.promised(file.promisedMs()));
        }
        return lines;
    }

    private static byte[] text(List<Line> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(LINE.writeValueAsString(l)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Path logOf(String id) {
        return folder.resolve(id + ".log");
    }
}
