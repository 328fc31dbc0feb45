package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.Retimer;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sound of visits played one after another, as the engine serves them: each visit's
 * segments moved onto the session's timeline by {@link Retimer}, after one init segment.
 * Checked with the ffprobe and ffmpeg that ship with FFmpeg's natives.
 */
class AudioJoinsTest {

    private static final RenderFormat FORMAT = new RenderFormat(240, 426, 30, 1000);
    private static final int RATE = 48000;
    /** Samples in one AAC frame: the most a visit's last frame may reach past its cut. */
    private static final int AAC_FRAME = 1024;

    @TempDir
    static Path root;

    private static Renders.Output first;
    private static Renders.Output second;
    private static Renders.Output third;

    @BeforeAll
    static void render() throws Exception {
        tone(root.resolve("tone.wav"), 3);
        first = visit("#204080", 2500);
        second = visit("#802040", 700);
        third = visit("#208040", 1300);
    }

    /** One audio packet as ffprobe reads it: where it starts and how long it lasts, in samples. */
    private record Packet(long pts, long duration) {
        long end() {
            return pts + duration;
        }
    }

    /** A visit on the session's timeline: its segments as served, and where its picture starts and ends. */
    private record Placed(List<byte[]> segments, long startSample, long endSample) {
    }

    @Test
    void visitsCutAfterAnySegmentJoinWithNoGapAndTheNextStartsExactlyAtTheCut() throws Exception {
        // The first visit is cut after its first segment (a pick), then the others play whole.
        List<Placed> path = place(List.of(first, second, third), List.of(1, 1, 2));
        List<Packet> audio = audioPackets(join(path));
        for (int v = 0; v < path.size(); v++) {
            Placed visit = path.get(v);
            List<Packet> own = within(audio, visit);
            assertEquals(visit.startSample(), own.get(0).pts(), "visit " + v + "'s sound starts with its first picture, to the sample");
            assertContiguous(own, "visit " + v);
            Packet last = own.get(own.size() - 1);
            assertTrue(last.end() >= visit.endSample() && last.end() < visit.endSample() + AAC_FRAME,
                    "visit " + v + "'s sound reaches its cut at " + visit.endSample() + " and overhangs it by less than one AAC frame"
                            + " (which the next visit's first frame overlaps, and MSE trims): ends at " + last.end());
        }
        Packet previousEnd = audio.get(0);
        for (Packet p : audio) {
            assertTrue(p.pts() <= previousEnd.end(), "no hole in the sound before " + p.pts() + " (the last packet ended at "
                    + previousEnd.end() + ")");
            previousEnd = p.end() > previousEnd.end() ? p : previousEnd;
        }
        assertTrue(previousEnd.end() >= path.get(2).endSample(), "the sound lasts as long as the pictures");
    }

    @Test
    void aVisitsSegmentsFollowOneAnotherExactly() throws Exception {
        assertEquals(List.of(30, 30, 15), first.segments().stream().map(EncodedSegment::frames).toList());
        List<Placed> whole = place(List.of(first), List.of(3));
        List<Packet> audio = audioPackets(join(whole));
        assertEquals(0, audio.get(0).pts(), "the sound starts with the picture");
        assertContiguous(audio, "the visit across its segment boundaries");
        long end = samples(first.scene().frames());
        Packet last = audio.get(audio.size() - 1);
        assertTrue(last.end() >= end && last.end() < end + AAC_FRAME, "the sound lasts to the end of the picture: " + last.end());
        // Each segment's own sound starts at or after its picture, by less than one frame, and
        // nothing of it is in another segment: cut after any of them, the visit ends as above.
        long at = 0;
        for (EncodedSegment s : first.segments()) {
            List<Packet> own = audioPackets(join(List.of(new Placed(List.of(s.bytes()), 0, 0))));
            long start = samples(s.startFrame());
            assertTrue(own.get(0).pts() >= start && own.get(0).pts() < start + AAC_FRAME, "segment " + s.index() + " starts at " + own.get(0).pts());
            assertEquals(at == 0 ? 0 : at, own.get(0).pts(), "segment " + s.index() + " starts where the one before ended");
            at = own.get(own.size() - 1).end();
        }
    }

