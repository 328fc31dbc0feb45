package io.branchline.engine.cli;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.engine.simulate.Policy;
import io.branchline.engine.simulate.PolicyResult;
import io.branchline.engine.simulate.SimOptions;
import io.branchline.engine.simulate.SimulationReport;
import io.branchline.engine.simulate.Simulator;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import io.branchline.story.eval.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline simulate FILE --viewers N}: simulated viewers against a simulated render farm. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates viewers watching a story in virtual time and compares render-ahead policies.",
                "Render slots render the story while the viewers watch; each policy is measured by stalls, choice-to-play latency, render work and waste.",
                "Each policy runs with the render ladder off and on (--ladder).",
                "With it on, a render that full quality cannot finish in time is a draft, and the full tier follows as an upgrade; the table shows the share of watched seconds played from drafts and the render time spent at each tier.",
                "A render takes what the cost model (or --speed) says at full quality, the draft share of the reference cost of that at the draft tier, and --load times either on a loaded machine."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the simulation ran", "1:the story has errors (they are printed instead)", "2:bad usage"})
final class SimulateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the story's main .story file")
    Path file;

    @Option(names = "--viewers", paramLabel = "N", required = true, description = "how many viewers arrive")
    int viewers;

    @Option(names = "--policy", paramLabel = "POLICY", description = "on-demand, eager, next-level, predictive or all (default)")
    String policy = "all";

    @Option(names = "--render-slots", paramLabel = "K", description = "jobs rendered at once (default 1)")
    int slots = 1;

    @Option(names = "--speed", paramLabel = "X", description = "seconds of video rendered per second per slot, for every shot kind "
            + "(default: color/title 15, image/clip 8, generate 3)")
    double speed = 0;

    @Option(names = "--load", paramLabel = "F", defaultValue = "1",
            description = "a loaded machine: every render takes F times as long as --speed or the cost model says, "
                    + "at both tiers (default ${DEFAULT-VALUE}); the scheduler measures it as the engine does")
    double load;

    @Option(names = "--ladder", paramLabel = "on|off|both", defaultValue = "both",
            description = "the scheduler's render ladder: on, off, or both side by side (default ${DEFAULT-VALUE})")
    String ladder;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default 1)")
    long seed = 1;

    @Option(names = "--arrival-seconds", paramLabel = "A", description = "mean gap between viewers arriving (default 5)")
    double arrival = 5;

    @Option(names = "--disagree", description = "viewers pick by the reverse order of the author's weights")
    boolean disagree;

    @Option(names = "--cover", paramLabel = "C", defaultValue = "0.8",
            description = "share of predicted picks the predictive policy renders ahead (default ${DEFAULT-VALUE})")
    double cover;

    @Option(names = "--whole-visit", description = "a visit plays only once wholly rendered, not from its first segment")
    boolean wholeVisit;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such story file: '" + file + "'");
        }
        if (viewers < 0 || slots < 1 || speed < 0 || arrival < 0 || !(load > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--viewers must be 0 or more, --render-slots 1 or more, --speed and --arrival-seconds not negative, --load above 0");
        }
        List<Boolean> ladders = switch (ladder.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(false, true);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --ladder '" + ladder + "': expected on, off or both");
        };
        List<Policy> policies;
        try {
            policies = "all".equalsIgnoreCase(policy) ? Arrays.asList(Policy.values()) : List.of(Policy.parse(policy));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown policy '" + policy + "': expected on-demand, eager, next-level, predictive or all");
        }
        CompileResult result = PolicedCompiler.compile(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!result.ok()) {
            for (Diagnostic d : result.diagnostics()) {
                err.print(DiagnosticPrinter.print(d));
            }
            err.println("simulate: '" + file + "' has " + CheckCommand.plural(result.errorCount(), "error", "errors"));
            err.flush();
            return 1;
        }
        SimOptions options = SimOptions.defaults().withViewers(viewers).withRenderSlots(slots).withSpeed(speed)
                .withSeed(seed).withArrivalSeconds(arrival).withDisagree(disagree).withPredictiveCover(cover).withWholeVisit(wholeVisit)
                .withLoad(load);
        String storyId = result.story().id();
        List<PolicyResult> results = new ArrayList<>();
        for (Policy p : policies) {
            for (boolean on : ladders) {
                results.add(new Simulator(new Evaluator(result.story()), storyId, options.withLadder(on)).run(p));
            }
        }
        out.print(json ? SimulationReport.json(file.toString(), options, results) : SimulationReport.text(file.toString(), options, results));
        out.flush();
        return 0;
    }
}
