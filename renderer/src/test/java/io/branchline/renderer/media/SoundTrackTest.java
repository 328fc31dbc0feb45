package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoundTrackTest {

    @TempDir
    Path dir;

    @Test
    void aMonoWavBecomes48kStereoOfTheShotsLengthAtHalfVolume() throws IOException {
        Path file = Fixtures.wav(dir.resolve("tone.wav"), 44_100, Fixtures.sine(440, 0.8, 44_100, 1.0));
        float[] pcm = SoundTrack.read(file, 0.5, 1000);

        assertEquals(2 * 48_000, pcm.length);
        float peak = 0;
        for (int i = 0; i < 2 * 47_000; i += 2) {
            assertEquals(pcm[i], pcm[i + 1], "left and right of a mono file are the same");
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        assertEquals(0.4, peak, 0.01, "0.8 at volume 0.5");
        assertEquals(440, crossingsPerSecond(pcm, 0, 24_000, 48_000), 2, "still 440 Hz after resampling");
        assertEquals(0.4 / Math.sqrt(2), rms(pcm, 0, 4_800, 20_000), 0.005);
    }

    @Test
    void aShorterSoundIsFollowedBySilenceAndALongerOneIsCut() throws IOException {
        Path file = Fixtures.wav(dir.resolve("tone.wav"), 48_000, Fixtures.sine(440, 0.5, 48_000, 1.0));

        float[] padded = SoundTrack.read(file, 1, 1500);
        assertEquals(2 * 72_000, padded.length);
        assertEquals(0.5 / Math.sqrt(2), rms(padded, 0, 10_000, 40_000), 0.005);
        assertEquals(0, rms(padded, 0, 48_100, 72_000), 0.0, "silence after the sound ends");

        float[] cut = SoundTrack.read(file, 1, 500);
        assertEquals(2 * 24_000, cut.length);
        assertEquals(0.5 / Math.sqrt(2), rms(cut, 1, 20_000, 24_000), 0.005, "sound up to the last sample");
    }

    @Test
    void stereoChannelsStayApartAndVolumeZeroIsSilent() throws IOException {
        Path file = Fixtures.wav(dir.resolve("left.wav"), 48_000, Fixtures.sine(330, 0.6, 48_000, 0.5), new float[24_000]);
        float[] pcm = SoundTrack.read(file, 1, 500);
        assertEquals(0.6 / Math.sqrt(2), rms(pcm, 0, 0, 24_000), 0.005, "left");
        assertEquals(0, rms(pcm, 1, 0, 24_000), 1e-6, "right");
        assertEquals(0, rms(SoundTrack.read(file, 0, 500), 0, 0, 24_000), 0.0);
    }

    @Test
    void compressedFormatsDecode() throws Exception {
        Path wav = Fixtures.wav(dir.resolve("tone.wav"), 44_100, Fixtures.sine(440, 0.5, 44_100, 1.0));
        String[][] encodings = {{"tone.mp3", "libmp3lame"}, {"tone.ogg", "libopus"}, {"tone.m4a", "aac"}, {"tone.flac", "flac"}};
        for (String[] encoding : encodings) {
            Path file = dir.resolve(encoding[0]);
            Fixtures.ffmpeg("-i", wav.toString(), "-c:a", encoding[1], file.toString());
            float[] pcm = SoundTrack.read(file, 1, 800);
            assertEquals(2 * 38_400, pcm.length, encoding[0]);
            assertEquals(0.5 / Math.sqrt(2), rms(pcm, 0, 9_600, 33_600), 0.02, encoding[0]);
            assertEquals(440, crossingsPerSecond(pcm, 0, 9_600, 33_600), 3, encoding[0]);
        }
    }

    @Test
    void anEmptyFileIsReported() throws IOException {
        Path file = Files.write(dir.resolve("steps.ogg"), new byte[0]);
        RenderException e = assertThrows(RenderException.class, () -> SoundTrack.read(file, 1, 1000));
        assertEquals("audio \"" + file + "\" is empty (0 bytes): expected a sound file such as OGG, MP3, WAV, FLAC or M4A",
                e.getMessage());
    }

    @Test
    void aVideoWithoutSoundIsReported() throws IOException {
        Path file = Fixtures.clip(dir.resolve("silent.mp4"), 64, 48, 10, 1);
        RenderException e = assertThrows(RenderException.class, () -> SoundTrack.read(file, 1, 1000));
        assertEquals("audio \"" + file + "\" has no sound in it (it holds only pictures): expected a sound file such as OGG, "
                + "MP3, WAV, FLAC or M4A", e.getMessage());
    }

    @Test
    void randomBytesAMissingFileAndABadVolumeAreReported() throws IOException {
        byte[] junk = new byte[10_000];
        new Random(2).nextBytes(junk);
        Path file = Files.write(dir.resolve("noise.mp3"), junk);
        RenderException e = assertThrows(RenderException.class, () -> SoundTrack.read(file, 1, 1000));
        assertTrue(e.getMessage().startsWith("audio \"" + file + "\" "), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected a sound file such as OGG, MP3, WAV, FLAC or M4A"), e.getMessage());

        e = assertThrows(RenderException.class, () -> SoundTrack.read(Path.of("assets/steps.ogg"), 1, 1000));
        assertEquals("audio \"assets/steps.ogg\" was not found: expected a sound file such as OGG, MP3, WAV, FLAC or M4A "
                + "at that path", e.getMessage());

        e = assertThrows(RenderException.class, () -> SoundTrack.read(file, 1.5, 1000));
        assertEquals("audio \"" + file + "\" has volume 1.5: expected a volume from 0 to 1", e.getMessage());
    }

    private static double rms(float[] pcm, int channel, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += pcm[2 * i + channel] * pcm[2 * i + channel];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double crossingsPerSecond(float[] pcm, int channel, int from, int to) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (pcm[2 * (i - 1) + channel] < 0 && pcm[2 * i + channel] >= 0) {
                crossings++;
            }
        }
        return crossings * 48_000.0 / (to - from);
    }
}