    @Test
    void theSoundIsInStepWithThePictureToTheSample() throws Exception {
        // The sweep starts at sample 0 of the shot: decoded, it must line up with the source at lag 0
        // (the encoder's 1024-sample priming is not in the track).
        Path file = Renders.write(root, "first.mp4", join(place(List.of(first), List.of(3))));
        Path pcm = root.resolve("first.f32");
        FfmpegTools.Run decode = FfmpegTools.ffmpeg("-v", "error", "-y", "-i", file.toString(), "-map", "0:a", "-ac", "1", "-f", "f32le", pcm.toString());
        assertEquals(0, decode.exit(), decode.err());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[b.remaining() / 4];
        b.asFloatBuffer().get(x);
        int best = Integer.MIN_VALUE;
        double bestError = Double.MAX_VALUE;
        for (int lag = -1500; lag <= 1500; lag++) {
            double error = 0;
            for (int t = 20_000; t < 22_000; t++) {
                double d = x[t] - toneAt(t - lag);
                error += d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = lag;
            }
        }
        assertEquals(0, best, "the decoded sweep lags the source by " + best + " samples");
    }

    @Test
    void theJoinedVisitsDecodeWithoutAWarning() throws Exception {
        Path file = Renders.write(root, "joined.mp4", join(place(List.of(first, second, third), List.of(1, 1, 2))));
        FfmpegTools.Run decode = FfmpegTools.ffmpeg("-v", "warning", "-i", file.toString(), "-f", "null", "-");
        assertEquals(0, decode.exit(), decode.err());
        assertEquals("", decode.err().trim(), "ffmpeg decodes the joined visits with no warning");
    }

    private static void assertContiguous(List<Packet> packets, String what) {
        for (int i = 1; i < packets.size(); i++) {
            assertEquals(packets.get(i - 1).end(), packets.get(i).pts(), what + ": packet " + i + " starts where the one before ends");
        }
    }

    /** The visits' first {@code segments} segments each, one after another on one timeline. */
    private static List<Placed> place(List<Renders.Output> visits, List<Integer> segments) {
        Retimer retimer = new Retimer(visits.get(0).init());
        List<Placed> placed = new ArrayList<>();
        int frame = 0;
        for (int v = 0; v < visits.size(); v++) {
            List<EncodedSegment> kept = visits.get(v).segments().subList(0, segments.get(v));
            List<byte[]> moved = new ArrayList<>();
            for (EncodedSegment s : kept) {
                moved.add(retimer.shift(s.bytes(), frame, FORMAT.fps()));
            }
            int frames = kept.stream().mapToInt(EncodedSegment::frames).sum();
            placed.add(new Placed(moved, samples(frame), samples(frame + frames)));
            frame += frames;
        }
        return placed;
    }

    private static byte[] join(List<Placed> path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first.init());
        path.forEach(p -> p.segments().forEach(out::writeBytes));
        return out.toByteArray();
    }

    private static List<Packet> audioPackets(byte[] file) throws Exception {
        Path path = Files.createTempFile(root, "joined", ".mp4");
        Files.write(path, file);
        FfmpegTools.Run run = FfmpegTools.ffprobe("-v", "error", "-select_streams", "a", "-show_entries", "packet=pts,duration",
                "-of", "csv=p=0", path.toString());
        assertEquals(0, run.exit(), run.err());
        return run.out().lines().map(l -> l.split(",")).map(p -> new Packet(Long.parseLong(p[0]), Long.parseLong(p[1]))).toList();
    }

    private static List<Packet> within(List<Packet> audio, Placed visit) {
        return audio.stream().filter(p -> p.pts() >= visit.startSample() && p.pts() < visit.endSample()).toList();
    }

    private static long samples(int videoFrame) {
        return (long) videoFrame * RATE / FORMAT.fps();
    }

    private static Renders.Output visit(String color, long ms) {
        ResolvedShot shot = new ResolvedShot("color", ms, null, null, color, null, null, null, null, null, Step.Transition.CUT, null, 1,
                new Step.Audio("tone.wav", 1), false, 1);
        return Renders.render(root, FORMAT, List.of(shot), Renders.flatTools());
    }

    /** A sweep from 200 Hz up by 300 Hz a second: no two stretches of it look alike, so it lines up at one lag only. */
    private static double toneAt(int sample) {
        double t = (double) sample / RATE;
        return 0.5 * Math.sin(2 * Math.PI * (200 * t + 150 * t * t));
    }

    /** A 16-bit stereo WAV of the sweep at half level. */
    private static void tone(Path file, int seconds) throws Exception {
        int n = RATE * seconds;
        ByteBuffer data = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            short v = (short) Math.round(toneAt(i) * 32767);
            data.putShort(v).putShort(v);
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + n * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(RATE).putInt(RATE * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes()).putInt(n * 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        Files.write(file, out.toByteArray());
    }
}
