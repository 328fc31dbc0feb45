package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The sound under a shot ({@code audio "PATH" [volume V]}): any file FFmpeg reads, decoded to
 * {@value #SAMPLE_RATE} Hz stereo and cut or padded with silence to the shot's length.
 */
public final class SoundTrack {

    /** Samples per second per channel of every sound track. */
    public static final int SAMPLE_RATE = 48_000;
    /** Channels of every sound track: left and right, interleaved. */
    public static final int CHANNELS = 2;

    static final String EXPECTED = "a sound file such as OGG, MP3, WAV, FLAC or M4A";

    private SoundTrack() {
    }

    /** How many samples per channel a stretch of {@code durationMs} holds. */
    public static int samplesFor(long durationMs) {
        return Math.toIntExact(durationMs * SAMPLE_RATE / 1000);
    }

    /**
     * Decodes {@code file} to interleaved stereo floats at {@value #SAMPLE_RATE} Hz, scaled by
     * {@code volume}: exactly {@code 2 * samplesFor(durationMs)} values, the file's start cut to the
     * shot's length or followed by silence. A mono file plays at full level on both sides; files with
     * more channels are mixed down to two.
     *
     * @param file       the sound; messages name it as given
     * @param volume     0 (silent) to 1 (as recorded)
     * @param durationMs the shot's length
     * @throws RenderException when the file is missing, empty, not a sound file, or holds no sound
     */
    public static float[] read(Path file, double volume, long durationMs) {
        if (!(volume >= 0 && volume <= 1)) {
            throw new RenderException("audio \"" + file + "\" has volume " + volume + ": expected a volume from 0 to 1");
        }
        MediaFiles.requireFile(file, "audio", EXPECTED);
        float[] out = new float[CHANNELS * samplesFor(durationMs)];
        FFmpegFrameGrabber grabber = MediaFiles.start(file, "audio", EXPECTED, g -> {
            g.setSampleRate(SAMPLE_RATE);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        });
        try {
            if (grabber.getAudioStream() < 0 || grabber.getAudioChannels() <= 0) {
                throw new RenderException("audio \"" + file + "\" has no sound in it"
                        + (grabber.getVideoStream() >= 0 ? " (it holds only pictures)" : "") + ": expected " + EXPECTED);
            }
            // FFmpeg lowers a mono source by 3 dB when it makes stereo; copying the one channel keeps its level.
            boolean mono = grabber.getAudioChannels() == 1;
            grabber.setAudioChannels(mono ? 1 : CHANNELS);
            int filled = decode(grabber, file, mono, (float) volume, out);
            if (filled == 0 && out.length > 0) {
                throw new RenderException("audio \"" + file + "\" holds no sound that could be decoded (damaged or cut short?): expected "
                        + EXPECTED);
            }
            return out;
        } finally {
            MediaFiles.closeQuietly(grabber);
        }
    }

    /** Fills {@code out} from the decoder; returns how many values came from the file. */
    private static int decode(FFmpegFrameGrabber grabber, Path file, boolean mono, float volume, float[] out) {
        int filled = 0;
        while (filled < out.length) {
            Frame frame;
            try {
                frame = grabber.grabSamples();
            } catch (Exception e) {
                throw new RenderException(String.format(Locale.ROOT, "audio \"%s\" could not be decoded after %.2fs (%s): expected %s",
                        file, filled / (double) (CHANNELS * SAMPLE_RATE), e.getMessage(), EXPECTED), e);
            }
            if (frame == null) {
                break;
            }
            if (frame.samples == null || !(frame.samples[0] instanceof FloatBuffer samples)) {
                continue;
            }
            if (mono) {
                while (samples.hasRemaining() && filled < out.length) {
                    float s = samples.get() * volume;
                    out[filled++] = s;
                    out[filled++] = s;
                }
            } else {
                int n = Math.min(samples.remaining(), out.length - filled);
                samples.get(out, filled, n);
                for (int i = filled; i < filled + n; i++) {
                    out[i] *= volume;
                }
                filled += n;
            }
        }
        return filled;
    }
}
