package io.branchline.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.renderer.AtomicFiles;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.SceneDirectory;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.SceneRenderer;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.StageTimes;
import io.branchline.renderer.encode.Retimer;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.StoryJson;
import io.branchline.story.eval.SceneVisit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Renders the visits of a path into a folder: each visit once, under {@code scenes/KEY/}
 * (a visit already rendered with the same key is reused), then the whole path as one HLS
 * stream: {@code index.m3u8}, {@code init.mp4}, the segments retimed one after the other
 * under {@code path/}, and {@code captions.vtt} for the whole path.
 */
public final class PathRenderer {

    /** Hears how far a render has come. */
    public interface Progress {
        /** Called when a segment of visit {@code visit} (from 0) is written, or a visit is reused. */
        void update(int visit, int visits, String scene, int segmentsDone, int segmentsTotal, boolean reused);
    }

    /** What rendering a path gave: each visit's render, and the stage times of the visits rendered now. */
    public record Result(List<RenderedScene> scenes, StageTimes times, double seconds) {
    }

    private final SceneRenderer renderer;
    private final RenderTools tools;
    private io.branchline.engine.trust.Provenance provenance;

    public PathRenderer(RenderTools tools) {
        this.tools = tools;
        this.renderer = new SceneRenderer(tools);
    }

    /** Signs the path's stream with C2PA Content Credentials (init and every segment). */
    public PathRenderer signing(io.branchline.engine.trust.Provenance provenance) {
        this.provenance = provenance;
        return this;
    }

    public Result render(CompiledStory story, Path storyRoot, List<SceneVisit> visits, Path out, Progress progress) throws IOException {
        RenderFormat format = VisitRequests.format(story);
        Files.createDirectories(out.resolve("scenes"));
        List<RenderedScene> scenes = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        List<io.branchline.renderer.provenance.StreamSigner.Visit> facts = new ArrayList<>();
        StageTimes times = StageTimes.ZERO;
        long frames = 0;
        int segmentsTotal = visits.stream().mapToInt(v -> segments(format, new SceneRequest(storyRoot, format, story.label(), v.shots()))).sum();
        int[] segmentsDone = {0};
        for (int i = 0; i < visits.size(); i++) {
            SceneVisit visit = visits.get(i);
            SceneRequest request = new SceneRequest(storyRoot, format, story.label(), visit.shots());
            if (request.frames() == 0 || visit.shots().isEmpty()) {
                continue;
            }
            String key = ContentKey.of(request, tools);
            Path folder = out.resolve("scenes").resolve(key);
            int visitIndex = i;
            RenderedScene scene;
            if (SceneDirectory.complete(folder)) {
                scene = read(folder, key, format);
                segmentsDone[0] += scene.segments().size();
                progress.update(visitIndex, visits.size(), visit.scene(), segmentsDone[0], segmentsTotal, true);
            } else {
                SceneDirectory directory = new SceneDirectory(folder);
                scene = renderer.render(request, key, directory.thenEach(segment ->
                        progress.update(visitIndex, visits.size(), visit.scene(), ++segmentsDone[0], segmentsTotal, false)));
                directory.finish(scene, StoryJson.mapper());
                times = times.plus(scene.times());
                frames += scene.frames();
            }
            scenes.add(scene);
            folders.add(folder);
            if (provenance != null) {
                facts.add(provenance.visit(visit.scene(), i, key, request, "full"));
            }
        }
        io.branchline.renderer.provenance.StreamSigner.Stream stream = provenance == null ? null
                : provenance.stream("render:" + String.join(",", scenes.stream().map(RenderedScene::key).toList()), story.id(), story);
        writePath(out, format, scenes, folders, stream, facts);
        return new Result(scenes, times, frames / (double) format.fps());
    }

    private static int segments(RenderFormat format, SceneRequest request) {
        return (request.frames() + format.framesPerSegment() - 1) / format.framesPerSegment();
    }

