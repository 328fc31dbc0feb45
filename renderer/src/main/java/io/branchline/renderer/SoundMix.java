package io.branchline.renderer;

import io.branchline.renderer.encode.SceneEncoder;
import io.branchline.story.eval.ResolvedShot;

/** The sound under one shot: its audio file at its volume, or silence. */
final class SoundMix {

    private SoundMix() {
    }

    /** Interleaved stereo at 48 kHz, exactly {@code samples} sample frames long. */
    static float[] forShot(ResolvedShot shot, SceneRequest request, int samples) {
        float[] out = new float[samples * SceneEncoder.CHANNELS];
        if (shot.audio() != null) {
            throw new RenderException("audio cannot be rendered yet ('" + shot.audio().path() + "')");
        }
        return out;
    }
}
