package io.branchline.renderer;

import io.branchline.renderer.compose.ColorPainter;
import io.branchline.renderer.compose.TitlePainter;
import io.branchline.renderer.media.ClipPainter;
import io.branchline.renderer.media.DepthEstimator;
import io.branchline.renderer.media.ImageMotion;
import io.branchline.renderer.media.ImagePainter;
import io.branchline.renderer.media.ParallaxPainter;
import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.story.eval.ResolvedShot;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the painter for a shot's source. */
public final class ShotPainters {

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
            case "generate" -> generate(shot, tools, format);
            case "image" -> image(shot, request, tools, format);
            case "clip" -> ClipPainter.open(asset(request, shot), shot.fromMs() == null ? 0 : shot.fromMs(), shot.toMs(), format);
            default -> throw new RenderException("unknown shot kind '" + shot.kind() + "'");
        };
    }

    /**
     * An image shot: in 2.5D with the author's depth map, else with the operator's depth model,
     * else (and always for {@code motion still}) the plain move over the flat picture.
     */
    static ShotPainter image(ResolvedShot shot, SceneRequest request, RenderTools tools, RenderFormat format) {
        Path file = asset(request, shot);
        if (!moves(shot)) {
            return ImagePainter.open(file, shot.motion(), format, shot.durationMs());
        }
        if (shot.depth() != null) {
            return ParallaxPainter.withDepthFile(file, asset(request, shot.depth()), shot.motion(), format, shot.durationMs());
        }
        Optional<DepthEstimator> model = tools.operatorModels().depthFor(file);
        if (model.isPresent()) {
            return ParallaxPainter.withEstimator(file, model.get(), shot.motion(), format, shot.durationMs());
        }
        return ImagePainter.open(file, shot.motion(), format, shot.durationMs());
    }

    /**
     * A generated shot: from the generator, except that a generator that makes keyframes moves
     * them in 2.5D when the operator installed a depth model.
     */
    static ShotPainter generate(ResolvedShot shot, RenderTools tools, RenderFormat format) {
        FrameGenerator generator = tools.generator();
        if (paintedWithDepthModel(shot, tools)) {
            String key = generator.modelHash() + "\n" + shot.seed() + "\n" + shot.prompt();
            DepthEstimator model = tools.operatorModels().depthFor(ContentKey.sha256(key)).orElseThrow();
            return ParallaxPainter.ofPicture(generator.keyframe(shot.prompt(), shot.seed()),
                    "the keyframe of \"" + shot.prompt() + "\"", model, ImageMotion.DEFAULT, format, shot.durationMs());
        }
        return generator.prepare(shot.prompt(), shot.seed(), format, shot.durationMs());
    }

    /**
     * Whether the operator's depth model paints {@code shot}: a moving image shot without the
     * author's depth map, or a generated shot whose generator makes keyframes. The one answer
     * that painting, content keys and Content Credentials share.
     */
    public static boolean paintedWithDepthModel(ResolvedShot shot, RenderTools tools) {
        if (!tools.operatorModels().hasDepth()) {
            return false;
        }
        return shot.kind().equals("generate") ? tools.generator().makesKeyframes() : moves(shot) && shot.depth() == null;
    }

    /** Whether an image shot's camera moves (a still picture needs no depth). */
    static boolean moves(ResolvedShot shot) {
        return shot.kind().equals("image") && !"still".equals(shot.motion());
    }

    /** Where a shot's asset lies on disk. */
    static Path asset(SceneRequest request, String path) {
        return request.storyRoot().resolve(path).normalize();
    }

    private static Path asset(SceneRequest request, ResolvedShot shot) {
        return asset(request, shot.path());
    }
}
