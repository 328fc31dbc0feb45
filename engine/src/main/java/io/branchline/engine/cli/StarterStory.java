package io.branchline.engine.cli;

import io.branchline.engine.media.StarterArt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The story folder {@code branchline new} makes: {@code ID/ID.story} (a commented template with a
 * title card, a picture with motion, a generated shot and a timed choice with two endings),
 * {@code ID/README.md} and {@code ID/assets/night.png}.
 */
final class StarterStory {

    /** Story ids the server and the page addresses take: lower-case words joined by hyphens. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final int MAX_NAME = 64;

    private StarterStory() {
    }

    /** Why {@code name} cannot be a story's name, or empty when it can. */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("a story needs a name, such as my-story");
        }
        if (name.length() > MAX_NAME) {
            return Optional.of("'" + name + "' is " + name.length() + " characters long; a story's name has at most " + MAX_NAME);
        }
        if (!NAME.matcher(name).matches()) {
            String suggestion = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[-0-9]+|-+$", "");
            return Optional.of("'" + name + "' cannot be a story's name: use lower-case letters, digits and single hyphens,"
                    + " starting with a letter" + (suggestion.isEmpty() || !NAME.matcher(suggestion).matches() ? "" : " (such as '" + suggestion + "')"));
        }
        return Optional.empty();
    }

    /** "night-ferry" → "Night Ferry". */
    static String title(String name) {
        StringBuilder b = new StringBuilder();
        for (String word : name.split("-")) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return b.toString();
    }

    /**
     * Writes the folder {@code parent/name}: first into a hidden sibling, then moved into place in one
     * step, and the story file last, renamed into place inside it. A server watching {@code parent}
     * (it looks for {@code .story} files, hidden folders included) so never sees a half-written story,
     * nor the story twice.
     *
     * @param checkPath how the README and the story's comment name the folder to check
     * @param serveArg  what follows {@code ./branchline serve} to serve it ("" for the bundled folder)
     */
    static Path write(Path parent, String name, String checkPath, String serveArg) throws IOException {
        Path target = parent.resolve(name);
        Path temp = Files.createTempDirectory(parent, "." + name + "-");
        try {
            Files.createDirectories(temp.resolve("assets"));
            String part = name + ".story.part";
            Files.writeString(temp.resolve(part), fill("story.txt", name, checkPath, serveArg), StandardCharsets.UTF_8);
            Files.writeString(temp.resolve("README.md"), fill("readme.txt", name, checkPath, serveArg), StandardCharsets.UTF_8);
            Files.write(temp.resolve("assets").resolve("night.png"), StarterArt.png());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            Files.move(target.resolve(part), target.resolve(name + ".story"), StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            deleteQuietly(temp);
        }
    }

    private static String fill(String resource, String name, String checkPath, String serveArg) {
        try (InputStream in = StarterStory.class.getResourceAsStream("/starter/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the story template /starter/" + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@ID@", name).replace("@TITLE@", title(name))
                    .replace("@CHECK_PATH@", checkPath).replace("@SERVE_ARG@", serveArg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover hidden folder is harmless; the story folder itself is whole or absent
        }
    }
}
