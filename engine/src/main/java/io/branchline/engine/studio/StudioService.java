package io.branchline.engine.studio;

import io.branchline.engine.render.VisitRequests;
import io.branchline.engine.render.RenderAddresses;
import io.branchline.engine.store.TieredStore;
import io.branchline.renderer.RenderTier;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.engine.stories.StoryEntry;
import io.branchline.engine.stories.StoryViews;
import io.branchline.renderer.ContentKey;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.model.CompiledStory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The author's view of a story: its map (scenes and the options between them, with how many
 * viewers took each), whether each scene's usual visit is rendered, rendering or missing, and
 * the diagnostics. Keys are worked out on a worker thread once per compilation.
 */
public final class StudioService {

    /** Where each key's render stands, and who rendered the stored ones (a node's name, or {@link #THIS_ENGINE}). */
    private record RenderStatus(Map<String, String> status, Map<String, String> renderedBy) {
    }

    /** What {@code renderedBy} says of a visit this engine rendered itself. */
    public static final String THIS_ENGINE = "this engine";

    private record Keys(Instant compiledAt, Future<Map<String, String>> keys, java.util.Set<String> routing) {
    }

    private final Vertx vertx;
    private final StoryCatalog catalog;
    private final SegmentStore store;
    private final SessionService sessions;
    private final Map<String, Keys> keys = new ConcurrentHashMap<>();
    /** Each story's last compile without errors, for the map while it has errors. */
    private final Map<String, StoryEntry> lastGood = new ConcurrentHashMap<>();
    private final StudioSources sources;

