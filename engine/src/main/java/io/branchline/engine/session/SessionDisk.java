package io.branchline.engine.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchline.renderer.AtomicFiles;
import io.branchline.story.model.StoryJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the predictor's counts are kept between runs: {@code stats.json} beside the sessions'
 * folder (the sessions themselves are in {@link SessionLog}s). Every write goes to a temporary
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
