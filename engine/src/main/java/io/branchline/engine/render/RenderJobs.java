package io.branchline.engine.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchline.story.model.StoryJson;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What to render for a key, remembered for {@link StoreHealing}: the store knows keys, not
 * the shots behind them. Each job is kept in memory and as {@code KEY.json} in a folder of its
 * own, so a visit rendered before a restart can still be rendered again after it. Bounded:
 * {@link #LIMIT} in memory and on disk, the least recently used forgotten first.
 */
final class RenderJobs {

    private static final System.Logger LOG = System.getLogger("branchline.render");
    static final int LIMIT = 4096;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = StoryJson.mapper();

    private final Path folder;
    private final AtomicLong written = new AtomicLong();
    private final Map<String, RenderJob> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RenderJob> eldest) {
            return size() > LIMIT;
        }
    };

    RenderJobs(Path folder) {
        this.folder = folder;
    }

    /** Remembers {@code job} under its key (blocking: it may write a small file). */
    void remember(RenderJob job) {
        remember(job.key(), job);
    }

    /** Remembers {@code job} under {@code key} (a draft's key names the visit's job: healing a draft renders it in full). */
    void remember(String key, RenderJob job) {
        if (!KEY.matcher(key).matches()) {
            return;
        }
        synchronized (recent) {
            if (recent.put(key, job) != null) {
                return;
            }
        }
        Path file = folder.resolve(key + ".json");
        try {
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
                return;
            }
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".job-", ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(job));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (written.incrementAndGet() % 64 == 0) {
                trim();
            }
        } catch (IOException e) {
            // Only healing needs it, and only after a restart: the render itself goes on.
            LOG.log(Level.WARNING, "cannot keep the render job of " + key + ": " + e.getMessage());
        }
    }

    /** The job last remembered for {@code key}, or null (blocking: it may read a small file). */
    RenderJob recall(String key) {
        synchronized (recent) {
            RenderJob known = recent.get(key);
            if (known != null || !KEY.matcher(key).matches()) {
                return known;
            }
        }
        try {
            return JSON.readValue(Files.readAllBytes(folder.resolve(key + ".json")), RenderJob.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the render job of " + key + ": " + e.getMessage());
            return null;
        }
    }

    private void trim() throws IOException {
        List<Path> jobs;
        try (Stream<Path> s = Files.list(folder)) {
            jobs = s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
        if (jobs.size() <= LIMIT) {
            return;
        }
        Map<Path, Long> times = new java.util.HashMap<>();
        for (Path p : jobs) {
            times.put(p, p.toFile().lastModified());
        }
        jobs.stream().sorted(Comparator.comparing(times::get)).limit(jobs.size() - LIMIT).forEach(p -> p.toFile().delete());
    }
}
