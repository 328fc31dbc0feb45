package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.Retimer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a player sees of the segments, checked with the ffprobe and ffmpeg that ship with FFmpeg's natives. */
class SegmentsTest {

    private static final RenderFormat FORMAT = new RenderFormat(480, 854, 30, 2000);
    private static Renders.Output first;
    private static Renders.Output second;

    @TempDir
    Path dir;

    @BeforeAll
    static void render() {
        first = Renders.render(FORMAT, List.of(
                Renders.withCaption(Renders.color("#204080", 2500), "Hello"),
                Renders.withTransition(Renders.title("A title card", 2000), "crossfade", 500)));
        second = Renders.render(FORMAT, List.of(Renders.generate("a storm at sea", 3000)));
    }

    @Test
    void segmentsAreH264AndAacOfTheFormatWithAKeyframeAtEveryStart() throws Exception {
        Path file = Renders.write(dir, "first.mp4", first.joined());
        FfmpegTools.Run streams = FfmpegTools.ffprobe("-v", "error", "-show_entries",
                "stream=codec_name,profile,width,height,pix_fmt,r_frame_rate,has_b_frames,sample_rate,channels", "-of", "compact", file.toString());
        assertEquals(0, streams.exit(), streams.err());
        assertTrue(streams.out().contains("codec_name=h264|profile=Constrained Baseline|width=480|height=854|has_b_frames=0|pix_fmt=yuv420p|r_frame_rate=30/1"),
                streams.out());
        assertTrue(streams.out().contains("codec_name=aac|profile=LC|sample_rate=48000|channels=2"), streams.out());

        assertEquals(3, first.segments().size(), "4.5 s in 2 s segments: 2 s, 2 s and a shorter last one");
        assertEquals(List.of(60, 60, 15), first.segments().stream().map(EncodedSegment::frames).toList());
        FfmpegTools.Run packets = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0", file.toString());
        List<String> keyframes = packets.out().lines().filter(l -> l.endsWith("K__")).map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("0.000000", "2.000000", "4.000000"), keyframes, "a keyframe exactly at every segment start");
        assertEquals(135, packets.out().lines().count(), "4.5 s at 30 fps");

        FfmpegTools.Run duration = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries", "stream=duration",
                "-of", "csv=p=0", file.toString());
        assertEquals(4.5, Double.parseDouble(duration.out().trim()), 0.001);
    }

    @Test
    void everySegmentHoldsAudio() throws Exception {
        for (EncodedSegment s : first.segments()) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            one.writeBytes(first.init());
            one.writeBytes(s.bytes());
            Path file = Renders.write(dir, "seg" + s.index() + ".mp4", one.toByteArray());
            FfmpegTools.Run audio = FfmpegTools.ffprobe("-v", "error", "-select_streams", "a", "-show_entries", "packet=pts_time",
                    "-of", "csv=p=0", file.toString());
            assertTrue(audio.out().lines().count() > 5, "segment " + s.index() + " has audio packets: " + audio.out());
        }
    }

    @Test
    void twoScenesJoinAfterOneInitAndDecodeCleanly() throws Exception {
        assertArrayEquals(first.init(), second.init(), "every scene of a format has the same init segment");
        Retimer retimer = new Retimer(first.init());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first.init());
        first.segments().forEach(s -> joined.writeBytes(s.bytes()));
        second.segments().forEach(s -> joined.writeBytes(retimer.shift(s.bytes(), first.scene().frames(), FORMAT.fps())));
        Path file = Renders.write(dir, "joined.mp4", joined.toByteArray());
        FfmpegTools.Run decode = FfmpegTools.ffmpeg("-v", "warning", "-i", file.toString(), "-f", "null", "-");
        assertEquals(0, decode.exit(), decode.err());
        assertEquals("", decode.err().trim(), "ffmpeg decodes the two scenes with no warning");
        FfmpegTools.Run keys = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0", file.toString());
        List<String> keyframes = keys.out().lines().filter(l -> l.endsWith("K__")).map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("0.000000", "2.000000", "4.000000", "4.500000", "6.500000"), keyframes, "the second scene follows on one timeline");
        FfmpegTools.Run audio = FfmpegTools.ffprobe("-v", "error", "-select_streams", "a", "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", file.toString());
        double[] times = audio.out().lines().mapToDouble(Double::parseDouble).toArray();
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1], "audio times only go forward: " + times[i - 1] + " then " + times[i]);
        }
    }

    @Test
    void theSameSceneGivesTheSameBytes() {
        Renders.Output again = Renders.render(FORMAT, List.of(
                Renders.withCaption(Renders.color("#204080", 2500), "Hello"),
                Renders.withTransition(Renders.title("A title card", 2000), "crossfade", 500)));
        assertEquals(first.scene().key(), again.scene().key());
        assertArrayEquals(first.init(), again.init());
        for (int i = 0; i < first.segments().size(); i++) {
            assertArrayEquals(first.segments().get(i).bytes(), again.segments().get(i).bytes(), "segment " + i);
        }
    }

    @Test
    void segmentsWithGeneratedFramesAreReported() {
        assertTrue(second.segments().stream().allMatch(EncodedSegment::disclosed));
        assertTrue(first.segments().stream().noneMatch(EncodedSegment::disclosed));
        assertTrue(second.scene().segments().stream().allMatch(RenderedScene.SegmentInfo::disclosed));
    }

    @Test
    void anythingThatChangesThePictureChangesTheKey() {
        RenderTools tools = Renders.flatTools();
        SceneRequest base = new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(Renders.color("#204080", 2500)));
        String key = ContentKey.of(base, tools);
        assertEquals(key, ContentKey.of(new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(Renders.color("#204080", 2500))), tools));
        for (SceneRequest changed : List.of(
                new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(Renders.color("#204081", 2500))),
                new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(Renders.color("#204080", 2600))),
                new SceneRequest(Path.of("."), FORMAT, "KI-generiert", List.of(Renders.color("#204080", 2500))),
                new SceneRequest(Path.of("."), new RenderFormat(480, 854, 24, 2000), "AI-generated", List.of(Renders.color("#204080", 2500))),
                new SceneRequest(Path.of("."), FORMAT, "AI-generated", List.of(Renders.withCaption(Renders.color("#204080", 2500), "x"))))) {
            assertNotEquals(key, ContentKey.of(changed, tools), changed.toString());
        }
        assertEquals(64, key.length());
        assertTrue(Arrays.stream(key.split("")).allMatch(c -> "0123456789abcdef".contains(c)));
    }
}
