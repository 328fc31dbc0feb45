package io.branchline.renderer;

import io.branchline.renderer.encode.SceneEncoder;
import io.branchline.renderer.media.SoundTrack;
import io.branchline.story.eval.ResolvedShot;

/** The sound under one shot: its audio file at its volume, or silence. */
final class SoundMix {

    private SoundMix() {
    }

    /** Interleaved stereo at 48 kHz, exactly {@code samples} sample frames long. */
    static float[] forShot(ResolvedShot shot, SceneRequest request, int samples) {
        float[] out = new float[samples * SceneEncoder.CHANNELS];
        if (shot.audio() != null) {
            float[] sound = SoundTrack.read(ShotPainters.asset(request, shot.audio().path()), shot.audio().volume(), shot.durationMs());
            System.arraycopy(sound, 0, out, 0, Math.min(sound.length, out.length));
        }
        return out;
    }
}
