package io.branchline.renderer;

import io.branchline.renderer.compose.Blend;
import io.branchline.renderer.compose.Captions;
import io.branchline.renderer.compose.Overlay;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SceneEncoder;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one scene visit: paints each shot's frames, styles them, enters each shot with
 * its transition, draws captions and the disclosure label, and encodes the result into
 * CMAF segments handed to a sink as they are finished. Blocking and CPU-bound: run it on a
 * worker thread.
 */
public final class SceneRenderer {

    private final RenderTools tools;

    public SceneRenderer(RenderTools tools) {
        this.tools = tools;
    }

    /**
     * Renders a visit that nobody cancels.
     *
     * @param key  the visit's content key (see {@link ContentKey})
     * @param sink receives the init segment and each media segment as soon as it is finished
     * @throws RenderException when an asset cannot be read or the encoder fails
     */
    public RenderedScene render(SceneRequest request, String key, SegmentSink sink) {
        return render(request, key, sink, RenderCancel.NEVER);
    }

    /**
     * Renders a visit, looking at {@code cancel} before each shot and each frame.
     *
     * @param key    the visit's content key (see {@link ContentKey})
     * @param sink   receives the init segment and each media segment as soon as it is finished
     * @param cancel the render's cancel token
     * @throws RenderException  when an asset cannot be read or the encoder fails
     * @throws RenderCancelled  when {@code cancel} was cancelled; the sink got no last segment and
     *                          the encoder is closed, so the caller throws away what it wrote
     */
    public RenderedScene render(SceneRequest request, String key, SegmentSink sink, RenderCancel cancel) {
        try (RenderTools.Lease lease = tools.lease()) {
            return renderLeased(request, key, sink, cancel);
        }
    }

    private RenderedScene renderLeased(SceneRequest request, String key, SegmentSink sink, RenderCancel cancel) {
        RenderFormat format = request.format();
        long started = System.nanoTime();
        long[] firstSegment = {-1};
        List<RenderedScene.SegmentInfo> segments = new ArrayList<>();
        SegmentSink recording = new SegmentSink() {
            @Override
            public void init(byte[] bytes) {
                sink.init(bytes);
            }

            @Override
            public void segment(EncodedSegment segment) {
                if (firstSegment[0] < 0) {
                    firstSegment[0] = System.nanoTime() - started;
                }
                segments.add(RenderedScene.SegmentInfo.of(segment, format.fps()));
                sink.segment(segment);
            }
        };
        Timer timer = new Timer();
        BufferedImage canvas = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        Overlay label = Captions.disclosure(request.label(), format);
        int[] previous = null;
        boolean previousDisclosed = false;
        int frame = 0;
        try (SceneEncoder encoder = new SceneEncoder(format, recording)) {
            for (ResolvedShot shot : request.shots()) {
                int frames = format.frames(shot.durationMs());
                int shotSamples = samplesBetween(format, frame, frame + frames);
                float[] sound = timer.audio(() -> SoundMix.forShot(shot, request, shotSamples));
                Overlay caption = shot.caption() == null || !request.burnCaptions() ? null : Captions.caption(shot.caption(), format);
                int enter = enteringFrames(shot, format);
                int soundOffset = 0;
                // Opening a shot may run a model (a prompt's embedding): a boundary too.
                cancel.check(frame);
                try (ShotPainter painter = ShotPainters.open(shot, request, tools);
                     FrameStyler.ShotStyle style = shot.style() == null ? null : tools.styler().prepare(shot.style(), shot.seed(), format)) {
                    for (int i = 0; i < frames; i++) {
                        cancel.check(frame + i);
                        int n = i;
                        timer.generate(() -> painter.paint(n, canvas));
                        if (style != null) {
                            timer.style(() -> style.apply(n, canvas));
                        }
                        boolean disclosed = shot.disclosed();
                        if (i < enter) {
                            int[] from = shot.transition().kind().equals("fade") ? null : previous;
                            timer.compose(() -> Blend.mix(from, canvas, (n + 1.0) / (enter + 1.0)));
                            disclosed |= from != null && previousDisclosed;
                        }
                        if (i == frames - 1) {
                            previous = pixels.clone();
                        }
                        boolean labelled = disclosed;
                        timer.compose(() -> {
                            if (caption != null) {
                                caption.drawOn(canvas);
                            }
                            if (labelled) {
                                label.drawOn(canvas);
                            }
                        });
                        // Each video frame's own stretch of sound: the encoder lays the audio out so
                        // that every segment's sound spans exactly its pictures (see AudioLayout).
                        int samples = samplesBetween(format, frame + i, frame + i + 1);
                        int offset = soundOffset;
                        timer.encode(() -> {
                            encoder.video(canvas, labelled);
                            encoder.audio(sound, offset * SceneEncoder.CHANNELS, samples * SceneEncoder.CHANNELS);
                        });
                        soundOffset += samples;
                    }
                }
                previousDisclosed = shot.disclosed();
                frame += frames;
            }
            timer.encode(encoder::finish);
        }
        String playlist = SceneFiles.playlist(segments, SceneFiles.INIT);
        String captions = CaptionTrack.vtt(CaptionTrack.cues(request));
        return new RenderedScene(key, List.copyOf(segments), captions, playlist, frame, timer.times(), firstSegment[0]);
    }

    /**
     * Frames over which a shot enters from what came before; none for a cut. A crossfade on a
     * visit's first shot crosses from black, like a fade: the scene before is another render.
     */
    private static int enteringFrames(ResolvedShot shot, RenderFormat format) {
        if (shot.transition().kind().equals("cut") || shot.transition().durationMs() <= 0) {
            return 0;
        }
        return Math.min(format.frames(shot.transition().durationMs()), format.frames(shot.durationMs()));
    }

    /** Audio sample frames between two video frames, rounded so that they add up exactly over a visit. */
    static int samplesBetween(RenderFormat format, int fromFrame, int toFrame) {
        return (int) (sampleAt(format, toFrame) - sampleAt(format, fromFrame));
    }

    private static long sampleAt(RenderFormat format, int frame) {
        return (long) frame * SceneEncoder.SAMPLE_RATE / format.fps();
    }

    /** Adds up time per stage. */
    private static final class Timer {
        private long generate;
        private long style;
        private long compose;
        private long encode;
        private long audio;

        void generate(Runnable r) {
            generate += time(r);
        }

        void style(Runnable r) {
            style += time(r);
        }

        void compose(Runnable r) {
            compose += time(r);
        }

        void encode(Runnable r) {
            encode += time(r);
        }

        float[] audio(java.util.function.Supplier<float[]> s) {
            long t = System.nanoTime();
            float[] out = s.get();
            audio += System.nanoTime() - t;
            return out;
        }

        private static long time(Runnable r) {
            long t = System.nanoTime();
            r.run();
            return System.nanoTime() - t;
        }

        StageTimes times() {
            return new StageTimes(generate, style, compose, encode, audio);
        }
    }
}
