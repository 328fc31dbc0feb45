package io.branchline.engine.stories;

import io.branchline.story.check.IncludeScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the paths a user names into the main files of stories: a file is taken as it is;
 * in a folder, every {@code .story} file that no other file there includes is a main file.
 */
public final class StoryFinder {

    private StoryFinder() {
    }

    public static List<Path> mainFiles(Path folder) {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.filter(p -> p.toString().endsWith(".story") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Path> included = new HashSet<>();
        for (Path file : all) {
            included.addAll(IncludeScanner.includes(file));
        }
        Set<Path> mains = new LinkedHashSet<>();
        for (Path file : all) {
            if (!included.contains(file.toAbsolutePath().normalize())) {
                mains.add(file);
            }
        }
        return new ArrayList<>(mains);
    }
}
