package io.branchline.engine.policy;

import io.branchline.renderer.neural.MiniLmTextEncoder;
import io.branchline.renderer.neural.TextEncoder;
import io.branchline.story.check.PromptCheck;
import io.branchline.story.model.CompiledStory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What prompts may ask a model for: no real, named person (unless the story records their
 * consent), no sexual content involving minors, no instructions for harm. The rules are data
 * ({@link PolicyData}); word lists decide first, then the MiniLM encoder's similarity to each
 * category's examples. Authors' prompts are checked when a story compiles ({@link #forStories()}),
 * viewers' answers when they are given ({@link AnswerCheck}). Thread-safe once built.
 */
public final class PromptPolicy {

    private static volatile PromptPolicy configured;

    private final PolicyData data;
    private final Supplier<TextEncoder> encoderFactory;
    private final PeopleCheck people;
    private final Map<Rule, CategoryCheck> categories = new EnumMap<>(Rule.class);
    private TextEncoder encoder;
    private Map<Rule, Similarity> similarities;

    /**
     * @param encoder made on the first prompt that needs it; a supplier of null checks by the word lists alone
     */
    public PromptPolicy(PolicyData data, Supplier<TextEncoder> encoder) {
        this.data = data;
        this.encoderFactory = encoder;
        this.people = new PeopleCheck(data.people());
        data.categories().forEach((rule, c) -> categories.put(rule, new CategoryCheck(rule, c)));
    }

    /**
     * The policy this process uses: the folder named by {@code -Dbranchline.policy} or
     * {@code BRANCHLINE_POLICY} when set, else the bundled one; MiniLM loads on first use.
     *
     * @throws PolicyException when the named folder cannot be used
     */
    public static PromptPolicy configured() {
        PromptPolicy p = configured;
        if (p == null) {
            synchronized (PromptPolicy.class) {
                if (configured == null) {
                    String folder = System.getProperty("branchline.policy", System.getenv("BRANCHLINE_POLICY"));
                    PolicyData data = folder == null || folder.isBlank() ? PolicyData.bundled() : PolicyData.load(Path.of(folder));
                    configured = new PromptPolicy(data, MiniLmTextEncoder::load);
                }
                p = configured;
            }
        }
        return p;
    }

    /**
     * The version of the rules, such as {@code 2026.12.1+3fa2c1d09b7e}: the {@code VERSION} file
     * and a hash of every rule file. It is part of the content key of every visit with
     * generated or styled shots, and belongs in every manifest that describes them.
     */
    public String version() {
        return data.version();
    }

    public PolicyData data() {
        return data;
    }

    /** Every rule the prompt breaks; a real person with a recorded consent is no finding. */
    public List<PolicyFinding> check(String prompt, List<CompiledStory.Consent> consents) {
        return check(prompt, consents, true);
    }

    /**
     * As {@link #check(String, List)}; {@code people} false leaves out the real-people rule
     * (for text that never reaches a generator).
     */
    public List<PolicyFinding> check(String prompt, List<CompiledStory.Consent> consents, boolean people) {
        List<Tokens.Token> tokens = Tokens.of(prompt);
        List<PolicyFinding> found = new ArrayList<>();
        if (people) {
            found.addAll(this.people.check(tokens, consents));
        }
        Map<Rule, Double> scores = similarities(prompt);
        for (Map.Entry<Rule, CategoryCheck> c : categories.entrySet()) {
            PolicyFinding f = c.getValue().check(tokens, scores.getOrDefault(c.getKey(), Double.NaN));
            if (f != null) {
                found.add(f);
            }
        }
        return found;
    }

    /** The prompt's highest similarity to each category's examples (empty without an encoder). */
    public Map<Rule, Double> similarities(String prompt) {
        Map<Rule, Similarity> s = similarities();
        Map<Rule, Double> scores = new EnumMap<>(Rule.class);
        if (s.isEmpty() || prompt.isBlank()) {
            return scores;
        }
        float[] embedding = encoder.embed(prompt);
        s.forEach((rule, sim) -> scores.put(rule, sim.max(embedding)));
        return scores;
    }

    private synchronized Map<Rule, Similarity> similarities() {
        if (similarities == null) {
            encoder = encoderFactory.get();
            Map<Rule, Similarity> s = new EnumMap<>(Rule.class);
            if (encoder != null) {
                data.categories().forEach((rule, c) -> s.put(rule, new Similarity(encoder, c.exemplars())));
            }
            similarities = s;
        }
        return similarities;
    }

    /** The policy as the story compiler's prompt check: findings become diagnostics at the prompt. */
    public PromptCheck forStories() {
        return (text, consents) -> check(text, consents).stream().map(PromptPolicy::finding).toList();
    }

    private static PromptCheck.Finding finding(PolicyFinding f) {
        String message;
        if (f.rule() == Rule.PERSON && f.unrecorded()) {
            message = f.person() + " is a real person, and the story's consent line for them does not say how and when they consented;"
                    + " write it after the name, such as consent: \"" + f.person() + "\" signed release, 3 March 2026";
            return new PromptCheck.Finding(io.branchline.story.diag.Code.BL0107, f.start(), f.end(), message);
        }
        if (f.rule() == Rule.PERSON) {
            message = "the prompt names a real person, " + f.person() + "; generated shots may not show real people unless the story"
                    + " records their consent with a header line such as consent: \"" + f.person() + "\" signed release, 3 March 2026";
        } else if (f.rule() == Rule.MINORS) {
            message = "the prompt sexualises minors (" + f.evidence() + "); this is never generated: remove it or rewrite the shot";
        } else {
            message = "the prompt asks for instructions for harm (" + f.evidence() + "); show the danger, not how to cause it";
        }
        return new PromptCheck.Finding(f.rule().code(), f.start(), f.end(), message);
    }
}
