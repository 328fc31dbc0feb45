package io.branchline.engine.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in README.md, docs/*.md and stories/**&#47;README.md names a file of the checkout. */
class DocLinksTest {

    /** {@code [text](target)}, the target up to a space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isDirectory(p.resolve("stories")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no checkout above " + here);
    }

    static List<Path> documents(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        try (Stream<Path> stories = Files.walk(root.resolve("stories"))) {
            stories.filter(p -> p.getFileName().toString().equals("README.md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The relative link targets of a Markdown text, outside fenced code blocks. */
    static List<String> relativeLinks(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                String target = m.group(1);
                if (!target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !target.startsWith("#") && !target.startsWith("/")) {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    @Test
    void everyRelativeLinkNamesAFileThatExists() throws IOException {
        Path root = root();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents(root)) {
            for (String target : relativeLinks(Files.readString(doc))) {
                String file = target.replaceFirst("#.*$", "");
                checked++;
                if (!Files.exists(doc.getParent().resolve(file).normalize())) {
                    broken.add(root.relativize(doc) + ": " + target);
                }
            }
        }
        assertEquals(List.of(), broken, "links to files that are not in the checkout");
        assertTrue(checked > 20, "the links were found at all (" + checked + ")");
    }

    @Test
    void theLinkFinderSeesWhatABrokenLinkLooksLike() {
        assertEquals(List.of("spec/story-language.md", "a.md#part"), relativeLinks(
                "see [the spec](spec/story-language.md) and [a](a.md#part), [web](https://example.com), [here](#top)\n"
                        + "```\n[not](in-code.md)\n```\n"));
    }
}
