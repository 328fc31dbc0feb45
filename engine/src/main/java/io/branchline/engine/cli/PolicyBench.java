package io.branchline.engine.cli;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.engine.policy.PolicyData;
import io.branchline.engine.policy.PolicyMeasure;
import io.branchline.engine.policy.PromptPolicy;
import io.branchline.engine.policy.Rule;
import io.branchline.engine.stories.StoryFinder;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline bench policy}: precision and recall of the prompt policy, and its false positives on the bundled stories. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Measures the prompt policy: precision and recall on a labelled set of prompts (the bundled one by default), per rule and overall, on its tuning half and its held-out half, and the policy diagnostics of the bundled stories."})
final class PolicyBench implements Callable<Integer> {

    private static final Set<String> POLICY_CODES = Set.of("BL0070", "BL0071", "BL0072", "BL0107");

    @Option(names = "--set", paramLabel = "FILE", description = "a labelled set (LABEL<TAB>PROMPT lines) instead of the bundled one")
    Path set;

    @Option(names = "--stories", paramLabel = "DIR", description = "the stories whose prompts must pass (default: the bundled stories)")
    Path stories;

    @Option(names = "--show", description = "print every prompt the policy decides wrongly, with its half and similarities")
    boolean show;

    @Option(names = "--sweep", description = "also print precision and recall on the tuning half for other similarity thresholds (same for both categories)")
    boolean sweep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The tuning half under other thresholds: 'strong' with 'gated' as configured, then 'gated' with 'strong' as configured. */
    private static void sweep(PrintWriter out, PromptPolicy policy, List<PolicyMeasure.Labelled> tuning) {
        io.branchline.renderer.neural.TextEncoder encoder = io.branchline.renderer.neural.MiniLmTextEncoder.load();
        PolicyData data = policy.data();
        PolicyData.Category minors = data.categories().get(Rule.MINORS);
        for (String which : List.of("strong", "gated")) {
            for (double t = which.equals("strong") ? 0.60 : 0.35; t < (which.equals("strong") ? 0.96 : 0.76); t += 0.05) {
                java.util.Map<Rule, PolicyData.Category> changed = new java.util.EnumMap<>(Rule.class);
                double threshold = t;
                data.categories().forEach((rule, c) -> changed.put(rule, new PolicyData.Category(c.explicit(), c.subject(), c.act(), c.exemplars(),
                        which.equals("strong") ? threshold : c.strong(), which.equals("gated") ? threshold : c.gated())));
                PromptPolicy tried = new PromptPolicy(new PolicyData(data.version(), data.people(), changed), () -> encoder);
                PolicyMeasure.Score s = PolicyMeasure.score(PolicyMeasure.decide(tried, tuning)).get(Rule.values().length);
                out.printf(Locale.ROOT, "  sweep (tuning half) %s = %.2f (%s = %.2f): %s%n", which, threshold, which.equals("strong") ? "gated" : "strong",
                        which.equals("strong") ? minors.gated() : minors.strong(), s);
            }
        }
        encoder.close();
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PromptPolicy policy = PromptPolicy.configured();
        String tsv;
        if (set != null) {
            tsv = Files.readString(set, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = PolicyBench.class.getResourceAsStream("/bench/policy-labelled.tsv")) {
                tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        List<PolicyMeasure.Labelled> prompts = PolicyMeasure.parse(tsv);
        long t0 = System.nanoTime();
        policy.check("warm up the encoder", List.of());
        double loadMs = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        List<PolicyMeasure.Decision> decisions = PolicyMeasure.decide(policy, prompts);
        double perPromptMs = (System.nanoTime() - t0) / 1e6 / prompts.size();
        out.printf(Locale.ROOT, "policy %s: %d labelled prompts (%s)%n", policy.version(), prompts.size(), set == null ? "bundled set" : set);
        for (String half : List.of("tuning half", "held-out half", "all")) {
            List<PolicyMeasure.Decision> part = decisions.stream().filter(d -> half.equals("all") || d.prompt().heldOut() == half.equals("held-out half")).toList();
            out.printf(Locale.ROOT, "  %s (%d prompts):%n", half, part.size());
            for (PolicyMeasure.Score s : PolicyMeasure.score(part)) {
                out.println("    " + s);
            }
        }
        if (show) {
            for (PolicyMeasure.Decision d : decisions) {
                if (d.wrong()) {
                    Map<Rule, Double> sim = policy.similarities(d.prompt().prompt());
                    out.printf(Locale.ROOT, "  wrong (%s): %s -> %s %s: %s%n", d.prompt().heldOut() ? "held-out" : "tuning",
                            d.prompt().label() == null ? "safe" : d.prompt().label(),
                            d.found().isEmpty() ? "[passed]" : d.found(), sim, d.prompt().prompt());
                }
            }
        }
        if (sweep) {
            sweep(out, policy, prompts.stream().filter(p -> !p.heldOut()).toList());
        }
        Path folder = stories != null ? stories : BundledStories.folder();
        int count = 0;
        int flagged = 0;
        for (Path main : StoryFinder.mainFiles(folder)) {
            CompileResult r = PolicedCompiler.compile(main);
            count++;
            for (Diagnostic d : r.diagnostics()) {
                if (POLICY_CODES.contains(d.code().name())) {
                    flagged++;
                    out.println("  " + d.headline());
                }
            }
        }
        out.printf(Locale.ROOT, "  bundled stories (%s): %d stories, %d policy diagnostics%n", folder, count, flagged);
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "  encoder and exemplars loaded in %.0f ms; %.1f ms a prompt; java %s, %d processors%n", loadMs, perPromptMs,
                System.getProperty("java.version"), rt.availableProcessors());
        out.flush();
        return flagged == 0 ? 0 : 1;
    }
}
