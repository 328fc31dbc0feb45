package io.branchline.renderer.encode;

import io.branchline.renderer.FfmpegLog;
import io.branchline.renderer.RenderException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes a visit's sound into raw AAC-LC frames (1024 samples each, stereo, 48 kHz, 128 kb/s),
 * with the same settings as the audio track the init segment declares. The frames are taken
 * from the encoder as ADTS and stripped of their headers, so the renderer, not a muxer,
 * decides where each frame goes on the timeline (see {@link AudioLayout}).
 *
 * <p>The encoder's first frame is its priming: it decodes to nothing that was fed in. It is
 * dropped here, so frame {@code i} of {@link #frames()} carries the sound from sample
 * {@code 1024 * i}; a decoder that starts on it fades the first 1024 samples in.
 */
final class AacEncoder implements AutoCloseable {

    /** Samples per channel in one AAC-LC frame. */
    static final int FRAME = 1024;

    private final FFmpegFrameRecorder recorder;
    private final AdtsReader adts = new AdtsReader();
    private final List<byte[]> frames = new ArrayList<>();
    private boolean primingDropped;
    private boolean closed;

    AacEncoder(int sampleRate, int channels) {
        FfmpegLog.quiet();
        recorder = new FFmpegFrameRecorder(adts, channels);
        recorder.setFormat("adts");
        recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
        recorder.setSampleRate(sampleRate);
        recorder.setAudioChannels(channels);
        recorder.setAudioBitrate(128_000);
        recorder.setAudioOption("flags", "+bitexact");
        recorder.setOption("fflags", "+bitexact");
        // Hand each frame on as it is encoded rather than when an I/O buffer fills: a segment
        // is sent as soon as the frames that cover it exist.
        recorder.setOption("flush_packets", "1");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the audio encoder could not start: " + e.getMessage(), e);
        }
    }

    /** Encodes interleaved samples, continuing where the last call stopped. */
    void encode(float[] interleaved, int offset, int length) {
        try {
            recorder.recordSamples(SceneEncoder.SAMPLE_RATE, SceneEncoder.CHANNELS, FloatBuffer.wrap(interleaved, offset, length));
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the audio encoder failed: " + e.getMessage(), e);
        }
    }

    /** Flushes the encoder: the last frames, the final one padded with silence, become available. */
    void finish() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new RenderException("the audio encoder could not finish: " + e.getMessage(), e);
        }
    }

    /** The frames encoded so far, priming dropped; frame {@code i} starts at sample {@code 1024 * i}. */
    List<byte[]> frames() {
        return frames;
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

    private void frame(byte[] raw) {
        if (!primingDropped) {
            primingDropped = true;
            return;
        }
        frames.add(raw);
    }

    /** Cuts the ADTS stream into frames as it arrives, dropping each 7- or 9-byte header. */
    private final class AdtsReader extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            pending.write(b);
            drain();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            drain();
        }

        private void drain() {
            byte[] data = pending.toByteArray();
            int pos = 0;
            while (data.length - pos >= 7) {
                if ((data[pos] & 0xFF) != 0xFF || (data[pos + 1] & 0xF0) != 0xF0) {
                    throw new IllegalStateException("the audio encoder wrote something other than ADTS");
                }
                int header = (data[pos + 1] & 0x01) == 1 ? 7 : 9;
                int length = ((data[pos + 3] & 0x03) << 11) | ((data[pos + 4] & 0xFF) << 3) | ((data[pos + 5] & 0xE0) >>> 5);
                if (length < header) {
                    throw new IllegalStateException("an ADTS frame of impossible length " + length);
                }
                if (data.length - pos < length) {
                    break;
                }
                byte[] raw = new byte[length - header];
                System.arraycopy(data, pos + header, raw, 0, raw.length);
                frame(raw);
                pos += length;
            }
            if (pos > 0) {
                pending.reset();
                pending.write(data, pos, data.length - pos);
            }
        }
    }
}
