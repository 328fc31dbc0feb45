package io.branchline.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.neural.MiniLmTextEncoder;
import io.branchline.story.model.CompiledStory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule of the bundled policy, as an author or a viewer meets it. */
class PromptPolicyTest {

    private static final PromptPolicy POLICY = PromptPolicy.configured();
    private static final List<CompiledStory.Consent> NONE = List.of();

    private static Set<Rule> rules(String prompt) {
        return POLICY.check(prompt, NONE).stream().map(PolicyFinding::rule).collect(Collectors.toSet());
    }

    private static String at(String prompt, PolicyFinding f) {
        return prompt.substring(f.start(), f.end());
    }

    // ---- real people ----

    @Test
    void aRealPersonIsFoundAndPointedAt() {
        String prompt = "a portrait of Barack Obama playing chess";
        List<PolicyFinding> found = POLICY.check(prompt, NONE);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Rule.PERSON, found.get(0).rule());
        assertEquals("Barack Obama", found.get(0).person());
        assertEquals("Barack Obama", at(prompt, found.get(0)));
    }

    @Test
    void namesAreMatchedWhateverTheirCaseDiacriticsOrPossessive() {
        for (String prompt : new String[] {"BARACK OBAMA on a beach", "obama's dog on a lawn", "Obama’s speech", "Beyoncé dancing",
                "beyonce dancing", "Kylian Mbappé running", "Zelenskyy in a trench", "ZELENSKY in a trench"}) {
            assertEquals(Set.of(Rule.PERSON), rules(prompt), prompt);
        }
    }

    @Test
    void namesMatchOnWholeWordsOnly() {
        for (String prompt : new String[] {"a protest about Obamacare", "a trump card slapped on a table", "a bee sting on an arm",
                "a King Charles spaniel asleep", "the scent of musk in a shop", "waves crash against the rock",
                "a drake swimming in a pond", "a man named Washington", "a portrait of Clara Brun, a fictional composer"}) {
            assertEquals(Set.of(), rules(prompt), prompt);
        }
    }

    @Test
    void aConsentWithARecordAllowsThePersonWithoutAWord() {
        List<CompiledStory.Consent> consent = List.of(new CompiledStory.Consent("Barack Obama", "signed release, 3 March 2026"));
        assertEquals(List.of(), POLICY.check("Barack Obama waves from a boat", consent));
        List<CompiledStory.Consent> byAlias = List.of(new CompiledStory.Consent("obama", "recorded on video, 1 May 2026"));
        assertEquals(List.of(), POLICY.check("Barack Obama waves from a boat", byAlias));
    }

    @Test
    void aConsentWithoutARecordLeavesAWarningToAcknowledge() {
        List<CompiledStory.Consent> consent = List.of(new CompiledStory.Consent("Barack Obama", ""));
        List<PolicyFinding> found = POLICY.check("Barack Obama waves from a boat", consent);
        assertEquals(1, found.size());
        assertTrue(found.get(0).unrecorded());
    }

    @Test
    void aConsentCoversOnlyThePersonItNames() {
        List<CompiledStory.Consent> consent = List.of(new CompiledStory.Consent("Michelle Obama", "signed release, 3 March 2026"));
        List<PolicyFinding> found = POLICY.check("Barack Obama and Michelle Obama dancing", consent);
        assertEquals(1, found.size(), found.toString());
        assertEquals("Barack Obama", found.get(0).person());
        assertTrue(!found.get(0).unrecorded());
    }

    @Test
    void thePeopleRuleCanBeLeftOutForTextThatReachesNoGenerator() {
        assertEquals(List.of(), POLICY.check("Taylor Swift", NONE, false));
    }

    // ---- minors ----

    @Test
    void sexualContentInvolvingMinorsIsRefused() {
        for (String prompt : new String[] {"a naked child posing", "a 12-year-old in lingerie", "a sexy schoolgirl", "child porn",
                "a teen in an erotic scene", "a seductive ten year old girl"}) {
            assertEquals(Set.of(Rule.MINORS), rules(prompt), prompt);
        }
    }

    @Test
    void childrenAndAdultsInOrdinaryScenesPass() {
        for (String prompt : new String[] {"a child flying a kite", "a baby sleeping in a crib", "kids building a sandcastle",
                "a 25-year-old in lingerie on a runway", "a lingerie shop window at night", "a teenage boy skateboarding at sunset",
                "a string quartet playing in a minor key", "a bride and groom dancing"}) {
            assertEquals(Set.of(), rules(prompt), prompt);
        }
    }

    @Test
    void theWordsAtFaultArePointedAt() {
        String prompt = "a photo of a naked child on a beach";
        PolicyFinding f = POLICY.check(prompt, NONE).get(0);
        assertEquals("naked child", at(prompt, f));
        assertTrue(f.evidence().contains("'child'") && f.evidence().contains("'naked'"), f.evidence());
    }

    // ---- harm ----

    @Test
    void instructionsForHarmAreRefused() {
        for (String prompt : new String[] {"how to make a pipe bomb", "step by step instructions for building a pipe bomb",
                "a tutorial on cooking meth", "a chemist explains how to synthesize sarin", "how to kill yourself"}) {
            assertEquals(Set.of(Rule.HARM), rules(prompt), prompt);
        }
    }

    @Test
    void dangerShownWithoutInstructionsPasses() {
        for (String prompt : new String[] {"a knife on a kitchen table", "a bomb explodes on the bridge", "a bottle labelled poison",
                "a detective studies a diagram of the crime scene", "a tutorial on how to tie a sailor's knot",
                "a heist crew studies the blueprint of a bank vault", "a cowboy drawing his revolver at high noon"}) {
            assertEquals(Set.of(), rules(prompt), prompt);
        }
    }

    // ---- similarity, with rules of the test's own ----

    private static PolicyData data(String minors) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("VERSION", "test-1".getBytes(StandardCharsets.UTF_8));
        files.put("people.txt", new byte[0]);
        files.put("minors.rule", minors.getBytes(StandardCharsets.UTF_8));
        files.put("harm.rule", new byte[0]);
        return PolicyData.parse(files, "test");
    }

    @Test
    void aPromptCloseToAnExampleIsRefusedWithoutAnyListedWord() {
        PromptPolicy policy = new PromptPolicy(data("""
                [exemplars]
                a lighthouse keeper alone in a storm
                [thresholds]
                strong = 0.75
                """), MiniLmTextEncoder::load);
        List<PolicyFinding> found = policy.check("a lonely lighthouse keeper during a storm", NONE);
        assertEquals(1, found.size(), found.toString());
        assertEquals(-1, found.get(0).start(), "similarity blames the whole prompt");
        assertTrue(found.get(0).evidence().contains("similarity"), found.get(0).evidence());
        assertEquals(List.of(), policy.check("a bowl of ramen on a counter", NONE));
    }

    @Test
    void aGatedSimilarityNeedsAListedWordToo() {
        PromptPolicy policy = new PromptPolicy(data("""
                [subject]
                keeper
                [exemplars]
                a lighthouse keeper alone in a storm
                [thresholds]
                gated = 0.5
                """), MiniLmTextEncoder::load);
        assertEquals(1, policy.check("the keeper of a lighthouse in a gale", NONE).size());
        assertEquals(List.of(), policy.check("a lighthouse alone in a gale", NONE), "close, but without the subject word");
    }

    @Test
    void withoutAnEncoderTheWordListsStillDecide() {
        PromptPolicy words = new PromptPolicy(PolicyData.bundled(), () -> null);
        assertEquals(1, words.check("how to make a pipe bomb", NONE).size());
        assertEquals(Map.of(), words.similarities("how to make a pipe bomb"));
    }

    // ---- data and version ----

    @Test
    void theVersionNamesTheFileAndAHashOfEveryRule() {
        assertTrue(POLICY.version().matches("2026\\.12\\.1\\+[0-9a-f]{12}"), POLICY.version());
        assertEquals(POLICY.version(), PolicyData.bundled().version(), "the same rules, the same version");
        assertNotEquals(data("[explicit]\nfoo\n").version(), data("[explicit]\nbar\n").version(), "an edited rule changes the version");
    }

    @Test
    void anOperatorsFolderIsReadAndItsMistakesNamed(@TempDir Path dir) throws Exception {
        for (String name : PolicyData.FILES) {
            try (var in = PolicyData.class.getResourceAsStream("/policy/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        Files.writeString(dir.resolve("VERSION"), "acme-7\n");
        Files.writeString(dir.resolve("people.txt"), "\nJane Example | Example\n", java.nio.file.StandardOpenOption.APPEND);
        PromptPolicy acme = new PromptPolicy(PolicyData.load(dir), () -> null);
        assertTrue(acme.version().startsWith("acme-7+"), acme.version());
        assertEquals(Rule.PERSON, acme.check("Example waving", NONE).get(0).rule());

        Files.writeString(dir.resolve("harm.rule"), "[weapons]\nbomb\n");
        PolicyException bad = assertThrows(PolicyException.class, () -> PolicyData.load(dir));
        assertTrue(bad.getMessage().contains("harm.rule") && bad.getMessage().contains("[weapons]"), bad.getMessage());
        Files.delete(dir.resolve("people.txt"));
        bad = assertThrows(PolicyException.class, () -> PolicyData.load(dir));
        assertTrue(bad.getMessage().contains("people.txt"), bad.getMessage());
    }

    @Test
    void phrasesMatchPrefixesAndAgesUnder18() {
        Phrases p = new Phrases(List.of("porn*", "<18 year old"));
        assertEquals(1, p.find(Tokens.of("pornographic")).size());
        assertEquals(1, p.find(Tokens.of("a 12-year-old")).size());
        assertEquals(0, p.find(Tokens.of("a 30-year-old")).size());
        assertEquals(0, p.find(Tokens.of("a 120 year old tree")).size());
    }
}
