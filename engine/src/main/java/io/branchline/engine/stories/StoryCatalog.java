package io.branchline.engine.stories;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.story.CompileResult;
import io.branchline.story.model.CompiledStory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Every story in a folder, compiled. {@link #refresh()} rescans the folder and recompiles
 * only the stories whose files changed; readers always see a complete, consistent snapshot.
 * Blocking (it reads files): call it from a worker thread, never an event loop.
 */
public final class StoryCatalog {

    private final Path folder;
    private final Function<Path, String> stamp;
    private final AtomicReference<Map<String, StoryEntry>> stories = new AtomicReference<>(Map.of());
    /** For stories changed but not compiled yet: the stamps of their files at the last scan. */
    private final Map<String, Map<Path, String>> unsettled = new HashMap<>();

    public StoryCatalog(Path folder) {
        this(folder, StoryCatalog::stamp);
    }

    /** With {@code stamp} telling a file's size and time (tests pass their own to play a writer). */
    StoryCatalog(Path folder, Function<Path, String> stamp) {
        this.folder = folder.toAbsolutePath().normalize();
        this.stamp = stamp;
    }

    public Path folder() {
        return folder;
    }

    /** The stories by id, in the order of their files. */
    public Map<String, StoryEntry> stories() {
        return stories.get();
    }

    public Optional<StoryEntry> story(String id) {
        return Optional.ofNullable(stories.get().get(id));
    }

    /**
     * Rescans the folder and compiles at once every story that was added or changed; returns
     * the ids of stories that were added, changed or removed. When two stories share a file
     * name, the first (in path order) keeps the id.
     */
    public List<String> refresh() {
        return scan(false);
    }

    /**
     * As {@link #refresh()}, but a story whose files changed is compiled only once they have
     * stood still: the same size and time as at the previous scan. An editor or a copy that is
     * still writing a file would otherwise have half of it compiled (a story with "no scenes");
     * until then the story is served as it was last compiled.
     */
    public List<String> refreshSettled() {
        return scan(true);
    }

    private synchronized List<String> scan(boolean settle) {
        Map<String, StoryEntry> before = stories.get();
        Map<String, StoryEntry> after = new LinkedHashMap<>();
        List<String> changed = new java.util.ArrayList<>();
        List<Path> mains = Files.isDirectory(folder) ? StoryFinder.mainFiles(folder) : List.of();
        for (Path main : mains) {
            String id = idOf(main);
            if (after.containsKey(id)) {
                continue;
            }
            StoryEntry old = before.get(id);
            boolean same = old != null && old.mainFile().equals(main);
            Map<Path, String> now = same ? stamps(main, old.result()) : Map.of(main, stamp.apply(main));
            if (same && old.stamps().equals(now)) {
                after.put(id, old);
                unsettled.remove(id);
                continue;
            }
            if (settle && !now.equals(unsettled.put(id, now))) {
                if (same) {
                    after.put(id, old);
                }
                continue;
            }
            unsettled.remove(id);
            CompileResult result;
            try {
                result = PolicedCompiler.compile(main, folder.relativize(main).toString());
            } catch (RuntimeException | StackOverflowError e) {
                // A compiler bug must not take the other stories down with it.
                System.getLogger("branchline.stories").log(System.Logger.Level.ERROR, "compiling " + main + " failed", e);
                continue;
            }
            // The stamps read before compiling win: a file that changed while it was read then
            // differs at the next scan and is compiled again.
            Map<Path, String> stamps = new LinkedHashMap<>(stamps(main, result));
            stamps.putAll(now);
            after.put(id, new StoryEntry(id, main, result, Collections.unmodifiableMap(stamps), Instant.now()));
            changed.add(id);
        }
        unsettled.keySet().retainAll(mains.stream().map(StoryCatalog::idOf).toList());
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(changed::add);
        stories.set(Collections.unmodifiableMap(after));
        return changed;
    }

    private static String idOf(Path main) {
        String name = main.getFileName().toString();
        return name.substring(0, name.length() - ".story".length());
    }

    /** Size and time of the story's sources and assets; a file that is gone reads as "missing". */
    private Map<Path, String> stamps(Path mainFile, CompileResult result) {
        Map<Path, String> stamps = new LinkedHashMap<>();
        stamps.put(mainFile, stamp.apply(mainFile));
        for (Path source : result.sources()) {
            stamps.put(source, stamp.apply(source));
        }
        CompiledStory story = result.story();
        if (story != null) {
            Path root = mainFile.toAbsolutePath().getParent();
            for (CompiledStory.Asset asset : story.assets()) {
                Path p = root.resolve(asset.path());
                stamps.put(p, stamp.apply(p));
            }
        }
        return stamps;
    }

    private static String stamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
