package io.branchline.renderer.encode;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes one scene visit into CMAF segments: H.264 (x264, yuv420p, closed GOPs, no
 * B-frames, a keyframe at every segment start) and AAC stereo at 48 kHz, fragmented MP4 with
 * one fragment per segment. The settings are the same for every scene of a format, so any
 * scene's segments can follow any other's after one init segment.
 *
 * <p>The muxer writes the video; the audio is encoded on its own ({@link AacEncoder}) and put
 * into each fragment by {@link AudioTraf}, laid out by {@link AudioLayout} so that every
 * segment's audio spans exactly its video's time. A fragment is handed on once the audio
 * frames that cover it exist, usually at once, at worst a few video frames later.
 */
public final class SceneEncoder implements AutoCloseable {

    /** Audio sample rate of every segment. */
    public static final int SAMPLE_RATE = 48000;
    /** Interleaved stereo. */
    public static final int CHANNELS = 2;
    /** The audio track's id: the muxer numbers the video track 1 and the audio track 2. */
    private static final int AUDIO_TRACK = 2;

    private final RenderFormat format;
    private final SegmentSink sink;
    private final FFmpegFrameRecorder recorder;
    private final Fmp4Splitter splitter;
    private final int framesPerSegment;
    /** The frame as the encoder takes it: converted here ({@link Yuv420}), so a repeated frame is not converted again. */
    private final Yuv420 yuv;
    private final ByteBuffer planes;
    private final AacEncoder aac;
    private final List<Boolean> disclosedFrames = new ArrayList<>();
    private final Deque<Integer> pendingSegments = new ArrayDeque<>();
    /** Fragments the muxer finished whose audio is not encoded yet, in order. */
    private final Deque<EncodedSegment> waitingForAudio = new ArrayDeque<>();
    private int framesWritten;
    /** The last frame x264 was given; frames after it, up to {@link #framesWritten}, hold its picture. */
    private int lastEncoded = -1;
    private int segmentsSent;
    private long samplesWritten;
    private boolean closed;

