package io.branchline.renderer;

/**
 * Where the time of a render went, in nanoseconds per stage, so the next bottleneck is plain.
 *
 * @param generate painting the shots' pictures (generated, image, clip, title, colour)
 * @param style    applying styles
 * @param compose  transitions, captions and the disclosure label
 * @param encode   H.264 and AAC encoding and muxing
 * @param audio    decoding and mixing sound
 */
public record StageTimes(long generate, long style, long compose, long encode, long audio) {

    public long total() {
        return generate + style + compose + encode + audio;
    }

    public StageTimes plus(StageTimes o) {
        return new StageTimes(generate + o.generate, style + o.style, compose + o.compose, encode + o.encode, audio + o.audio);
    }

    public static final StageTimes ZERO = new StageTimes(0, 0, 0, 0, 0);
}
