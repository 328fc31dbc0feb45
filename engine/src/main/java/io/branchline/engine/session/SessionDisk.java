package io.branchline.engine.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchline.renderer.AtomicFiles;
import io.branchline.story.model.StoryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where sessions and the predictor's counts are kept between runs: one JSON file per
 * session in a folder, and {@code stats.json} beside it. Every write goes to a temporary
 * file that is then renamed, so a crash never leaves half a file. Blocking: call it from a
 * worker thread.
 */
final class SessionDisk {

    private static final ObjectMapper JSON = StoryJson.mapper();
    private static final System.Logger LOG = System.getLogger("branchline.sessions");

    private final Path folder;
    private final Path stats;

    SessionDisk(Path folder) {
        this.folder = folder;
        this.stats = folder.resolveSibling("stats.json");
    }

    void save(SessionFile session) throws IOException {
        AtomicFiles.write(folder.resolve(session.id() + ".json"), JSON.writeValueAsBytes(session));
    }

    /** Forgets a session that expired. */
    void delete(String id) throws IOException {
        java.nio.file.Files.deleteIfExists(folder.resolve(id + ".json"));
    }

    /** Every saved session; unreadable files are skipped with a log line. */
    List<SessionFile> loadAll() throws IOException {
        List<SessionFile> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    files.add(JSON.readValue(p.toFile(), SessionFile.class));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping unreadable session " + p + ": " + e.getMessage());
                }
            }
        }
        return files;
    }

    void saveStats(Map<String, Map<String, Long>> counts) throws IOException {
        AtomicFiles.write(stats, JSON.writeValueAsBytes(counts));
    }

    /** The saved counts, or none when there are none or they cannot be read (logged). */
    Map<String, Map<String, Long>> loadStats() {
        if (!Files.isRegularFile(stats)) {
            return Map.of();
        }
        try {
            return JSON.readValue(stats.toFile(), new TypeReference<Map<String, Map<String, Long>>>() {
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable " + stats + ": " + e.getMessage());
            return Map.of();
        }
    }

}
