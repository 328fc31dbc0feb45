package io.branchline.engine.policy;

import io.branchline.story.model.CompiledStory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the real people of the policy's list in a prompt, by name or alias, on whole words. */
final class PeopleCheck {

    /** A way of naming a person: their words in a row. */
    private record Name(List<String> words, PolicyData.Person person) {
    }

    private final Map<String, List<Name>> byFirstWord = new HashMap<>();

    PeopleCheck(List<PolicyData.Person> people) {
        for (PolicyData.Person p : people) {
            List<String> all = new ArrayList<>(p.aliases());
            all.add(0, p.name());
            for (String n : all) {
                List<String> words = Tokens.words(n);
                if (!words.isEmpty()) {
                    byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(new Name(words, p));
                }
            }
        }
    }

    List<PolicyFinding> check(List<Tokens.Token> tokens, List<CompiledStory.Consent> consents) {
        Map<String, CompiledStory.Consent> consented = new HashMap<>();
        for (CompiledStory.Consent c : consents) {
            consented.put(String.join(" ", Tokens.words(c.name())), c);
        }
        List<PolicyFinding> found = new ArrayList<>();
        Set<PolicyData.Person> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Name best = null;
            for (Name n : byFirstWord.getOrDefault(tokens.get(i).text(), List.of())) {
                if (matches(n.words(), tokens, i) && (best == null || n.words().size() > best.words().size())) {
                    best = n;
                }
            }
            if (best == null) {
                continue;
            }
            int last = i + best.words().size() - 1;
            PolicyData.Person person = best.person();
            CompiledStory.Consent consent = consentFor(person, consented);
            if (seen.add(person) && (consent == null || !consent.recorded())) {
                found.add(new PolicyFinding(Rule.PERSON, tokens.get(i).start(), tokens.get(last).end(), person.name(), consent != null,
                        "on the policy's list of real people"));
            }
            i = last;
        }
        return found;
    }

    private static CompiledStory.Consent consentFor(PolicyData.Person person, Map<String, CompiledStory.Consent> consented) {
        List<String> all = new ArrayList<>(person.aliases());
        all.add(0, person.name());
        for (String n : all) {
            CompiledStory.Consent c = consented.get(String.join(" ", Tokens.words(n)));
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static boolean matches(List<String> words, List<Tokens.Token> tokens, int at) {
        if (at + words.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.size(); k++) {
            if (!tokens.get(at + k).text().equals(words.get(k))) {
                return false;
            }
        }
        return true;
    }
}
