package io.branchline.engine.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Precision and recall of a policy on a labelled set of prompts: per rule, and for "refused
 * at all" against "safe". The set is a list of {@code LABEL<TAB>PROMPT} lines (labels: safe,
 * person, minors, harm); data lines alternate between a tuning half (1st, 3rd, …) and a
 * held-out half, so thresholds tuned on one can be judged on the other.
 */
public final class PolicyMeasure {

    /** One labelled prompt; {@code label} is null for a safe one. */
    public record Labelled(Rule label, String prompt, boolean heldOut) {
    }

    /** Counts of one rule (or of "refused" when {@code rule} is null). */
    public record Score(Rule rule, int truePositives, int falsePositives, int falseNegatives) {

        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-8s precision %.3f (%d/%d)  recall %.3f (%d/%d)", rule == null ? "refused" : rule.name().toLowerCase(Locale.ROOT),
                    precision(), truePositives, truePositives + falsePositives, recall(), truePositives, truePositives + falseNegatives);
        }
    }

    /** What the policy decided for one prompt. */
    public record Decision(Labelled prompt, Set<Rule> found) {

        public boolean wrong() {
            return prompt.label() == null ? !found.isEmpty() : !found.contains(prompt.label());
        }
    }

    private PolicyMeasure() {
    }

    public static List<Labelled> parse(String tsv) {
        List<Labelled> out = new ArrayList<>();
        int n = 0;
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected LABEL<TAB>PROMPT but found: " + line);
            }
            Rule label = switch (parts[0].strip()) {
                case "safe" -> null;
                case "person" -> Rule.PERSON;
                case "minors" -> Rule.MINORS;
                case "harm" -> Rule.HARM;
                default -> throw new IllegalArgumentException("unknown label '" + parts[0] + "'; expected safe, person, minors or harm");
            };
            out.add(new Labelled(label, parts[1].strip(), n++ % 2 == 1));
        }
        return out;
    }

    public static List<Decision> decide(PromptPolicy policy, List<Labelled> prompts) {
        List<Decision> out = new ArrayList<>();
        for (Labelled l : prompts) {
            Set<Rule> found = EnumSet.noneOf(Rule.class);
            policy.check(l.prompt(), List.of()).forEach(f -> found.add(f.rule()));
            out.add(new Decision(l, found));
        }
        return out;
    }

    /** The scores of each rule, then of "refused" (any rule) against safe; in that order. */
    public static List<Score> score(List<Decision> decisions) {
        Map<Rule, int[]> counts = new EnumMap<>(Rule.class);
        int[] any = new int[3];
        for (Rule r : Rule.values()) {
            counts.put(r, new int[3]);
        }
        for (Decision d : decisions) {
            for (Rule r : Rule.values()) {
                boolean is = d.prompt().label() == r;
                boolean found = d.found().contains(r);
                int[] c = counts.get(r);
                c[0] += is && found ? 1 : 0;
                c[1] += !is && found ? 1 : 0;
                c[2] += is && !found ? 1 : 0;
            }
            boolean unsafe = d.prompt().label() != null;
            boolean refused = !d.found().isEmpty();
            any[0] += unsafe && refused ? 1 : 0;
            any[1] += !unsafe && refused ? 1 : 0;
            any[2] += unsafe && !refused ? 1 : 0;
        }
        List<Score> out = new ArrayList<>();
        counts.forEach((r, c) -> out.add(new Score(r, c[0], c[1], c[2])));
        out.add(new Score(null, any[0], any[1], any[2]));
        return out;
    }
}
