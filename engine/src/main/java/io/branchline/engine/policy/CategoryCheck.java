package io.branchline.engine.policy;

import java.util.List;
import java.util.Locale;

/**
 * One refused category (minors, harm): its word lists, and the similarity of a prompt to the
 * category's example sentences. A prompt breaks the rule when it holds an explicit phrase, a
 * subject phrase together with an act phrase, is at least {@code strong} similar to an example,
 * or at least {@code gated} similar while holding a subject phrase (a minor; a request for
 * instructions). The gate keeps the encoder from refusing a harmless prompt that merely sounds
 * alike: an act word alone is what stories show ("a bomb explodes on the bridge", "a woman in
 * lingerie"), so only the subject opens the gate.
 */
final class CategoryCheck {

    private final Rule rule;
    private final PolicyData.Category data;
    private final Phrases explicit;
    private final Phrases subject;
    private final Phrases act;

    CategoryCheck(Rule rule, PolicyData.Category data) {
        this.rule = rule;
        this.data = data;
        this.explicit = new Phrases(data.explicit());
        this.subject = new Phrases(data.subject());
        this.act = new Phrases(data.act());
    }

    /**
     * The finding for a prompt, or null.
     *
     * @param similarity the prompt's highest similarity to the category's examples, or NaN when not measured
     */
    PolicyFinding check(List<Tokens.Token> tokens, double similarity) {
        List<Phrases.Match> e = explicit.find(tokens);
        if (!e.isEmpty()) {
            return finding(tokens, e.get(0), null, "'" + e.get(0).phrase() + "'");
        }
        List<Phrases.Match> s = subject.find(tokens);
        List<Phrases.Match> a = act.find(tokens);
        if (!s.isEmpty() && !a.isEmpty()) {
            return finding(tokens, s.get(0), a.get(0), "'" + s.get(0).phrase() + "' with '" + a.get(0).phrase() + "'");
        }
        if (similarity >= data.strong()) {
            return new PolicyFinding(rule, -1, -1, null, false, "close to the policy's examples (similarity " + score(similarity) + ")");
        }
        if (similarity >= data.gated() && !s.isEmpty()) {
            Phrases.Match m = s.get(0);
            return finding(tokens, m, null, "'" + m.phrase() + "', close to the policy's examples (similarity " + score(similarity) + ")");
        }
        return null;
    }

    private PolicyFinding finding(List<Tokens.Token> tokens, Phrases.Match first, Phrases.Match second, String evidence) {
        int from = first.from();
        int to = first.to();
        if (second != null) {
            from = Math.min(from, second.from());
            to = Math.max(to, second.to());
        }
        return new PolicyFinding(rule, tokens.get(from).start(), tokens.get(to - 1).end(), null, false, evidence);
    }

    private static String score(double similarity) {
        return String.format(Locale.ROOT, "%.2f", similarity);
    }
}
