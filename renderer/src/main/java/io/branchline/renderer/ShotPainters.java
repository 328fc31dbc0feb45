package io.branchline.renderer;

import io.branchline.renderer.compose.ColorPainter;
import io.branchline.renderer.compose.TitlePainter;
import io.branchline.renderer.media.ClipPainter;
import io.branchline.renderer.media.ImagePainter;
import io.branchline.story.eval.ResolvedShot;
import java.nio.file.Path;

/** Picks the painter for a shot's source. */
final class ShotPainters {

    private ShotPainters() {
    }

    /** A painter for the story's format. */
    static ShotPainter open(ResolvedShot shot, SceneRequest request, RenderTools tools) {
        return open(shot, request, tools, request.format());
    }

    /** A painter for frames of {@code format} (the story's, or the draft tier's smaller one). */
    static ShotPainter open(ResolvedShot shot, SceneRequest request, RenderTools tools, RenderFormat format) {
        return switch (shot.kind()) {
            case "color" -> new ColorPainter(shot.color());
            case "title" -> new TitlePainter(shot.text(), format);
            case "generate" -> tools.generator().prepare(shot.prompt(), shot.seed(), format, shot.durationMs());
            case "image" -> ImagePainter.open(asset(request, shot), shot.motion(), format, shot.durationMs());
            case "clip" -> ClipPainter.open(asset(request, shot), shot.fromMs() == null ? 0 : shot.fromMs(), shot.toMs(), format);
            default -> throw new RenderException("unknown shot kind '" + shot.kind() + "'");
        };
    }

    /** Where a shot's asset lies on disk. */
    static Path asset(SceneRequest request, String path) {
        return request.storyRoot().resolve(path).normalize();
    }

    private static Path asset(SceneRequest request, ResolvedShot shot) {
        return asset(request, shot.path());
    }
}