    public SceneEncoder(RenderFormat format, SegmentSink sink) {
        this.format = format;
        this.sink = sink;
        this.framesPerSegment = format.framesPerSegment();
        this.splitter = new Fmp4Splitter(sink::init, this::fragment);
        this.recorder = new FFmpegFrameRecorder(splitter, format.width(), format.height(), CHANNELS);
        this.yuv = new Yuv420(format.width(), format.height());
        this.planes = ByteBuffer.allocateDirect(yuv.size());
        configure();
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the video encoder could not start (" + e.getMessage()
                    + "); Branchline needs the FFmpeg build with libx264 (org.bytedeco:ffmpeg, classifier linux-x86_64-gpl)", e);
        }
        try {
            this.aac = new AacEncoder(SAMPLE_RATE, CHANNELS);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void configure() {
        EncoderCheck.requireX264();
        recorder.setFormat("mp4");
        // The audio stream is declared (the init segment describes it) but its frames never go
        // through the muxer; without interleaving, the muxer does not wait for them.
        recorder.setInterleaved(false);
        recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
        recorder.setOption("fflags", "+bitexact");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(format.fps());
        recorder.setGopSize(framesPerSegment);
        recorder.setVideoOption("preset", "ultrafast");
        recorder.setVideoOption("crf", "23");
        // Closed GOPs of exactly one segment, no B-frames (they shift the first presentation
        // time), a fixed thread count so the bitstream is the same on every machine.
        recorder.setVideoOption("x264-params", "keyint=" + framesPerSegment + ":min-keyint=" + framesPerSegment
                + ":scenecut=0:bframes=0:open-gop=0:threads=2:sliced-threads=0");
        recorder.setVideoOption("flags", "+bitexact");
        // A keyframe asked for at a segment start is an IDR frame, as keyint makes it for a
        // scene whose every frame is encoded.
        recorder.setVideoOption("forced-idr", "1");
        recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
        recorder.setSampleRate(SAMPLE_RATE);
        recorder.setAudioChannels(CHANNELS);
        recorder.setAudioBitrate(128_000);
        recorder.setAudioOption("flags", "+bitexact");
    }

    public RenderFormat format() {
        return format;
    }

    /** How many video frames have been encoded. */
    public int frames() {
        return framesWritten;
    }

    /**
     * Encodes the next video frame.
     *
     * @param disclosed whether the frame carries the AI disclosure label
     */
    public void video(BufferedImage image, boolean disclosed) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB || image.getWidth() != format.width() || image.getHeight() != format.height()) {
            throw new IllegalArgumentException("frames must be TYPE_INT_RGB images of " + format);
        }
        yuv.convert(((DataBufferInt) image.getRaster().getDataBuffer()).getData());
        planes.clear();
        planes.put(yuv.planes());
        record(disclosed);
    }

    /**
     * Adds the next video frame as the same picture as the frame before, without converting it
     * again: for a draft's frames that show the one before ({@code DraftPictures}). x264 is not
     * given it: the picture before is held a frame longer (its sample lasts until the next
     * encoded frame's time), which saves x264 about as much as encoding a new picture would cost.
     * A segment's first frame is always encoded, as a keyframe, so times, keyframes and
     * segments are as for any other frame; so is its second, so that the first two samples of
     * any segment are one frame apart: a reader that guesses the frame rate from the first
     * samples it sees (FFmpeg takes the greatest common divisor of their durations) finds the
     * story's, not a draft's. Guessing 15 or 7.5 fps, FFmpeg transcoding a stream that starts
     * with drafts drops every other frame of the full-quality segments after them.
     *
     * @param disclosed whether the frame carries the AI disclosure label
     */
    public void repeat(boolean disclosed) {
        if (framesWritten == 0) {
            throw new IllegalStateException("no frame to repeat: the first frame of a scene is encoded with video()");
        }
        if (framesWritten % framesPerSegment <= 1 || !Keyframes.canForce()) {
            record(disclosed);
        } else {
            disclosedFrames.add(disclosed);
            framesWritten++;
        }
    }

    private void record(boolean disclosed) {
        disclosedFrames.add(disclosed);
        if (framesWritten % framesPerSegment == 0) {
            pendingSegments.add(framesWritten);
        }
        encode(framesWritten);
        framesWritten++;
    }

    /** Hands x264 the converted picture as video frame {@code frame}, a keyframe at a segment start. */
    private void encode(int frame) {
        try {
            recorder.setFrameNumber(frame);
            Keyframes.request(recorder, frame % framesPerSegment == 0);
            // Already yuv420p at the encoder's size: FFmpeg's scaler is not used.
            recorder.recordImage(format.width(), format.height(), Frame.DEPTH_UBYTE, 1, format.width(),
                    avutil.AV_PIX_FMT_YUV420P, planes.position(0));
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the video encoder failed at frame " + frame + ": " + e.getMessage(), e);
        }
        lastEncoded = frame;
    }

    /** Encodes interleaved stereo samples at {@link #SAMPLE_RATE}, continuing where the last call stopped. */
    public void audio(float[] interleaved, int offset, int length) {
        if (length % CHANNELS != 0) {
            throw new IllegalArgumentException("stereo samples come in pairs");
        }
        aac.encode(interleaved, offset, length);
        samplesWritten += length / CHANNELS;
        sendReady();
    }

    /** Sample frames of audio encoded so far. */
    public long audioSamples() {
        return samplesWritten;
    }

    private void fragment(byte[] bytes) {
        Integer start = pendingSegments.poll();
        if (start == null) {
            throw new IllegalStateException("the muxer wrote more fragments than segments were started");
        }
        int end = Math.min(start + framesPerSegment, disclosedFrames.size());
        boolean disclosed = disclosedFrames.subList(start, end).contains(Boolean.TRUE);
        waitingForAudio.add(new EncodedSegment(segmentsSent++, bytes, start, end - start, disclosed));
        sendReady();
    }

    /** Hands on, in order, every finished fragment whose audio frames exist, with its audio added. */
    private void sendReady() {
        while (!waitingForAudio.isEmpty()) {
            EncodedSegment video = waitingForAudio.peek();
            long from = sampleAt(video.startFrame());
            long to = sampleAt(video.startFrame() + video.frames());
            List<byte[]> frames = aac.frames();
            if (frames.size() < AudioLayout.framesNeeded(to)) {
                return;
            }
            waitingForAudio.poll();
            AudioLayout layout = AudioLayout.of(from, to);
            byte[] bytes = AudioTraf.add(video.bytes(), AUDIO_TRACK, layout,
                    frames.subList(layout.firstFrame(), layout.firstFrame() + layout.frames()));
            sink.segment(new EncodedSegment(video.index(), bytes, video.startFrame(), video.frames(), video.disclosed()));
        }
    }

    /** The first audio sample of a video frame: whole at 24, 25, 30 and 60 fps. */
    private long sampleAt(int videoFrame) {
        return (long) videoFrame * SAMPLE_RATE / format.fps();
    }

    /** Flushes the encoders and hands on the last segment. */
    public void finish() {
        if (closed) {
            return;
        }
        if (framesWritten > 0 && lastEncoded < framesWritten - 1) {
            // The scene ends on held frames: the held picture once more at the last frame, so
            // that the sample before it lasts until there and the last one a frame, like any.
            encode(framesWritten - 1);
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the encoder could not finish the scene: " + e.getMessage(), e);
        }
        splitter.close();
        if (!pendingSegments.isEmpty()) {
            throw new IllegalStateException("the muxer wrote fewer fragments than segments were started");
        }
        aac.finish();
        sendReady();
        if (!waitingForAudio.isEmpty()) {
            throw new IllegalStateException("the scene has " + samplesWritten + " audio samples, too few for its "
                    + framesWritten + " video frames");
        }
    }

    @Override
    public void close() {
        if (aac != null) {
            aac.close();
        }
        if (!closed) {
            closed = true;
            try {
                recorder.release();
            } catch (FrameRecorder.Exception e) {
                // Closing after a failure: the first error is the one that matters.
            }
        }
    }
}
