package io.branchline.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The labelled set of docs/benchmarks.md: at least 200 prompts, every label present, and the
 * policy at least as good on it as the figures published there (a guard against a rule edit
 * that quietly refuses harmless prompts or lets refused ones through).
 */
class LabelledSetTest {

    @Test
    void thePolicyKeepsItsPrecisionAndRecallOnTheLabelledSet() throws Exception {
        String tsv;
        try (InputStream in = LabelledSetTest.class.getResourceAsStream("/bench/policy-labelled.tsv")) {
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<PolicyMeasure.Labelled> prompts = PolicyMeasure.parse(tsv);
        assertTrue(prompts.size() >= 200, "prompts: " + prompts.size());
        for (Rule r : Rule.values()) {
            assertTrue(prompts.stream().filter(p -> p.label() == r).count() >= 30, r + " needs at least 30 prompts");
        }
        assertTrue(prompts.stream().filter(p -> p.label() == null).count() >= 100, "at least 100 safe prompts");
        List<PolicyMeasure.Decision> decisions = PolicyMeasure.decide(PromptPolicy.configured(), prompts);
        List<PolicyMeasure.Score> scores = PolicyMeasure.score(decisions);
        scores.forEach(s -> System.out.println("labelled set: " + s));
        PolicyMeasure.Score refused = scores.get(scores.size() - 1);
        // The figures of docs/benchmarks.md (all 245 prompts): 128 of 132 unsafe refused, none of the 113 safe ones.
        assertEquals(0, refused.falsePositives(), "safe prompts refused: " + decisions.stream().filter(PolicyMeasure.Decision::wrong).toList());
        assertTrue(refused.recall() >= 0.96, refused.toString());
        for (PolicyMeasure.Score s : scores) {
            assertTrue(s.precision() >= 0.97 && s.recall() >= 0.93, s.toString());
        }
    }
}
