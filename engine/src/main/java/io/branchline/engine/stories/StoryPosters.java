package io.branchline.engine.stories;

import io.branchline.renderer.Poster;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRequest;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
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
        Evaluator evaluator = new Evaluator(story);
        SceneVisit first = evaluator.enter(story.start(), evaluator.initialState());
        CompiledStory.Format f = story.format();
        RenderFormat format = new RenderFormat(f.width(), f.height(), f.fps(), story.segmentMs());
        return Poster.jpeg(new SceneRequest(entry.mainFile().toAbsolutePath().getParent(), format, story.label(), first.shots(), false),
                tools);
    }
}
