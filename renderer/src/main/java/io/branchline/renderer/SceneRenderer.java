package io.branchline.renderer;

import io.branchline.renderer.compose.Blend;
import io.branchline.renderer.compose.Captions;
import io.branchline.renderer.compose.Overlay;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.SceneEncoder;
import io.branchline.renderer.encode.SegmentSink;
import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.mark.Watermark;
import io.branchline.story.eval.ResolvedShot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one scene visit: paints each shot's frames, styles them, enters each shot with
 * its transition, draws captions and the disclosure label, adds the invisible watermark to
 * labelled frames when the tools carry a server id, and encodes the result into
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
        return render(request, key, sink, cancel, RenderTier.FULL);
    }

    /**
     * Renders a visit at a tier of the render ladder. Every tier gives the same init segment, the
     * same segment boundaries, the same sound and the same captions and disclosure label, so the
     * segments of one tier can stand in for another's one by one; the draft and rough tiers paint
     * generated and styled shots at a lower resolution and frame rate ({@link DraftPictures}).
     *
     * @param key    the content key of this tier of the visit (see {@link RenderTier#key})
     * @param sink   receives the init segment and each media segment as soon as it is finished
     * @param cancel the render's cancel token
     * @param tier   how much work goes into the pictures
     * @throws RenderException  when an asset cannot be read or the encoder fails
     * @throws RenderCancelled  when {@code cancel} was cancelled (see above)
     */
    @SuppressWarnings("try")   // the lease is held for the render's length, never read
    public RenderedScene render(SceneRequest request, String key, SegmentSink sink, RenderCancel cancel, RenderTier tier) {
        try (RenderTools.Lease lease = tools.lease()) {
            return renderLeased(request, key, sink, cancel, tier);
        }
    }

    private RenderedScene renderLeased(SceneRequest request, String key, SegmentSink sink, RenderCancel cancel, RenderTier tier) {
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
        StageClock timer = new StageClock();
        BufferedImage canvas = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        Overlay label = Captions.disclosure(request.label(), format);
        Watermark mark = ContentKey.watermarked(request, tools)
                ? Watermark.of(new MarkPayload(tools.watermarkServer().getAsInt(), ContentKey.visitId(request, tools)),
                        format.width(), format.height())
                : null;
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
                try (ShotPictures pictures = ShotPictures.open(shot, request, tools, tier)) {
                    for (int i = 0; i < frames; i++) {
                        cancel.check(frame + i);
                        int n = i;
                        // A draft's frame that shows the one before, past the transition and before
                        // the shot's last frame (whose picture the next shot's transition starts
                        // from): the canvas still holds the frame before, captioned, labelled and
                        // marked, and the encoder still has it converted.
                        boolean repeat = i > enter && i < frames - 1 && pictures.repeats(n);
                        boolean disclosed = shot.disclosed();
                        if (!repeat) {
                            pictures.paint(n, canvas, timer);
                            if (i < enter) {
                                int[] from = shot.transition().kind().equals("fade") ? null : previous;
                                timer.compose(() -> Blend.mix(from, canvas, (n + 1.0) / (enter + 1.0)));
                                disclosed |= from != null && previousDisclosed;
                            }
                            if (i == frames - 1) {
                                previous = pixels.clone();
                            }
                            boolean drawLabel = disclosed;
                            timer.compose(() -> {
                                if (caption != null) {
                                    caption.drawOn(canvas);
                                }
                                if (drawLabel) {
                                    label.drawOn(canvas);
                                    // Last, over the label too: every labelled frame carries the whole mark.
                                    if (mark != null) {
                                        mark.apply(pixels);
                                    }
                                }
                            });
                        }
                        // Each video frame's own stretch of sound: the encoder lays the audio out so
                        // that every segment's sound spans exactly its pictures (see AudioLayout).
                        int samples = samplesBetween(format, frame + i, frame + i + 1);
                        int offset = soundOffset;
                        boolean labelled = disclosed;
                        timer.encode(() -> {
                            if (repeat) {
                                encoder.repeat(labelled);
                            } else {
                                encoder.video(canvas, labelled);
                            }
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
}
