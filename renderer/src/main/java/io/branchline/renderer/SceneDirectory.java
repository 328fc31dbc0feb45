package io.branchline.renderer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SegmentSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a rendered scene visit into a folder of its own: {@code init.mp4}, the segments as
 * they are finished, then {@code captions.vtt}, {@code index.m3u8} and, last,
 * {@code scene.json}. Every file is written to a temporary name and renamed, so a reader
 * never sees half a file; a folder without {@code scene.json} is an unfinished render.
 */
public final class SceneDirectory implements SegmentSink {

    public static final String MANIFEST = "scene.json";

    private final Path folder;

    public SceneDirectory(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new RenderException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Whether a complete render is already in {@code folder}. */
    public static boolean complete(Path folder) {
        return Files.isRegularFile(folder.resolve(MANIFEST));
    }

    @Override
    public void init(byte[] bytes) {
        write(SceneFiles.INIT, bytes);
    }

    @Override
    public void segment(EncodedSegment segment) {
        write(SceneFiles.segmentName(segment.index()), segment.bytes());
    }

    /** Writes the captions, the playlist and, last, the manifest that marks the render complete. */
    public void finish(RenderedScene scene, ObjectMapper json) {
        write(SceneFiles.CAPTIONS, scene.captions().getBytes(StandardCharsets.UTF_8));
        write(SceneFiles.PLAYLIST, scene.playlist().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("key", scene.key());
        manifest.put("frames", scene.frames());
        manifest.put("segments", scene.segments());
        try {
            write(MANIFEST, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, byte[] bytes) {
        Path target = folder.resolve(name);
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new RenderException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
