package io.branchline.engine.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the bundled {@code stories/} folder of the checkout the tool runs from. */
final class BundledStories {

    private BundledStories() {
    }

    static Path folder() {
        String home = System.getenv("BRANCHLINE_HOME");
        if (home != null) {
            return Path.of(home, "stories");
        }
        try {
            // engine/target/branchline.jar -> the checkout's root
            Path jar = Path.of(BundledStories.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("stories")) && Files.exists(p.resolve("pom.xml"))) {
                    return p.resolve("stories");
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall back to the working directory below
        }
        return Path.of("stories");
    }
}
