package io.branchline.renderer.models;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.media.ImageMotion;
import io.branchline.renderer.media.ImagePainter;
import io.branchline.renderer.neural.FrameGenerator;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link FrameGenerator} that makes one keyframe per generated shot with an SD-Turbo export
 * ({@link SdTurboPipeline}), seeded by the shot's derived seed, and brings it to life as an image
 * shot is: scaled to cover the story's frame, centred, and moved by the default Ken Burns motion (in 2.5D
 * when the operator installed a depth model: see {@code ShotPainters}).
 *
 * <p>Keyframes are remembered by prompt and seed, so the draft and full tiers of a visit and the
 * shots that repeat a prompt and seed pay for the picture once.
 */
public final class SdTurboGenerator implements FrameGenerator {

    /** Keyframes kept (about 1 MB each at 512×512). */
    static final int REMEMBERED = 32;

    private final SdTurboPipeline pipeline;
    private final int steps;
    private final ImageMotion motion;
    private final Map<String, BufferedImage> keyframes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BufferedImage> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A generator over {@code pipeline} (closed with this generator), {@code steps} steps a keyframe. */
    public SdTurboGenerator(SdTurboPipeline pipeline, int steps) {
        if (steps < 1 || steps > SdTurboPipeline.MAX_STEPS) {
            throw new IllegalArgumentException("SD-Turbo takes 1 to " + SdTurboPipeline.MAX_STEPS + " steps, not " + steps);
        }
        this.pipeline = pipeline;
        this.steps = steps;
        this.motion = ImageMotion.DEFAULT;
    }

    /** Opens the export in {@code export}'s folder at SD-Turbo's 512×512, one step a keyframe. */
    public static SdTurboGenerator open(SdTurboExport export) {
        return new SdTurboGenerator(SdTurboPipeline.open(export, SdTurboPipeline.SIDE), SdTurboPipeline.DEFAULT_STEPS);
    }

    @Override
    public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
        return ImagePainter.of(keyframe(prompt, seed), motion, format, durationMs, "the keyframe of \"" + prompt + "\"");
    }

    @Override
    public boolean makesKeyframes() {
        return true;
    }

    /** The keyframe of a prompt and seed, made once and remembered. */
    @Override
    public BufferedImage keyframe(String prompt, long seed) {
        String key = seed + "\n" + prompt;
        synchronized (keyframes) {
            BufferedImage known = keyframes.get(key);
            if (known != null) {
                return known;
            }
        }
        // Made outside the lock: two shots may make the same keyframe at once, with the same pixels.
        BufferedImage made = pipeline.picture(prompt, seed, steps);
        synchronized (keyframes) {
            keyframes.putIfAbsent(key, made);
            return keyframes.get(key);
        }
    }

    @Override
    public String modelHash() {
        return "sd-turbo-" + steps + "step-" + pipeline.identity();
    }

    @Override
    public String name() {
        return "SD-Turbo (ONNX, " + steps + (steps == 1 ? " step)" : " steps)");
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
