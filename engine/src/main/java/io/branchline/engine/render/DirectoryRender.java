package io.branchline.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.SceneDirectory;
import io.branchline.renderer.SceneRenderer;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.story.model.StoryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Renders jobs with the scene renderer into {@code ROOT/KEY/}, one folder per content key,
 * written atomically ({@link SceneDirectory}); a key already complete is not rendered again.
 */
public final class DirectoryRender implements RenderFunction {

    private final Path root;
    private final SceneRenderer renderer;

    public DirectoryRender(Path root, RenderTools tools) {
        this.root = root;
        this.renderer = new SceneRenderer(tools);
    }

    @Override
    public RenderOutcome render(RenderJob job, IntConsumer segmentReady) {
        if (!job.key().matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a content key: " + job.key());
        }
        Path folder = root.resolve(job.key());
        if (SceneDirectory.complete(folder)) {
            try {
                JsonNode manifest = StoryJson.mapper().readTree(folder.resolve(SceneDirectory.MANIFEST).toFile());
                return new RenderOutcome(job.key(), manifest.get("segments").size(), manifest.get("frames").asInt(), 0, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long t0 = System.nanoTime();
        SceneDirectory directory = new SceneDirectory(folder);
        RenderedScene scene = renderer.render(job.request(), job.key(), new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
                directory.init(bytes);
            }

            @Override
            public void segment(EncodedSegment segment) {
                directory.segment(segment);
                segmentReady.accept(segment.index());
            }
        });
        directory.finish(scene, StoryJson.mapper());
        return new RenderOutcome(job.key(), scene.segments().size(), scene.frames(), (System.nanoTime() - t0) / 1_000_000, false);
    }
}
