package io.branchline.engine.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's rules as read from its data files ({@code VERSION}, {@code people.txt},
 * {@code minors.rule}, {@code harm.rule}; docs/policy.md describes their format).
 *
 * @param version    the {@code VERSION} line, then {@code +} and the first 12 hex digits of a
 *                   SHA-256 over every file: editing any rule changes it, even if VERSION was not raised
 * @param people     the real people no prompt may name
 * @param categories the word lists, exemplars and thresholds of {@link Rule#MINORS} and {@link Rule#HARM}
 */
public record PolicyData(String version, List<Person> people, Map<Rule, Category> categories) {

    /** The files of a policy folder, in the order their bytes enter the version's hash. */
    static final List<String> FILES = List.of("VERSION", Rule.PERSON.file(), Rule.MINORS.file(), Rule.HARM.file());

    /**
     * A real person: the name as commonly written, and other ways they are named alone
     * (a surname used on its own, another spelling).
     */
    public record Person(String name, List<String> aliases) {
    }

    /**
     * A category of prompts that are refused.
     *
     * @param explicit  phrases that break the rule on their own
     * @param subject   phrases naming who or what the rule protects or targets (a child; how-to)
     * @param act       phrases naming what may not be done with the subject (sexual words; weapons, poisons)
     * @param exemplars sentences that break the rule, for similarity with the MiniLM encoder
     * @param strong    similarity to the closest exemplar at which a prompt breaks the rule on its own
     * @param gated     similarity at which a prompt breaks it when it also holds a subject phrase
     */
    public record Category(List<String> explicit, List<String> subject, List<String> act, List<String> exemplars,
                           double strong, double gated) {
    }

    /** The policy shipped inside the engine (its resources under {@code policy/}). */
    public static PolicyData bundled() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = PolicyData.class.getResourceAsStream("/policy/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled policy file policy/" + name + " is missing from the engine");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parse(files, "the bundled policy");
    }

    /** An operator's policy: a folder holding every file the bundled one has. */
    public static PolicyData load(Path folder) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            Path file = folder.resolve(name);
            try {
                files.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new PolicyException("the policy file " + file + " cannot be read (" + e.getMessage()
                        + "); a policy folder holds " + String.join(", ", FILES));
            }
        }
        return parse(files, folder.toString());
    }

    static PolicyData parse(Map<String, byte[]> files, String where) {
        String version = text(files.get("VERSION")).strip();
        if (version.isEmpty() || version.contains("\n") || !version.matches("[A-Za-z0-9._-]+")) {
            throw new PolicyException(where + ": VERSION must hold one version string of letters, digits, '.', '_' or '-', such as 2026.12.1");
        }
        List<Person> people = new ArrayList<>();
        for (String line : lines(text(files.get(Rule.PERSON.file())))) {
            String[] names = line.split("\\|");
            List<String> aliases = new ArrayList<>();
            for (int i = 1; i < names.length; i++) {
                if (!names[i].isBlank()) {
                    aliases.add(names[i].strip());
                }
            }
            people.add(new Person(names[0].strip(), List.copyOf(aliases)));
        }
        Map<Rule, Category> categories = new EnumMap<>(Rule.class);
        categories.put(Rule.MINORS, category(text(files.get(Rule.MINORS.file())), where + "/" + Rule.MINORS.file()));
        categories.put(Rule.HARM, category(text(files.get(Rule.HARM.file())), where + "/" + Rule.HARM.file()));
        return new PolicyData(version + "+" + hash(files), List.copyOf(people), categories);
    }

    private static Category category(String text, String where) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines(text)) {
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new ArrayList<>());
            } else if (current == null) {
                throw new PolicyException(where + ": '" + line + "' stands before the first [section]; expected [explicit], [subject], [act], [exemplars] or [thresholds]");
            } else {
                current.add(line);
            }
        }
        for (String name : sections.keySet()) {
            if (!List.of("explicit", "subject", "act", "exemplars", "thresholds").contains(name)) {
                throw new PolicyException(where + ": unknown section [" + name + "]; expected [explicit], [subject], [act], [exemplars] or [thresholds]");
            }
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (String line : sections.getOrDefault("thresholds", List.of())) {
            String[] kv = line.split("=", 2);
            try {
                thresholds.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
            } catch (RuntimeException e) {
                throw new PolicyException(where + ": '" + line + "' is not a threshold; expected strong = 0.80 or gated = 0.60");
            }
        }
        return new Category(List.copyOf(sections.getOrDefault("explicit", List.of())), List.copyOf(sections.getOrDefault("subject", List.of())),
                List.copyOf(sections.getOrDefault("act", List.of())), List.copyOf(sections.getOrDefault("exemplars", List.of())),
                thresholds.getOrDefault("strong", 2.0), thresholds.getOrDefault("gated", 2.0));
    }

    /** The meaningful lines: stripped, without blank lines and {@code #} comments. */
    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : FILES) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(files.get(name));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
