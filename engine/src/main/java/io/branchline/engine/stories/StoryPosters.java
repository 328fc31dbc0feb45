package io.branchline.engine.stories;

import io.branchline.engine.render.VisitRequests;
import io.branchline.renderer.Poster;
import io.branchline.renderer.RenderTools;
import io.branchline.story.model.CompiledStory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each story's poster: a still of its first visit (see {@link Poster}), drawn on a worker
 * thread once per compilation of the story and kept in memory.
 */
public final class StoryPosters {

    private record Drawn(Instant compiledAt, Future<byte[]> jpeg) {
    }

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final RenderTools tools;
    private final Map<String, Drawn> drawn = new ConcurrentHashMap<>();

    public StoryPosters(Vertx vertx, StoryCatalog catalog, RenderTools tools) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.tools = tools;
    }

    /** The poster of a servable story; empty when there is no such story or it has errors. */
    public Optional<Future<byte[]>> poster(String id) {
        StoryEntry entry = catalog.story(id).filter(StoryEntry::servable).orElse(null);
        if (entry == null) {
            return Optional.empty();
        }
        Drawn known = drawn.get(id);
        if (known != null && known.compiledAt().equals(entry.compiledAt()) && !known.jpeg().failed()) {
            return Optional.of(known.jpeg());
        }
        Future<byte[]> jpeg = vertx.executeBlocking(() -> draw(entry), false);
        drawn.put(id, new Drawn(entry.compiledAt(), jpeg));
        return Optional.of(jpeg);
    }

    private byte[] draw(StoryEntry entry) {
        CompiledStory story = entry.result().story();
        return Poster.jpeg(VisitRequests.served(entry.mainFile().toAbsolutePath().getParent(), story, VisitRequests.first(story).shots()),
                tools);
    }
}
