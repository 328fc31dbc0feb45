package io.branchline.renderer;

import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.mark.MarkReading;
import io.branchline.renderer.mark.MarkedVideo;
import io.branchline.renderer.neural.NeuralModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the invisible watermark survives: 6 marked 2 s visits per size, each changed by the ffmpeg
 * of the natives jar in the ways docs/trust.md lists, and read back; prints a line per change.
 * A measurement, not a check (several changes are expected to lose the mark), so it runs only
 * when asked for (2 to 6 minutes on 2 cores; {@code -Dsizes=480x854} for one size):
 * {@code mvn -B -o test -pl renderer -am -Dtest=WatermarkRobustness -Dsurefire.failIfNoSpecifiedTests=false -Dbranchline.robustness=true},
 * then {@code grep ROB renderer/target/surefire-reports/*WatermarkRobustness-output.txt}.
 */
@EnabledIfSystemProperty(named = "branchline.robustness", matches = "true")
class WatermarkRobustness {

    @Test
    void measure() throws Exception {
        Path dir = Files.createTempDirectory("mr");
        String[] prompts = {"a lighthouse on a cliff in a storm at night", "a neon city street in the rain", "sunflowers under a blue sky",
                "a fortune teller's tent lit by candles", "waves breaking on black rocks", "a desert at noon with heat haze"};
        String[][] chains = {
            {"crf28 half", "-c:v", "libx264", "-crf", "28", "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2"},
            {"crf35 half", "-c:v", "libx264", "-crf", "35", "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2"},
            {"crf28 quarter", "-c:v", "libx264", "-crf", "28", "-vf", "scale=trunc(iw/8)*2:trunc(ih/8)*2"},
            {"crf23 full", "-c:v", "libx264", "-crf", "23"},
            {"crf28 half 24fps", "-c:v", "libx264", "-crf", "28", "-r", "24", "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2"},
            {"crf28 stretched square", "-c:v", "libx264", "-crf", "28", "-vf", "scale=360:360"},
            {"crf28 brighter+contrast", "-c:v", "libx264", "-crf", "28", "-vf", "eq=brightness=0.06:contrast=1.15"},
            {"crf28 crop 2% per side", "-c:v", "libx264", "-crf", "28", "-vf", "crop=trunc(iw*0.96/2)*2:trunc(ih*0.96/2)*2"},
            {"crf28 crop 10% per side", "-c:v", "libx264", "-crf", "28", "-vf", "crop=trunc(iw*0.8/2)*2:trunc(ih*0.8/2)*2"},
            {"crf28 rotate 1deg", "-c:v", "libx264", "-crf", "28", "-vf", "rotate=PI/180"},
            {"crf28 rotate 5deg", "-c:v", "libx264", "-crf", "28", "-vf", "rotate=5*PI/180"},
            {"crf28 hflip", "-c:v", "libx264", "-crf", "28", "-vf", "hflip"},
            {"crf28 letterboxed 16:9", "-c:v", "libx264", "-crf", "28", "-vf", "scale=-2:360,pad=640:360:(ow-iw)/2:0"},
            {"crf28 half first 0.5 s", "-c:v", "libx264", "-crf", "28", "-t", "0.5", "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2"},
            {"one frame png", "-frames:v", "1"},
            {"one frame jpeg q5 half", "-frames:v", "1", "-q:v", "5", "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2"},
        };
        Map<String, int[]> tally = new LinkedHashMap<>();
        try (NeuralModels models = NeuralModels.cppn()) {
            RenderTools tools = new RenderTools(models::generator, models::styler, OptionalInt.of(0x5EED1234));
            for (String size : System.getProperty("sizes", "480x854,720x1280").split(",")) {
                String[] wh = size.split("x");
                RenderFormat f = new RenderFormat(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 30, 2000);
                for (int s = 0; s < prompts.length; s++) {
                    SceneRequest req = new SceneRequest(dir, f, "AI-generated", List.of(Renders.generate(prompts[s], 2000)));
                    MarkPayload expected = new MarkPayload(0x5EED1234, ContentKey.visitId(req, tools));
                    Renders.Output o = Renders.render(dir, f, req.shots(), tools);
                    Path src = dir.resolve("src.mp4");
                    Files.write(src, o.joined());
                    for (String[] c : chains) {
                        String ext = c[0].contains("png") ? ".png" : c[0].contains("jpeg") ? ".jpg" : ".mp4";
                        Path out = dir.resolve("out" + ext);
                        List<String> args = new ArrayList<>(List.of("-y", "-v", "error", "-i", src.toString(), "-an"));
                        args.addAll(Arrays.asList(c).subList(1, c.length));
                        args.add(out.toString());
                        FfmpegTools.Run r = FfmpegTools.ffmpeg(args.toArray(String[]::new));
                        if (r.exit() != 0) throw new AssertionError(c[0] + r.err());
                        MarkedVideo.Result res = MarkedVideo.read(out);
                        MarkReading w = res.windows().get(0);
                        int[] t = tally.computeIfAbsent(size + " " + c[0], k -> new int[4]);
                        t[0]++;
                        if (w.found() && w.payload().get().equals(expected)) t[1]++;
                        else if (w.found()) t[2]++;
                        t[3] += (int) Math.round(w.strength() * 100);
                    }
                }
            }
        }
        tally.forEach((k, t) -> System.out.printf("ROB %-36s recovered %d of %d, wrong %d, mean strength %.2f%n", k, t[1], t[0], t[2], t[3] / 100.0 / t[0]));
    }
}
