package io.branchline.story.check;

import io.branchline.story.ast.StoryFile;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.parse.Parser;
import io.branchline.story.source.SourceFile;
import io.branchline.story.source.Span;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a story's main file and, depth first, every file it includes, reporting missing
 * includes, include cycles and paths that leave the story's folder.
 */
public final class StoryLoader {

    private static final int MAX_INCLUDE_DEPTH = 64;

    private final SourceReader reader;
    private final Diagnostics diagnostics;
    private final Path root;
    private final List<StoryFile> files = new ArrayList<>();
    private final Set<Path> loaded = new HashSet<>();
    private final Deque<Path> stack = new ArrayDeque<>();

    private StoryLoader(SourceReader reader, Diagnostics diagnostics, Path root) {
        this.reader = reader;
        this.diagnostics = diagnostics;
        this.root = root;
    }

    /**
     * Loads the story whose main file is {@code main}; the main file comes first in the list.
     * The folder holding the main file is the story's folder.
     */
    public static List<StoryFile> load(Path main, String displayName, SourceReader reader, Diagnostics diagnostics) {
        Path absolute = main.toAbsolutePath().normalize();
        StoryLoader loader = new StoryLoader(reader, diagnostics, absolute.getParent());
        if (reader.isFile(absolute) && !reader.staysInside(absolute, absolute.getParent())) {
            // Refused before reading, as an include would be: reading it would print the outside
            // file's lines in diagnostics and serve it as the story's source.
            diagnostics.report(Code.BL0035, new Span(SourceFile.of(absolute, displayName, ""), 0, 0), "'" + displayName
                    + "' is a symbolic link that leads out of the story's folder; a story's main file must lie inside "
                    + absolute.getParent().getFileName());
            return List.of();
        }
        loader.visit(absolute, displayName);
        return List.copyOf(loader.files);
    }

    private void visit(Path path, String displayName) {
        loaded.add(path);
        SourceFile source = read(path, displayName);
        if (source == null) {
            return;
        }
        StoryFile file = Parser.parse(source, diagnostics);
        files.add(file);
        stack.push(path);
        try {
            for (StoryFile.Include include : file.includes()) {
                follow(path, displayName, include, source);
            }
        } finally {
            stack.pop();
        }
    }

    private void follow(Path from, String fromDisplay, StoryFile.Include include, SourceFile source) {
        Span at = include.pathSpan();
        if (include.path().isBlank()) {
            diagnostics.report(Code.BL0037, at, "the include path is empty; expected the path of a .story file such as \"vault.story\"");
            return;
        }
        Path target;
        try {
            target = from.getParent().resolve(include.path()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            diagnostics.report(Code.BL0037, at, "'" + include.path() + "' is not a valid path; expected a path such as \"vault.story\"");
            return;
        }
        if (!target.startsWith(root)) {
            diagnostics.report(Code.BL0035, at, "include '" + include.path() + "' leaves the story's folder; included files must lie inside "
                    + root.getFileName());
            return;
        }
        if (stack.contains(target)) {
            diagnostics.report(Code.BL0038, at, "include cycle: '" + include.path() + "' is already being included on the way here ("
                    + cycle(target) + ")");
            return;
        }
        if (loaded.contains(target)) {
            return;
        }
        if (!reader.exists(target)) {
            diagnostics.report(Code.BL0037, at, "cannot find the included file '" + include.path() + "' (looked for " + target + ")");
            return;
        }
        if (!reader.isFile(target)) {
            diagnostics.report(Code.BL0037, at, "'" + include.path() + "' is a folder, not a file; expected the path of a .story file");
            return;
        }
        if (!reader.staysInside(target, root)) {
            diagnostics.report(Code.BL0035, at, "include '" + include.path() + "' leads out of the story's folder through a symbolic link;"
                    + " included files must lie inside " + root.getFileName());
            return;
        }
        if (stack.size() >= MAX_INCLUDE_DEPTH) {
            diagnostics.report(Code.BL0025, at, "includes nested too deeply: at most " + MAX_INCLUDE_DEPTH + " levels");
            return;
        }
        Path displayDir = Path.of(fromDisplay).getParent();
        String display = (displayDir == null ? Path.of(include.path()) : displayDir.resolve(include.path())).normalize().toString();
        visit(target, display);
    }

    private String cycle(Path target) {
        List<String> names = new ArrayList<>();
        List<Path> chain = new ArrayList<>(stack);
        java.util.Collections.reverse(chain);
        boolean on = false;
        for (Path p : chain) {
            on |= p.equals(target);
            if (on) {
                names.add(p.getFileName().toString());
            }
        }
        names.add(target.getFileName().toString());
        return String.join(" -> ", names);
    }

    private SourceFile read(Path path, String displayName) {
        SourceReader.Result result = reader.read(path);
        if (result instanceof SourceReader.Text text) {
            String body = text.text();
            if (!body.isEmpty() && body.charAt(0) == '\uFEFF') {
                body = body.substring(1);
            }
            return SourceFile.of(path, displayName, body);
        }
        SourceReader.Failure failure = (SourceReader.Failure) result;
        SourceFile partial = SourceFile.of(path, displayName, failure.partialText());
        int offset = Math.min(failure.offset(), partial.text().length());
        diagnostics.report(failure.code(), new Span(partial, offset, offset), failure.message());
        return null;
    }
}
