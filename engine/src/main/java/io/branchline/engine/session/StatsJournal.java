package io.branchline.engine.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The viewers' picks on disk, so the predictor keeps what it learned across restarts and
 * crashes. Every pick is appended at once to {@code stats.journal} (one JSON line, numbered); now
 * and then the counts are written whole to {@code stats.json} with the number of the last pick
 * they hold, and the snapshot before is kept as {@code stats.prev.json}. The journal keeps the
 * picks since that earlier snapshot. Reading takes the newest snapshot that parses and replays
 * the journal's later picks, so a crash loses at most the pick being written, and a corrupt
 * {@code stats.json} costs nothing: the earlier snapshot and the journal rebuild it.
 *
 * <p>Blocking and single-writer: the engine calls it from one ordered queue.
 */
final class StatsJournal {

    private static final ObjectMapper JSON = StoryJson.mapper();
    private static final ObjectWriter LINE = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final System.Logger LOG = System.getLogger("branchline.sessions");

    /**
     * A snapshot: the counts (choice to target to picks), holding every journalled pick up to
     * {@code upTo}; {@code timerCounts} the same for options the timer took (null before version 3).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snapshot(int version, long upTo, Map<String, Map<String, Long>> counts, Map<String, Map<String, Long>> timerCounts) {
    }

    /** One journalled pick; {@code timer} true when nobody picked and the choice's timer took its default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pick(long n, String choice, String target, Boolean timer) {

        boolean byTimer() {
            return Boolean.TRUE.equals(timer);
        }
    }

    private final Path snapshot;
    private final Path previous;
    private final Path journal;
    /** The number of the last pick journalled, and of the last pick the current and the previous snapshot hold. */
    private long last;
    private long snapshotUpTo;
    private long previousUpTo;
    /** The counts of every pick journalled so far: what the next snapshot holds. */
    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    /** The same for the defaults the timer took, counted apart from viewers' picks. */
    private final Map<String, Map<String, Long>> timerCounts = new TreeMap<>();

    StatsJournal(Path folder) {
        this.snapshot = folder.resolve("stats.json");
        this.previous = folder.resolve("stats.prev.json");
        this.journal = folder.resolve("stats.journal");
    }

    /** The counts as saved: the newest readable snapshot and the journal's later picks. */
    Map<String, Map<String, Long>> load() {
        Snapshot base = read(snapshot);
        Snapshot older = read(previous);
        if (base == null && Files.exists(snapshot)) {
            LOG.log(System.Logger.Level.WARNING, snapshot + " could not be read; rebuilt from " + previous.getFileName()
                    + " and the journal");
        }
        Snapshot from = base != null ? base : older != null ? older : new Snapshot(3, 0, Map.of(), Map.of());
        previousUpTo = older == null ? 0 : older.upTo();
        snapshotUpTo = from.upTo();
        counts.clear();
        timerCounts.clear();
        from.counts().forEach((k, v) -> counts.put(k, new TreeMap<>(v)));
        if (from.timerCounts() != null) {
            from.timerCounts().forEach((k, v) -> timerCounts.put(k, new TreeMap<>(v)));
        }
        last = from.upTo();
        for (Pick p : picks()) {
            if (p.n() > from.upTo()) {
                (p.byTimer() ? timerCounts : counts).computeIfAbsent(p.choice(), k -> new TreeMap<>()).merge(p.target(), 1L, Long::sum);
            }
            last = Math.max(last, p.n());
        }
        return copy(counts);
    }

    /** The defaults the timer took, as loaded and journalled since: choice to target to count. */
    Map<String, Map<String, Long>> timerCounts() {
        return copy(timerCounts);
    }

    /** Appends a viewer's pick to the journal. */
    void picked(String choice, String target) throws IOException {
        append(new Pick(last + 1, choice, target, null), counts);
    }

    /** Appends to the journal that nobody picked at {@code choice} and its timer took {@code target}, the default. */
    void timedOut(String choice, String target) throws IOException {
        append(new Pick(last + 1, choice, target, Boolean.TRUE), timerCounts);
    }

    private void append(Pick pick, Map<String, Map<String, Long>> into) throws IOException {
        Files.createDirectories(journal.getParent());
        try (OutputStream out = Files.newOutputStream(journal, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write((LINE.writeValueAsString(pick) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        last++;
        into.computeIfAbsent(pick.choice(), k -> new TreeMap<>()).merge(pick.target(), 1L, Long::sum);
    }

    /** Writes the counts of every pick journalled so far as the snapshot, and trims the journal. */
    void snapshot() throws IOException {
        if (last == snapshotUpTo) {
            return;
        }
        if (Files.exists(snapshot)) {
            AtomicFiles.write(previous, Files.readAllBytes(snapshot));
            previousUpTo = snapshotUpTo;
        }
        AtomicFiles.write(snapshot, JSON.writeValueAsBytes(new Snapshot(3, last, copy(counts), copy(timerCounts))));
        snapshotUpTo = last;
        // Keep the picks the previous snapshot lacks, so it and the journal can stand in for a lost stats.json.
        StringBuilder kept = new StringBuilder();
        for (Pick p : picks()) {
            if (p.n() > previousUpTo) {
                kept.append(LINE.writeValueAsString(p)).append('\n');
            }
        }
        AtomicFiles.write(journal, kept.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> counts) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    private List<Pick> picks() {
        List<Pick> out = new ArrayList<>();
        if (!Files.isRegularFile(journal)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                try {
                    Pick p = JSON.readValue(line, Pick.class);
                    if (p.choice() != null && p.target() != null) {
                        out.add(p);
                    }
                } catch (IOException torn) {
                    // A line cut short by a crash: that one pick is lost.
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the picks journal " + journal + " could not be read: " + e.getMessage());
        }
        return out;
    }

    /** A snapshot, or null when it is missing or does not parse. Reads the first format too (a bare map of counts). */
    private static Snapshot read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new IOException("not a JSON object");
            }
            if (tree.has("counts") && tree.has("upTo")) {
                return JSON.treeToValue(tree, Snapshot.class);
            }
            return new Snapshot(1, 0, JSON.convertValue(tree, new TypeReference<Map<String, Map<String, Long>>>() {
            }), null);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            return null;
        }
    }
}
