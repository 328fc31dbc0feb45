package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.compose.Captions;
import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.encode.Retimer;
import io.branchline.renderer.neural.NeuralModels;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draft and rough tiers against the full tier of the same visits, rendered with the real neural
 * generator and styler: what a player gets must fit together segment by segment (init segment,
 * timing, sound), and the pictures must be close, with the label and captions as crisp.
 * Checked with the ffprobe and ffmpeg that ship with FFmpeg's natives.
 */
class DraftTierTest {

    private static final RenderFormat FORMAT = new RenderFormat(480, 854, 30, 1000);
    private static final String LABEL = "AI-generated";

    @TempDir
    static Path root;

    private static NeuralModels models;
    private static RenderTools tools;
    /** A generated shot with a caption, a styled title crossfading in, a plain title: 4 s, four segments. */
    private static Renders.Output full;
    private static Renders.Output draft;
    private static Renders.Output rough;
    /** Another scene: a generated shot and a colour, 1.5 s. */
    private static Renders.Output otherFull;
    private static Renders.Output otherDraft;

    @BeforeAll
    static void render() throws Exception {
        writeTone(root.resolve("tone.wav"), 5);
        models = NeuralModels.cppn();
        tools = new RenderTools(models::generator, models::styler);
        Step.Audio tone = new Step.Audio("tone.wav", 1);
        List<ResolvedShot> visit = List.of(
                new ResolvedShot("generate", 2000, "a lighthouse on a cliff in a storm at night", null, null, null, null, null, null,
                        "The keeper climbs the stairs.", Step.Transition.CUT, null, 11L, tone, true, 1),
                new ResolvedShot("title", 1000, null, "Chapter two", null, null, null, null, null, null,
                        new Step.Transition("crossfade", 300), "oil painting", 11L, tone, true, 2),
                new ResolvedShot("title", 1000, null, "Morning", null, null, null, null, null, null, Step.Transition.CUT, null, 11L,
                        tone, false, 3));
        List<ResolvedShot> other = List.of(
                new ResolvedShot("generate", 1000, "a red kite over green hills", null, null, null, null, null, null, null,
                        Step.Transition.CUT, null, 5L, tone, true, 1),
                Renders.color("#204080", 500));
        full = render(visit, RenderTier.FULL);
        draft = render(visit, RenderTier.DRAFT);
        rough = render(visit, RenderTier.ROUGH);
        otherFull = render(other, RenderTier.FULL);
        otherDraft = render(other, RenderTier.DRAFT);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void theInitSegmentIsTheFullTiersByteForByte() {
        assertArrayEquals(full.init(), draft.init());
        assertArrayEquals(full.init(), rough.init());
        assertArrayEquals(full.init(), otherDraft.init(), "one init segment per format, whatever the visit and the tier");
    }

    @Test
    void segmentsHaveTheSameBoundariesTimesAndSound() throws Exception {
        assertEquals(4, full.segments().size());
        for (Renders.Output cheaper : List.of(draft, rough)) {
            assertEquals(full.segments().size(), cheaper.segments().size());
            for (int i = 0; i < full.segments().size(); i++) {
                EncodedSegment f = full.segments().get(i);
                EncodedSegment d = cheaper.segments().get(i);
                assertEquals(f.startFrame(), d.startFrame(), "segment " + i + " starts at the same frame");
                assertEquals(f.frames(), d.frames(), "segment " + i + " has as many frames");
                assertEquals(f.disclosed(), d.disclosed(), "segment " + i + " is disclosed alike");
                assertEquals(videoSpan(full, i), videoSpan(cheaper, i), "segment " + i + ": video from and to the same times, keyframe first");
                assertEquals(packets(full, i, "a", "pts,duration,size"), packets(cheaper, i, "a", "pts,duration,size"),
                        "segment " + i + ": the same audio sample times and sizes");
                byte[] sound = audioBytes(full, i);
                assertTrue(sound.length > 2000, "segment " + i + " carries the tone: " + sound.length + " bytes of AAC");
                assertArrayEquals(sound, audioBytes(cheaper, i), "segment " + i + ": the same AAC bytes");
            }
        }
    }

    @Test
    void aDraftGivesTheEncoderOnlyTheFramesItPaints() {
        // The generated shot (segments 0 and 1) is painted on every other frame, and the frames
        // between are held, not encoded, but for each segment's first two (their first two samples
        // show the story's frame rate); the plain title (segment 3) is painted on every frame.
        List<Integer> fullSamples = new ArrayList<>();
        List<Integer> draftSamples = new ArrayList<>();
        List<Integer> roughSamples = new ArrayList<>();
        for (int i = 0; i < full.segments().size(); i++) {
            fullSamples.add(packets(full, i, "v", "pts").size());
            draftSamples.add(packets(draft, i, "v", "pts").size());
            roughSamples.add(packets(rough, i, "v", "pts").size());
        }
        assertEquals(List.of(30, 30, 30, 30), fullSamples);
        assertEquals(16, draftSamples.get(0), "the generated shot's first second: every other frame, and frame 1");
        assertEquals(17, draftSamples.get(1), "and the shot's last frame, which the next shot's transition starts from");
        assertEquals(30, draftSamples.get(3), "the plain title is not drafted");
        // The rough tier: every fourth frame, and the held picture again at each segment's first two
        // frames (a keyframe first) and at the shot's last frame.
        assertEquals(9, roughSamples.get(0), "the generated shot's first second: every fourth frame, and frame 1");
        assertEquals(10, roughSamples.get(1), "frames 32, 36, ... 56, the segment's first two frames and the shot's last");
        assertTrue(roughSamples.get(2) < draftSamples.get(2), "the styled title: fewer frames than the draft's " + roughSamples);
        assertEquals(30, roughSamples.get(3), "the plain title is not drafted");
    }

    @Test
    void aStreamThatMixesTheTiersSegmentBySegmentDecodesWithNoWarning() throws Exception {
        // What a session may serve: the first visit's segment 0 as a rough draft, segment 1 as a
        // draft, then the full tier from segment 2 on; another scene as a draft; the first scene
        // again, at full quality.
        Retimer retimer = new Retimer(full.init());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(full.init());
        stream.writeBytes(rough.segments().get(0).bytes());
        stream.writeBytes(draft.segments().get(1).bytes());
        for (int i = 2; i < full.segments().size(); i++) {
            stream.writeBytes(full.segments().get(i).bytes());
        }
        int at = full.scene().frames();
        for (EncodedSegment s : otherDraft.segments()) {
            stream.writeBytes(retimer.shift(s.bytes(), at, FORMAT.fps()));
        }
        at += otherDraft.scene().frames();
        for (EncodedSegment s : full.segments()) {
            stream.writeBytes(retimer.shift(s.bytes(), at, FORMAT.fps()));
        }
        at += full.scene().frames();
        Path file = Renders.write(root, "mixed.mp4", stream.toByteArray());

        FfmpegTools.Run decode = FfmpegTools.ffmpeg("-v", "warning", "-i", file.toString(), "-f", "null", "-");
        assertEquals(0, decode.exit(), decode.err());
        assertEquals("", decode.err().trim(), "ffmpeg decodes the mixed stream with no warning");
        FfmpegTools.Run rate = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries", "stream=r_frame_rate",
                "-of", "csv=p=0", file.toString());
        assertEquals("30/1", rate.out().trim(), "FFmpeg reads the story's frame rate from a stream that starts with a rough draft");
        FfmpegTools.Run count = FfmpegTools.ffprobe("-v", "error", "-count_frames", "-count_packets", "-select_streams", "v",
                "-show_entries", "stream=nb_read_frames,nb_read_packets", "-of", "csv=p=0", file.toString());
        String[] counts = count.out().trim().split(",");
        assertEquals(counts[1], counts[0], "every sample decodes into a picture");
        FfmpegTools.Run last = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries", "packet=pts,duration",
                "-of", "csv=p=0", file.toString());
        String[] end = last.out().lines().reduce((a, b) -> b).orElseThrow().split(",");
        assertEquals(at * 512L, Long.parseLong(end[0]) + Long.parseLong(end[1]), "the video ends after 120 + 45 + 120 frames");
        assertEquals(285, at);
        FfmpegTools.Run keys = FfmpegTools.ffprobe("-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0", file.toString());
        List<String> keyframes = keys.out().lines().filter(l -> l.endsWith("K__")).map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("0.000000", "1.000000", "2.000000", "3.000000", "4.000000", "5.000000", "5.500000", "6.500000",
                "7.500000", "8.500000"), keyframes, "one timeline, a keyframe at every segment start");
    }

    @Test
    void draftPicturesAreCloseToTheFullOnes() throws Exception {
        List<BufferedImage> f = decoded(full);
        List<BufferedImage> d = decoded(draft);
        assertEquals(120, f.size());
        assertEquals(120, d.size());
        // Measured here: 38.6 dB at worst over the generated shot (painted at a quarter of the
        // width and height), 30.3 dB over the styled title (its text and the style's grain are
        // drawn at half size), 53.2 dB over the plain title, which both tiers paint alike.
        double generated = worst(f, d, 0, 60);
        assertTrue(generated >= 34, "the generated shot's frames: " + generated + " dB at worst");
        double styled = worst(f, d, 60, 90);
        assertTrue(styled >= 26, "the styled title's frames: " + styled + " dB at worst");
        double title = worst(f, d, 90, 120);
        assertTrue(title >= 45, "the plain title's frames: " + title + " dB at worst");
    }

    @Test
    void roughPicturesAreTheDraftsHeldTwiceAsLong() throws Exception {
        List<BufferedImage> f = decoded(full);
        List<BufferedImage> d = decoded(draft);
        List<BufferedImage> r = decoded(rough);
        assertEquals(120, r.size());
        // A painted rough frame is the draft's picture (up to the encoder's history); the three
        // after it show it again, so they trail the full frames by up to three frames of motion.
        double painted = Double.MAX_VALUE;
        for (int i = 0; i < 56; i += 4) {
            painted = Math.min(painted, psnr(d.get(i), r.get(i), 0, 0, FORMAT.width(), FORMAT.height()));
        }
        assertTrue(painted >= 38, "a painted rough frame is the draft's: " + painted + " dB at worst");
        for (int i = 1; i < 56; i++) {
            if (i % 4 != 0) {
                // Where a held picture is encoded again (a segment's first two frames), the encoder
                // shows it again within a few levels; elsewhere it is the very same picture.
                double held = psnr(r.get(i - 1), r.get(i), 0, 0, FORMAT.width(), FORMAT.height());
                assertTrue(held >= (i % 30 <= 1 ? 38 : 99), "frame " + i + " holds the picture before it: " + held + " dB");
            }
        }
        double generated = worst(f, r, 0, 60);
        assertTrue(generated >= 28, "the generated shot's frames against full quality: " + generated + " dB at worst");
        double title = worst(f, r, 90, 120);
        assertTrue(title >= 45, "the plain title's frames: " + title + " dB at worst");
    }

    @Test
    void theLabelAndTheCaptionAreAsCrispAsAtFullQuality() throws Exception {
        List<BufferedImage> f = decoded(full);
        List<BufferedImage> d = decoded(draft);
        int[] label = Captions.disclosure(LABEL, FORMAT).bounds();
        int[] caption = Captions.caption("The keeper climbs the stairs.", FORMAT).bounds();
        double worstLabel = 99;
        double worstCaption = 99;
        double labelSharp = 1;
        double captionSharp = 1;
        for (int i = 0; i < 90; i++) {
            worstLabel = Math.min(worstLabel, psnr(f.get(i), d.get(i), label[0], label[1], label[2], label[3]));
            labelSharp = Math.min(labelSharp, edges(d.get(i), label) / edges(f.get(i), label));
            if (i < 60) {
                worstCaption = Math.min(worstCaption, psnr(f.get(i), d.get(i), caption[0], caption[1], caption[2], caption[3]));
                captionSharp = Math.min(captionSharp, edges(d.get(i), caption) / edges(f.get(i), caption));
            }
        }
        // Measured here: 37.9 dB and 99.7% of the edges for the label, 39.1 dB and 99.7% for the
        // caption. A label drawn at half size and scaled up keeps about 75% of its edges.
        assertTrue(worstLabel >= 33, "the label matches the full tier's: " + worstLabel + " dB at worst");
        assertTrue(labelSharp >= 0.95, "the label is as sharp as at full quality: " + labelSharp + " of its edges");
        assertTrue(worstCaption >= 33, "the caption matches the full tier's: " + worstCaption + " dB at worst");
        assertTrue(captionSharp >= 0.95, "the caption is as sharp as at full quality: " + captionSharp + " of its edges");
    }

    /** The sum of absolute differences between horizontal neighbours' green levels over a rectangle: how sharp it is. */
    private static double edges(BufferedImage image, int[] r) {
        double sum = 0;
        for (int y = r[1]; y < r[1] + r[3]; y++) {
            for (int x = r[0]; x + 1 < r[0] + r[2]; x++) {
                sum += Math.abs((image.getRGB(x, y) >> 8 & 255) - (image.getRGB(x + 1, y) >> 8 & 255));
            }
        }
        return sum;
    }

    private static double worst(List<BufferedImage> a, List<BufferedImage> b, int from, int to) {
        double worst = Double.MAX_VALUE;
        for (int i = from; i < to; i++) {
            worst = Math.min(worst, psnr(a.get(i), b.get(i), 0, 0, FORMAT.width(), FORMAT.height()));
        }
        return worst;
    }

    private static List<BufferedImage> decoded(Renders.Output output) throws Exception {
        return Renders.shown(Files.write(Files.createTempFile(root, "visit", ".mp4"), output.joined()), FORMAT.fps(),
                output.scene().frames());
    }

    /** Peak signal-to-noise ratio over the RGB channels of a rectangle, in dB (99 for identical pixels). */
    private static double psnr(BufferedImage a, BufferedImage b, int x, int y, int w, int h) {
        double squares = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int p = a.getRGB(i, j);
                int q = b.getRGB(i, j);
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = (p >> shift & 255) - (q >> shift & 255);
                    squares += d * d;
                }
            }
        }
        double mse = squares / (3.0 * w * h);
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** The AAC bytes of one segment's audio, as ffmpeg copies them out. */
    private static byte[] audioBytes(Renders.Output output, int segment) throws Exception {
        Path in = single(output, segment);
        Path out = root.resolve(in.getFileName() + ".aac");
        FfmpegTools.Run run = FfmpegTools.ffmpeg("-v", "error", "-y", "-i", in.toString(), "-map", "0:a", "-c", "copy", "-f", "data", out.toString());
        assertEquals(0, run.exit(), run.err());
        return Files.readAllBytes(out);
    }

    /**
     * One segment's video as a player times it: its first sample's time, where its last ends
     * (both in the track's timescale), and its keyframes; checked here to follow one another
     * with no gap.
     */
    private static String videoSpan(Renders.Output output, int segment) {
        List<String> samples = packets(output, segment, "v", "pts,duration,flags");
        long from = Long.parseLong(samples.get(0).split(",")[0]);
        long end = from;
        List<Integer> keyframes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            String[] sample = samples.get(i).split(",");
            assertEquals(end, Long.parseLong(sample[0]), "segment " + segment + ", sample " + i + " starts where the one before ends");
            end += Long.parseLong(sample[1]);
            if (sample[2].startsWith("K")) {
                keyframes.add(i);
            }
        }
        return from + " to " + end + ", keyframes " + keyframes;
    }

    private static List<String> packets(Renders.Output output, int segment, String stream, String entries) {
        FfmpegTools.Run run = FfmpegTools.ffprobe("-v", "error", "-select_streams", stream, "-show_entries", "packet=" + entries,
                "-of", "csv=p=0", single(output, segment).toString());
        assertEquals(0, run.exit(), run.err());
        return run.out().lines().toList();
    }

    /** The init segment and one media segment, as a player would fetch them. */
    private static Path single(Renders.Output output, int segment) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(output.init());
        b.writeBytes(output.segments().get(segment).bytes());
        try {
            return Files.write(Files.createTempFile(root, "segment" + segment + "-", ".mp4"), b.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Renders.Output render(List<ResolvedShot> shots, RenderTier tier) {
        return Renders.render(new SceneRequest(root, FORMAT, LABEL, shots), tools, tier);
    }

    /** A 16-bit stereo WAV of a sweep from 200 Hz up by 300 Hz a second, at half level. */
    private static void writeTone(Path file, int seconds) throws Exception {
        int rate = 48000;
        int n = rate * seconds;
        ByteBuffer data = ByteBuffer.allocate(44 + n * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes()).putInt(36 + n * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(rate).putInt(rate * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes()).putInt(n * 4);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            short v = (short) Math.round(0.5 * Math.sin(2 * Math.PI * (200 * t + 150 * t * t)) * 32767);
            data.putShort(v).putShort(v);
        }
        Files.write(file, data.array());
    }
}
