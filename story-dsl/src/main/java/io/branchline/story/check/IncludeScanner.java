package io.branchline.story.check;

import io.branchline.story.ast.StoryFile;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.parse.Parser;
import io.branchline.story.source.SourceFile;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Lists the files a story file includes, so tools can tell main files from included ones. */
public final class IncludeScanner {

    private IncludeScanner() {
    }

    /** The absolute, normalized paths this file includes; none when it cannot be read. */
    public static List<Path> includes(Path file) {
        if (!(SourceReader.DISK.read(file) instanceof SourceReader.Text text)) {
            return List.of();
        }
        Path absolute = file.toAbsolutePath().normalize();
        StoryFile parsed = Parser.parse(SourceFile.of(absolute, file.toString(), text.text()), new Diagnostics());
        List<Path> paths = new ArrayList<>();
        for (StoryFile.Include include : parsed.includes()) {
            try {
                paths.add(absolute.getParent().resolve(include.path()).normalize());
            } catch (InvalidPathException e) {
                // The checker reports a bad include path when the including story is checked.
            }
        }
        return paths;
    }
}
