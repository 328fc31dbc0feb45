package io.branchline.renderer.encode;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
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
 */
public final class SceneEncoder implements AutoCloseable {

    /** Audio sample rate of every segment. */
    public static final int SAMPLE_RATE = 48000;
    /** Interleaved stereo. */
    public static final int CHANNELS = 2;

    private final RenderFormat format;
    private final SegmentSink sink;
    private final FFmpegFrameRecorder recorder;
    private final Fmp4Splitter splitter;
    private final int framesPerSegment;
    private final Frame frame;
    private final int[] pixels;
    private final List<Boolean> disclosedFrames = new ArrayList<>();
    private final Deque<Integer> pendingSegments = new ArrayDeque<>();
    private int framesWritten;
    private int segmentsSent;
    private long samplesWritten;
    private boolean closed;

    public SceneEncoder(RenderFormat format, SegmentSink sink) {
        this.format = format;
        this.sink = sink;
        this.framesPerSegment = format.framesPerSegment();
        this.splitter = new Fmp4Splitter(sink::init, this::fragment);
        this.recorder = new FFmpegFrameRecorder(splitter, format.width(), format.height(), CHANNELS);
        this.frame = new Frame(format.width(), format.height(), Frame.DEPTH_UBYTE, 4);
        this.pixels = new int[format.width() * format.height()];
        configure();
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the video encoder could not start (" + e.getMessage()
                    + "); Branchline needs the FFmpeg build with libx264 (org.bytedeco:ffmpeg, classifier linux-x86_64-gpl)", e);
        }
    }

    private void configure() {
        EncoderCheck.requireX264();
        recorder.setFormat("mp4");
        recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
        recorder.setOption("fflags", "+bitexact");
        // Keep the AAC priming from shifting the video: every segment starts exactly on its frame time.
        recorder.setOption("avoid_negative_ts", "disabled");
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
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ByteBuffer out = (ByteBuffer) frame.image[0];
        // TYPE_INT_RGB is 0x00RRGGBB: as little-endian bytes that is B, G, R, 0, which FFmpeg calls BGR0.
        out.clear();
        out.order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(rgb);
        disclosedFrames.add(disclosed);
        if (framesWritten % framesPerSegment == 0) {
            pendingSegments.add(framesWritten);
        }
        try {
            recorder.recordImage(format.width(), format.height(), Frame.DEPTH_UBYTE, 4, format.width() * 4,
                    avutil.AV_PIX_FMT_BGR0, out);
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the video encoder failed at frame " + framesWritten + ": " + e.getMessage(), e);
        }
        framesWritten++;
    }

    /** Encodes interleaved stereo samples at {@link #SAMPLE_RATE}, continuing where the last call stopped. */
    public void audio(float[] interleaved, int offset, int length) {
        if (length % CHANNELS != 0) {
            throw new IllegalArgumentException("stereo samples come in pairs");
        }
        try {
            recorder.recordSamples(SAMPLE_RATE, CHANNELS, FloatBuffer.wrap(interleaved, offset, length));
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the audio encoder failed: " + e.getMessage(), e);
        }
        samplesWritten += length / CHANNELS;
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
        sink.segment(new EncodedSegment(segmentsSent++, bytes, start, end - start, disclosed));
    }

    /** Flushes the encoders and hands on the last segment. */
    public void finish() {
        if (closed) {
            return;
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
    }

    @Override
    public void close() {
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
