package io.branchline.engine.cli;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.engine.render.PathPlanner;
import io.branchline.engine.render.PathRenderer;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.RenderTools;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.StageTimes;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.SceneVisit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline render FILE --out DIR [--path SCENE,...]}: renders a path through a story to HLS. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders the scenes along a path through a story into a folder, with a playable index.m3u8 for the whole path.",
                "Without --path, the path is the one a viewer who never picks sees: every default, from the start to an end.",
                "Each scene visit is kept under DIR/scenes/KEY/ and reused by later renders with the same content key."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:rendered", "1:the story has errors, or an asset or the path is wrong (the reason is printed)", "2:bad usage"})
final class RenderCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the story's main .story file")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to render into (created if missing)")
    Path out;

    @Option(names = "--path", paramLabel = "SCENE,SCENE,...", split = ",", description = "the scenes to go through, in order")
    List<String> path;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "the data folder whose signing key signs the video and whose server id the watermark carries, as serve uses it (default ${DEFAULT-VALUE})")
    Path data;

    @CommandLine.Mixin
    SigningFlags signing = new SigningFlags();

    @CommandLine.Mixin
    ModelsFlag modelsFlag = new ModelsFlag();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such story file: '" + file + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompileResult result = PolicedCompiler.compile(file);
        for (Diagnostic d : result.diagnostics()) {
            err.print(DiagnosticPrinter.print(d));
        }
        if (!result.ok()) {
            err.println("render: '" + file + "' has " + CheckCommand.plural(result.errorCount(), "error", "errors") + "; fix them first");
            err.flush();
            return 1;
        }
        int serverId;
        try {
            serverId = io.branchline.engine.trust.ServerId.loadOrCreate(data);
        } catch (java.io.IOException e) {
            err.println("render: cannot keep the server id in " + data + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        io.branchline.renderer.provenance.Credential credential;
        try {
            credential = signing.credential(data, serverId);
        } catch (io.branchline.engine.trust.SigningIdentity.Unusable e) {
            err.println("render: cannot sign: " + e.getMessage());
            err.flush();
            return 1;
        }
        Path models;
        try {
            models = modelsFlag.folder();
        } catch (ModelsFlag.Unusable e) {
            err.println("render: cannot use the models folder: " + e.getMessage());
            err.flush();
            return 1;
        }
        Evaluator evaluator = new Evaluator(result.story());
        Path storyRoot = file.toAbsolutePath().normalize().getParent();
        // Generated frames carry the invisible watermark of the data folder's server id, as serve's do (docs/trust.md).
        try (RenderTools tools = Tools.create(java.util.OptionalInt.of(serverId), models)) {
            List<SceneVisit> visits = path == null ? PathPlanner.defaults(evaluator) : PathPlanner.along(evaluator, path);
            ProgressBar bar = new ProgressBar(out, Terminal.detect().colour());
            long t0 = System.nanoTime();
            PathRenderer.Result rendered = new PathRenderer(tools).signing(new io.branchline.engine.trust.Provenance(credential, tools)).render(result.story(), storyRoot, visits, this.out, bar);
            bar.done();
            double wall = (System.nanoTime() - t0) / 1e9;
            double video = rendered.scenes().stream().mapToDouble(s -> s.frames() / (double) result.story().format().fps()).sum();
            out.printf(Locale.ROOT, "rendered %d scene visits (%.1f s of video) into %s in %.1f s%n", rendered.scenes().size(), video,
                    this.out.resolve("index.m3u8"), wall);
            if (rendered.seconds() > 0) {
                StageTimes t = rendered.times();
                out.printf(Locale.ROOT, "  %.1f s rendered now at %.1fx real time; per stage: generate %.2f s, style %.2f s, compose %.2f s, encode %.2f s, audio %.2f s%n",
                        rendered.seconds(), rendered.seconds() / Math.max(1e-9, t.total() / 1e9), t.generate() / 1e9, t.style() / 1e9,
                        t.compose() / 1e9, t.encode() / 1e9, t.audio() / 1e9);
            }
            long disclosed = rendered.scenes().stream().flatMap(s -> s.segments().stream()).filter(RenderedScene.SegmentInfo::disclosed).count();
            out.printf(Locale.ROOT, "  %d of %d segments hold AI-generated frames and carry the label%n", disclosed,
                    rendered.scenes().stream().mapToInt(s -> s.segments().size()).sum());
            out.printf(Locale.ROOT, "  signed with C2PA Content Credentials by %s; check with ./branchline verify %s%n",
                    credential.chain().get(0).getSubjectX500Principal().getName(), this.out);
            out.flush();
            return 0;
        } catch (PathPlanner.PathException | RenderException e) {
            err.println("render: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** A bar that redraws itself on a terminal, and plain lines (one per scene) elsewhere. */
    static final class ProgressBar implements PathRenderer.Progress {
        private final PrintWriter out;
        private final boolean terminal;
        private int lastVisit = -1;

        ProgressBar(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void update(int visit, int visits, String scene, int done, int total, boolean reused) {
            if (terminal) {
                int width = 30;
                int filled = total == 0 ? width : done * width / total;
                char[] bar = new char[width];
                Arrays.fill(bar, 0, filled, '#');
                Arrays.fill(bar, filled, width, '.');
                out.printf(Locale.ROOT, "\r[%s] %3d%%  scene %d/%d %-24s", new String(bar), total == 0 ? 100 : done * 100 / total,
                        visit + 1, visits, scene);
                out.flush();
            } else if (visit != lastVisit) {
                out.printf(Locale.ROOT, "%s scene %d/%d: %s%n", reused ? "reused" : "rendering", visit + 1, visits, scene);
                out.flush();
            }
            lastVisit = visit;
        }

        void done() {
            if (terminal) {
                out.println();
            }
        }
    }
}