    public StudioService(Vertx vertx, StoryCatalog catalog, SegmentStore store, SessionService sessions) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.sessions = sessions;
        this.sources = new StudioSources(catalog.folder());
    }

    /** The studio's view of a story, or empty when there is no such story. */
    public Optional<Future<JsonObject>> studio(String id) {
        StoryEntry entry = catalog.story(id).orElse(null);
        if (entry == null) {
            return Optional.empty();
        }
        JsonObject out = new JsonObject(StoryViews.summaryWithDiagnostics(entry).toString());
        out.put("files", new JsonArray(sources.names(entry)));
        StoryEntry compiled = entry;
        // Each diagnostic also names its file as the editor does (from the story's folder).
        out.getJsonArray("diagnostics").forEach(d -> {
            JsonObject diagnostic = (JsonObject) d;
            String source = sources.name(compiled, diagnostic.getString("file"));
            if (source != null) {
                diagnostic.put("source", source);
            }
        });
        CompiledStory story = entry.result().story();
        if (story == null) {
            // The map of the last compile without errors, marked stale, stays beside the diagnostics.
            StoryEntry good = lastGood.get(id);
            if (good == null || !good.mainFile().equals(entry.mainFile())) {
                return Optional.of(Future.succeededFuture(out.put("scenes", new JsonArray()).put("edges", new JsonArray())));
            }
            out.put("stale", true).put("staleSince", good.compiledAt().toString());
            // The header the author saw until now stays (a broken story has no title of its own yet).
            out.put("title", good.result().story().title()).put("format", good.result().story().format().toString());
            entry = good;
            story = good.result().story();
        } else {
            lastGood.put(id, entry);
        }
        CompiledStory shown = story;
        out.put("start", story.start());
        Keys known = keysOf(entry);
        return Optional.of(known.keys().compose(sceneKeys -> renderStatus(sceneKeys).map(rendered -> {
            Map<String, String> status = rendered.status();
            JsonArray scenes = new JsonArray();
            for (CompiledStory.Scene scene : shown.scenes()) {
                String key = sceneKeys.get(scene.id());
                String state = key != null ? status.get(key) : known.routing().contains(scene.id()) ? "routing" : "unreached";
                JsonObject s = new JsonObject().put("id", scene.id()).put("file", scene.file()).put("line", scene.line())
                        .put("status", state);
                if (key != null) {
                    s.put("key", key);
                    String by = rendered.renderedBy().get(key);
                    if (by != null) {
                        s.put("renderedBy", by);
                    }
                }
                scenes.add(s);
            }
            return out.put("scenes", scenes).put("edges", edges(shown, sessions.stats(id)));
        })));
    }

    /**
     * Every exit of every scene, with how viewers went at its options: {@code picks} (viewers who
     * picked it), {@code timerDefaults} (viewers who let the timer run out, so it took this option,
     * the default), {@code share} (the share of all viewers at the choice who went this way, by
     * either) and {@code pickShare} (its share of the picks alone).
     */
    static JsonArray edges(CompiledStory story, JsonObject stats) {
        Map<String, Map<String, Long>> picksByScene = byScene(stats.getJsonObject("choices", new JsonObject()));
        Map<String, Map<String, Long>> timerByScene = byScene(stats.getJsonObject("timerDefaults", new JsonObject()));
        JsonArray edges = new JsonArray();
        for (CompiledStory.Scene scene : story.scenes()) {
            Map<String, Long> picks = picksByScene.getOrDefault(scene.id(), Map.of());
            Map<String, Long> timer = timerByScene.getOrDefault(scene.id(), Map.of());
            long picked = picks.values().stream().mapToLong(Long::longValue).sum();
            long timed = timer.values().stream().mapToLong(Long::longValue).sum();
            for (CompiledStory.Exit exit : scene.exits()) {
                JsonObject edge = new JsonObject().put("from", scene.id()).put("to", exit.target()).put("via", exit.via());
                if (exit.label() != null) {
                    edge.put("label", exit.label());
                }
                if ("option".equals(exit.via())) {
                    long n = picks.getOrDefault(exit.target(), 0L);
                    long t = timer.getOrDefault(exit.target(), 0L);
                    edge.put("picks", n).put("timerDefaults", t);
                    if (picked + timed > 0) {
                        edge.put("share", (n + t) / (double) (picked + timed));
                    }
                    if (picked > 0) {
                        edge.put("pickShare", n / (double) picked);
                    }
                }
                edges.add(edge);
            }
        }
        return edges;
    }

    /** Counts by choice ({@code scene}, or {@code scene@line} as saved before) summed by scene. */
    private static Map<String, Map<String, Long>> byScene(JsonObject choices) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String choice : choices.fieldNames()) {
            String scene = choice.contains("@") ? choice.substring(0, choice.lastIndexOf('@')) : choice;
            JsonObject counts = choices.getJsonObject(choice);
            for (String target : counts.fieldNames()) {
                out.computeIfAbsent(scene, k -> new LinkedHashMap<>()).merge(target, counts.getLong(target), Long::sum);
            }
        }
        return out;
    }

    private Keys keysOf(StoryEntry entry) {
        Keys known = keys.get(entry.id());
        if (known != null && known.compiledAt().equals(entry.compiledAt()) && !known.keys().failed()) {
            return known;
        }
        CompiledStory story = entry.result().story();
        UsualVisits.Found found = UsualVisits.of(new Evaluator(story));
        Path root = entry.mainFile().toAbsolutePath().getParent();
        Future<Map<String, String>> computed = vertx.executeBlocking(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, SceneVisit> e : found.visits().entrySet()) {
                if (!e.getValue().shots().isEmpty()) {
                    // The same request sessions make, so the key is the one they render.
                    out.put(e.getKey(), ContentKey.of(VisitRequests.served(root, story, e.getValue().shots()), sessions.tools()));
                }
            }
            return out;
        }, false);
        Keys made = new Keys(entry.compiledAt(), computed, found.routing());
        keys.put(entry.id(), made);
        return made;
    }

    /**
     * For each key: rendered (stored at full quality), draft or rough (only that tier of the render
     * ladder is stored at best: full quality comes when the renderer has time), rendering or queued (a
     * render worker holds it), or missing; and, for a stored one, who rendered it.
     */
    private Future<RenderStatus> renderStatus(Map<String, String> sceneKeys) {
        JsonArray asked = new JsonArray();
        sceneKeys.values().forEach(asked::add);
        Map<String, String> renderedBy = new ConcurrentHashMap<>();
        Future<Map<String, String>> stored = vertx.executeBlocking(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            sceneKeys.values().forEach(k -> TieredStore.storedTier(store, k).ifPresent(t -> {
                out.put(k, t == RenderTier.FULL ? "rendered" : t.wireName());
                store.scene(t.key(k)).ifPresent(scene -> renderedBy.put(k, scene.renderedBy() != null ? scene.renderedBy() : THIS_ENGINE));
            }));
            return out;
        }, false);
        Future<JsonObject> held = vertx.eventBus().<JsonObject>request(RenderAddresses.STATUS, new JsonObject().put("keys", asked),
                new DeliveryOptions().setSendTimeout(2000)).map(m -> m.body()).otherwise(new JsonObject());
        return Future.all(stored, held).map(v -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (String key : sceneKeys.values()) {
                String tier = stored.result().get(key);
                out.put(key, tier != null ? tier : held.result().getString(key, "missing"));
            }
            return new RenderStatus(out, renderedBy);
        });
    }
}
