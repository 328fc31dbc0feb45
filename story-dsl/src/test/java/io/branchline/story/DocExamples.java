package io.branchline.story;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the example stories out of the Markdown documents in {@code docs/}, and writes
 * them to disk the way the documents describe: in a block marked {@code story}, a line
 * {@code // file: NAME} starts a new file named NAME (the marker itself is not part of
 * the file); the first file is the main file, {@code main.story} when the block does not
 * start with a marker.
 */
final class DocExamples {

    static final String DEFAULT_MAIN = "main.story";
    private static final Pattern FILE_MARKER = Pattern.compile("^\\s*// file: (\\S+)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");

    private DocExamples() {
    }

    /** A fenced block: its info string ("story", "text", "" …), its lines, and the line (from 1) of its opening fence. */
    record Block(String info, List<String> lines, int line) {
        String text() {
            return String.join("\n", lines);
        }
    }

    /**
     * Finds {@code docs/NAME} from the working directory (the module's folder under Maven)
     * or any folder above it, so the test runs from the module, the repository root or an IDE.
     */
    static Path find(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("docs").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find docs/" + name + " in " + dir + " or any folder above it");
    }

    /** The document's lines, with Windows line endings taken as plain ones. */
    static List<String> read(Path doc) {
        try {
            return List.of(Files.readString(doc, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fenced block of these lines, in order. An unclosed fence is an error of the document. */
    static List<Block> blocks(List<String> lines, int firstLine) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !lines.get(i).trim().equals("```")) {
                body.add(lines.get(i));
                i++;
            }
            if (i >= lines.size()) {
                throw new IllegalStateException("the block opened on line " + (firstLine + start) + " is never closed");
            }
            blocks.add(new Block(open.group(1), List.copyOf(body), firstLine + start));
        }
        return blocks;
    }

    /** The files of a {@code story} block, by name, in order; the first is the main file. */
    static Map<String, String> files(Block story) {
        Map<String, String> files = new LinkedHashMap<>();
        String name = DEFAULT_MAIN;
        List<String> current = new ArrayList<>();
        for (int i = 0; i < story.lines().size(); i++) {
            String line = story.lines().get(i);
            Matcher marker = FILE_MARKER.matcher(line);
            if (marker.matches()) {
                if (i > 0) {
                    put(files, name, current);
                }
                name = marker.group(1);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        put(files, name, current);
        return files;
    }

    private static void put(Map<String, String> files, String name, List<String> lines) {
        if (files.put(name, String.join("\n", lines) + "\n") != null) {
            throw new IllegalStateException("the example names the file '" + name + "' twice");
        }
    }

    /** Writes the files into {@code folder} (created if needed); returns the main file. */
    static Path write(Map<String, String> files, Path folder) {
        try {
            Files.createDirectories(folder);
            Path main = null;
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path path = folder.resolve(f.getKey()).normalize();
                if (!path.startsWith(folder)) {
                    throw new IllegalStateException("the example's file '" + f.getKey() + "' lies outside its folder");
                }
                Files.createDirectories(path.getParent());
                Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
                if (main == null) {
                    main = path;
                }
            }
            return main;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
