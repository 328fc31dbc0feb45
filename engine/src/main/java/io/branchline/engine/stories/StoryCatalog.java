package io.branchline.engine.stories;

import io.branchline.story.CompileResult;
import io.branchline.story.StoryCompiler;
import io.branchline.story.check.SourceReader;
import io.branchline.story.model.CompiledStory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every story in a folder, compiled. {@link #refresh()} rescans the folder and recompiles
 * only the stories whose files changed; readers always see a complete, consistent snapshot.
 * Blocking (it reads files): call it from a worker thread, never an event loop.
 */
public final class StoryCatalog {

    private final Path folder;
    private final AtomicReference<Map<String, StoryEntry>> stories = new AtomicReference<>(Map.of());

    public StoryCatalog(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
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
     * Rescans the folder; returns the ids of stories that were added, changed or removed.
     * When two stories share a file name, the first (in path order) keeps the id.
     */
    public List<String> refresh() {
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
            if (old != null && old.mainFile().equals(main) && old.stamps().equals(stamps(old.mainFile(), old.result()))) {
                after.put(id, old);
                continue;
            }
            CompileResult result;
            try {
                result = StoryCompiler.compile(main, folder.relativize(main).toString(), SourceReader.DISK);
            } catch (RuntimeException | StackOverflowError e) {
                // A compiler bug must not take the other stories down with it.
                System.getLogger("branchline.stories").log(System.Logger.Level.ERROR, "compiling " + main + " failed", e);
                continue;
            }
            after.put(id, new StoryEntry(id, main, result, stamps(main, result), Instant.now()));
            changed.add(id);
        }
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(changed::add);
        stories.set(Collections.unmodifiableMap(after));
        return changed;
    }

    private static String idOf(Path main) {
        String name = main.getFileName().toString();
        return name.substring(0, name.length() - ".story".length());
    }

    /** Size and time of the story's sources and assets; a file that is gone reads as "missing". */
    private static Map<Path, String> stamps(Path mainFile, CompileResult result) {
        Map<Path, String> stamps = new LinkedHashMap<>();
        stamps.put(mainFile, stamp(mainFile));
        for (Path source : result.sources()) {
            stamps.put(source, stamp(source));
        }
        CompiledStory story = result.story();
        if (story != null) {
            Path root = mainFile.toAbsolutePath().getParent();
            for (CompiledStory.Asset asset : story.assets()) {
                Path p = root.resolve(asset.path());
                stamps.put(p, stamp(p));
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
