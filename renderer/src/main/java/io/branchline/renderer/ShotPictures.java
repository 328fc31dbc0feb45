package io.branchline.renderer;

import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;

/**
 * The pictures of one shot as a tier makes them: painted and styled, before the renderer enters
 * the shot with its transition and draws captions and the disclosure label over them. Frames
 * are asked for in order, from 0 to the shot's frame count minus one.
 */
interface ShotPictures extends AutoCloseable {

    /** Puts frame {@code frame} of the shot, painted and styled, over the whole of {@code canvas} (the story's format). */
    void paint(int frame, BufferedImage canvas, StageClock clock);

    /**
     * Whether frame {@code frame} shows the same picture as the frame before it, so the renderer
     * may leave the canvas as it is and encode the frame before again. Asked instead of
     * {@link #paint} for such a frame; the frame after is painted as usual.
     */
    default boolean repeats(int frame) {
        return false;
    }

    /** Closes the shot's painter and style. */
    @Override
    void close();

    /**
     * Opens a shot's pictures at {@code tier}. The draft and rough tiers make generated and styled
     * shots cheaper ({@link DraftPictures}); other shots are cheap already and are painted as at full.
     */
    static ShotPictures open(ResolvedShot shot, SceneRequest request, RenderTools tools, RenderTier tier) {
        if (tier != RenderTier.FULL && DraftPictures.applies(shot)) {
            return DraftPictures.open(shot, request, tools, tier);
        }
        return FullPictures.open(shot, request, tools);
    }
}