    /** The whole path as one stream: one init, the segments moved onto one timeline, the captions shifted. */
    private void writePath(Path out, RenderFormat format, List<RenderedScene> scenes, List<Path> folders,
                           io.branchline.renderer.provenance.StreamSigner.Stream stream,
                           List<io.branchline.renderer.provenance.StreamSigner.Visit> facts) throws IOException {
        if (scenes.isEmpty()) {
            throw new RenderException("the path has no video to render: every scene on it is without shots");
        }
        byte[] init = Files.readAllBytes(folders.get(0).resolve(SceneFiles.INIT));
        for (Path folder : folders) {
            if (!Arrays.equals(init, Files.readAllBytes(folder.resolve(SceneFiles.INIT)))) {
                throw new IllegalStateException("scenes of one format gave different init segments (" + folder + "); they cannot share a stream");
            }
        }
        Path path = out.resolve("path");
        Files.createDirectories(path);
        Retimer retimer = new Retimer(init);
        List<RenderedScene.SegmentInfo> joined = new ArrayList<>();
        StringBuilder vtt = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n");
        long startFrame = 0;
        int n = 0;
        for (int s = 0; s < scenes.size(); s++) {
            RenderedScene scene = scenes.get(s);
            for (RenderedScene.SegmentInfo seg : scene.segments()) {
                byte[] bytes = Files.readAllBytes(folders.get(s).resolve(seg.file()));
                String name = String.format(Locale.ROOT, "%05d.m4s", n);
                byte[] moved = retimer.shift(bytes, startFrame, format.fps());
                if (stream != null) {
                    moved = provenance.signSegment(moved, n + 1L, stream, facts.get(s));
                }
                AtomicFiles.write(path.resolve(name), moved);
                joined.add(new RenderedScene.SegmentInfo(n++, "path/" + name, (int) (startFrame + seg.startFrame()), seg.frames(),
                        seg.durationMs(), seg.disclosed(), bytes.length));
            }
            vtt.append(shiftCues(scene.captions(), startFrame * 1000.0 / format.fps()));
            startFrame += scene.frames();
        }
        AtomicFiles.write(out.resolve(SceneFiles.INIT), stream == null ? init : provenance.signInit(init, stream));
        AtomicFiles.write(out.resolve(SceneFiles.CAPTIONS), vtt.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve(SceneFiles.PLAYLIST), SceneFiles.playlist(joined, SceneFiles.INIT).getBytes(StandardCharsets.UTF_8));
    }

    /** The cues of a scene's caption track, moved later by {@code offsetMs}. */
    static String shiftCues(String vtt, double offsetMs) {
        StringBuilder b = new StringBuilder();
        String[] blocks = vtt.split("\n\n");
        for (int i = 1; i < blocks.length; i++) {
            String[] lines = blocks[i].split("\n", -1);
            if (lines.length < 3 || !lines[1].contains(" --> ")) {
                continue;
            }
            String[] times = lines[1].split(" --> ");
            b.append(SceneFiles.vttTime(parse(times[0]) + offsetMs)).append(" --> ").append(SceneFiles.vttTime(parse(times[1]) + offsetMs));
            for (int l = 2; l < lines.length; l++) {
                b.append('\n').append(lines[l]);
            }
            b.append("\n\n");
        }
        return b.toString();
    }

    private static double parse(String time) {
        String[] p = time.trim().split("[:.]");
        return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * 1000.0 + Long.parseLong(p[3]);
    }

    private static RenderedScene read(Path folder, String key, RenderFormat format) throws IOException {
        JsonNode manifest = StoryJson.mapper().readTree(folder.resolve(SceneDirectory.MANIFEST).toFile());
        List<RenderedScene.SegmentInfo> segments = new ArrayList<>();
        for (JsonNode s : manifest.get("segments")) {
            segments.add(StoryJson.mapper().treeToValue(s, RenderedScene.SegmentInfo.class));
        }
        String captions = Files.readString(folder.resolve(SceneFiles.CAPTIONS));
        String playlist = Files.readString(folder.resolve(SceneFiles.PLAYLIST));
        return new RenderedScene(key, segments, captions, playlist, manifest.get("frames").asInt(), StageTimes.ZERO, 0);
    }

}
