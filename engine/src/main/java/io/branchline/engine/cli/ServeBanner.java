package io.branchline.engine.cli;

import io.branchline.engine.stories.StoryEntry;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** The one line {@code serve} prints when it is up: the address, and what it loaded. */
final class ServeBanner {

    /** Stories named in the line; more are counted. */
    static final int NAMED = 6;

    private ServeBanner() {
    }

    /** "Branchline is serving 3 stories (linie-null, madame-zora, night-ferry) from stories at http://localhost:8080/  (Ctrl-C stops it)". */
    static String line(Collection<StoryEntry> stories, Path folder, String url) {
        List<String> served = stories.stream().filter(StoryEntry::servable).map(StoryEntry::id).sorted().toList();
        String names = served.isEmpty() ? "" : " (" + String.join(", ", served.subList(0, Math.min(NAMED, served.size())))
                + (served.size() > NAMED ? " and " + (served.size() - NAMED) + " more" : "") + ")";
        return "Branchline is serving " + CheckCommand.plural(served.size(), "story", "stories") + names + " from " + folder
                + " at " + url + "  (Ctrl-C stops it)";
    }
}
