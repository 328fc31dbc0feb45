package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.story.check.SourceReader;
import io.branchline.story.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever text it is given, the compiler terminates quickly without throwing, every
 * diagnostic's span lies inside its file, and the result is either a story with no error or
 * has at least one error. Inputs are arbitrary strings, soups of the language's own tokens,
 * and valid stories mutated line by line and character by character.
 */
class CompilerPropertiesTest {

    /** Pieces of the language (and of near misses) that mutations insert. */
    private static final List<String> TOKENS = List.of(
            "=== ", " ===", "==", "=", "== scene ==", "->", "-> END", "-> alley", "-> vault", "*", "* \"Go\" -> lobby", "~", "~ trust += 1",
            "\"", "\"\"", "\"text {name}\"", "\"{\"", "\"}\"", "{", "}", "\\", "\\\"", "(", ")", "+", "-", "/", "%", "<", "<=", ">=", "!=", "!",
            "+=", "-=", "not ", "and ", "or ", "visits(", "visits(alley)", "true", "false", "END", "end", "END_",
            "var ", "var x = 1", "include ", "include \"vault.story\"", "include \"main.story\"", "include \"../outside.story\"", "include \"\"",
            "shot ", "shot 2s generate \"x\"", "generate ", "image ", "image \"missing.png\"", "clip ", "clip \"a.mp4\" from 5s to 1s",
            "title ", "color ", "\"#101018\"", "\"#1010\"", "caption ", "transition ", "transition fade 9s", "crossfade ", "fade ", "cut",
            "style ", "seed ", "seed 1.5", "audio ", "volume 2", "motion ", "zoom-in", "pan-", "from ", "to ", "choice", "choice 3s default nowhere",
            "default ", "weight ", "weight 0", "ask ", "ask name \"?\" -> END", "if ", "if trust", "elif ", "else", "end",
            "title:", "title: \"{x}\"", "author:", "format:", "format: 721x1280 99fps", "segment:", "segment: 9s", "style:", "start:", "start: nowhere",
            "language:", "language: !!", "label:", "titel:",
            "4s", "500ms", "0ms", "1.5s", "4sec", "11m", "99999999999999999999s", "1e9", "-3", "0.25", "42", "007", "1.", ".5",
            "//", "// comment", "/*", "*/", "/* x */", "\n", "\n", "\n", "\r\n", "\r", "\t", " ", "  ",
            "\u0000", "\u0007", "é", "e\u0301", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83D", "\uDE00",
            "\uFEFF", "\u2028", "\u00A0", "ß", "漢字", ";", "#", "@", "$", "`", "'",
            "alley", "lobby", "vault", "stairs", "name", "trust", "has_key", "x");

    private static final List<String> SEEDS = seeds();

    /** The valid single-file stories of the test resources (no includes). */
    private static final List<String> VALID_SINGLE_FILES = validFiles().stream()
            .filter(p -> !p.getParent().getFileName().toString().equals("heist"))
            .map(CompilerPropertiesTest::read)
            .toList();

    private static Path workDir;

    @BeforeContainer
    static void makeWorkDir() throws IOException {
        workDir = Files.createTempDirectory("branchline-properties");
    }

    @AfterContainer
    static void removeWorkDir() throws IOException {
        if (workDir != null) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---- the properties ------------------------------------------------------------------------

    @Property(tries = 300)
    void arbitraryStringsNeverBreakTheCompiler(@ForAll("anyChars") String text) {
        compileAndCheck(text);
    }

    @Property(tries = 300)
    void arbitraryUnicodeNeverBreaksTheCompiler(@ForAll("anyCodePoints") String text) {
        compileAndCheck(text);
    }

    @Property(tries = 500)
    void soupsOfTheLanguagesTokensNeverBreakTheCompiler(@ForAll("tokenSoup") String text) {
        compileAndCheck(text);
    }

    @Property(tries = 800)
    void mutatedValidStoriesNeverBreakTheCompiler(@ForAll("mutant") String text) {
        CompileResult first = compileAndCheck(text);
        CompileResult again = compileAndCheck(text);
        assertEquals(describe(first), describe(again), "the same text gives the same diagnostics");
    }

    @Property(tries = 150)
    void mutatedStoriesOfTwoFilesNeverBreakTheCompiler(@ForAll("mutant") String main, @ForAll("mutant") String included,
                                                       @ForAll boolean forceInclude) throws IOException {
        Path mainFile = workDir.resolve("main.story");
        // getBytes, unlike writeString, turns a lone surrogate into '?' instead of refusing it
        Files.write(mainFile, (forceInclude ? "include \"vault.story\"\n" + main : main).getBytes(StandardCharsets.UTF_8));
        Files.write(workDir.resolve("vault.story"), included.getBytes(StandardCharsets.UTF_8));
        CompileResult result = StoryAssertions.bounded(StoryAssertions.LIMIT, "two mutated files",
                () -> StoryCompiler.compile(mainFile));
        StoryAssertions.assertWellFormed(result);
    }

    /** CRLF ends lines exactly like LF: the same diagnostics at the same lines and columns. */
    @Property(tries = 300)
    void crlfMovesNoDiagnostic(@ForAll("mutant") String text) {
        if (text.indexOf('\r') >= 0) {
            return;
        }
        CompileResult lf = compileAndCheck(text);
        CompileResult crlf = compileAndCheck(text.replace("\n", "\r\n"));
        assertEquals(positions(lf), positions(crlf));
    }

    /**
     * Edits that the spec says change nothing (indentation, blank lines, comments, CRLF) keep a
     * valid story valid and compile it to the same story, line numbers aside.
     */
    @Property(tries = 300)
    void harmlessEditsChangeNothing(@ForAll("validSeed") String text, @ForAll("harmlessEdits") List<HarmlessEdit> edits) {
        CompileResult original = compileAndCheck(text);
        assertTrue(original.ok(), StoryAssertions.printAll(original));
        String edited = text;
        for (HarmlessEdit e : edits) {
            edited = e.apply(edited);
        }
        CompileResult result = compileAndCheck(edited);
        assertEquals(List.of(), describe(result), "diagnostics after harmless edits of a valid story:\n" + edited);
        assertEquals(withoutLines(original), withoutLines(result), "the compiled story after harmless edits:\n" + edited);
    }

    /** A block comment after a header's value is a comment, not part of the value. */
    @Example
    void aBlockCommentAfterAHeaderValueIsNotPartOfIt() {
        CompileResult result = compileAndCheck("title: The Heist /* working title */\n=== start ===\nshot 1s color \"#000000\"\n-> END\n");
        assertTrue(result.ok(), StoryAssertions.printAll(result));
        assertEquals("The Heist", result.story().title());
    }

    /** The stories the mutations start from are valid, so that mutants are near misses. */
    @Example
    void theSeedsAreValidStories() throws IOException {
        assertTrue(SEEDS.size() >= 4, "seeds: " + SEEDS.size());
        for (Path file : validFiles()) {
            if (file.getFileName().toString().equals("vault.story")) {
                continue; // included by heist/main.story
            }
            CompileResult result = StoryCompiler.compile(file, file.getFileName().toString(), SourceReader.DISK);
            assertTrue(result.ok(), file + ":\n" + StoryAssertions.printAll(result));
            assertTrue(result.diagnostics().isEmpty(), file + ":\n" + StoryAssertions.printAll(result));
        }
    }

    // ---- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().all().ofMaxLength(400);
    }

    @Provide
    Arbitrary<String> anyCodePoints() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x0A, 0x0D, 0x09, 0x00, 0x22, 0x7B, 0x7D, 0x3D)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x10FFFF)));
        return codePoint.list().ofMaxSize(300).map(cps -> {
            StringBuilder b = new StringBuilder();
            cps.forEach(b::appendCodePoint);
            return b.toString();
        });
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(120).map(list -> String.join(" ", list));
    }

    @Provide
    Arbitrary<String> mutant() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(TOKENS), anyCodePoints().map(s -> s.length() > 3 ? s.substring(0, 3) : s));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0), piece).as(Mutation::new);
        return Combinators.combine(seed, mutation.list().ofMinSize(1).ofMaxSize(8)).as((text, mutations) -> {
            String s = text;
            for (Mutation m : mutations) {
                s = m.apply(s);
            }
            return s;
        });
    }

    @Provide
    Arbitrary<String> validSeed() {
        return Arbitraries.of(VALID_SINGLE_FILES);
    }

    @Provide
    Arbitrary<List<HarmlessEdit>> harmlessEdits() {
        return Combinators.combine(Arbitraries.of(Harmless.values()), Arbitraries.integers().greaterOrEqual(0))
                .as(HarmlessEdit::new).list().ofMinSize(1).ofMaxSize(10);
    }

    enum Harmless { BLANK_LINE, INDENT, TRAILING_BLANKS, LINE_COMMENT, COMMENT_LINE, BLOCK_COMMENT, BLOCK_COMMENT_OVER_LINES, CRLF }

    /** An edit that changes no meaning; it only touches lines outside block comments. */
    record HarmlessEdit(Harmless kind, int where) {

        String apply(String s) {
            if (kind == Harmless.CRLF) {
                return s.replace("\r\n", "\n").replace("\n", "\r\n");
            }
            String eol = s.contains("\r\n") ? "\r\n" : "\n";
            List<String> lines = new ArrayList<>(Arrays.asList(s.split(eol, -1)));
            List<Integer> code = codeLines(lines);
            if (code.isEmpty()) {
                return s;
            }
            int i = code.get(where % code.size());
            String line = lines.get(i);
            if (line.contains("//") && (kind == Harmless.BLOCK_COMMENT || kind == Harmless.BLOCK_COMMENT_OVER_LINES)) {
                return s; // after a line comment, "/*" is part of that comment: this edit would not be harmless
            }
            switch (kind) {
                case BLANK_LINE -> lines.add(i, where % 2 == 0 ? "" : "   ");
                case INDENT -> lines.set(i, (where % 2 == 0 ? "    " : "\t") + line);
                case TRAILING_BLANKS -> lines.set(i, line + (where % 2 == 0 ? "   " : "\t"));
                case LINE_COMMENT -> lines.set(i, line + " // a note");
                case COMMENT_LINE -> lines.add(i, "// a line of notes");
                case BLOCK_COMMENT -> lines.set(i, line + " /* a note */");
                default -> lines.set(i, line + " /* a note" + eol + "   that goes on */");
            }
            return String.join(eol, lines);
        }

        /** Indexes of the non-empty lines that are not inside (or the start of) a block comment. */
        private static List<Integer> codeLines(List<String> lines) {
            List<Integer> code = new ArrayList<>();
            boolean inComment = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean opens = line.contains("/*");
                if (!inComment && !opens && !line.isBlank()) {
                    code.add(i);
                }
                if (opens && !line.substring(line.indexOf("/*")).contains("*/")) {
                    inComment = true;
                }
                if (inComment && line.contains("*/") && !(opens && line.lastIndexOf("/*") > line.lastIndexOf("*/"))) {
                    inComment = false;
                }
            }
            return code;
        }
    }

    enum Kind { DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, MOVE_LINE, INSERT_PIECE, INSERT_LINE, CUT, FLIP_CHAR, DELETE_RUN, REPLACE_WORD }

    /** One edit of a story's text; {@code a} and {@code b} choose where, whatever the text's length. */
    record Mutation(Kind kind, int a, int b, String piece) {

        String apply(String s) {
            List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
            int n = lines.size();
            int at = s.isEmpty() ? 0 : a % (s.length() + 1);
            switch (kind) {
                case DELETE_LINE -> lines.remove(a % n);
                case DUPLICATE_LINE -> lines.add(a % n, lines.get(a % n));
                case SWAP_LINES -> java.util.Collections.swap(lines, a % n, b % n);
                case MOVE_LINE -> lines.add(b % n, lines.remove(a % n));
                case INSERT_LINE -> lines.add(a % (n + 1), piece);
                case INSERT_PIECE -> {
                    return s.substring(0, at) + piece + s.substring(at);
                }
                case CUT -> {
                    return s.substring(0, at);
                }
                case FLIP_CHAR -> {
                    char c = piece.isEmpty() ? ' ' : piece.charAt(0);
                    return at >= s.length() ? s + c : s.substring(0, at) + c + s.substring(at + 1);
                }
                case DELETE_RUN -> {
                    return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + b % 12));
                }
                default -> {
                    int start = at;
                    while (start < s.length() && !Character.isLetter(s.charAt(start))) {
                        start++;
                    }
                    int end = start;
                    while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
                        end++;
                    }
                    return s.substring(0, start) + piece + s.substring(end);
                }
            }
            return String.join("\n", lines);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static CompileResult compileAndCheck(String text) {
        CompileResult result = StoryAssertions.compileString("fuzz.story", text);
        StoryAssertions.assertWellFormed(result);
        if (!result.ok()) {
            assertFalse(result.diagnostics().stream().noneMatch(Diagnostic::isError), "a refused story has an error");
        }
        return result;
    }

    private static List<String> positions(CompileResult result) {
        return result.diagnostics().stream().map(d -> d.code() + " " + d.line() + ":" + d.column()).toList();
    }

    /** The compiled story as JSON, without the line numbers that blank lines and comments shift. */
    private static String withoutLines(CompileResult result) {
        return io.branchline.story.model.StoryJson.write(result.story()).replaceAll("\"line\" : \\d+", "\"line\" : 0");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> describe(CompileResult result) {
        return result.diagnostics().stream().map(Diagnostic::headline).toList();
    }

    /** The valid stories of the test resources, and those of the project's ../stories folder when it exists. */
    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        List<Path> files = new ArrayList<>(validFiles());
        Path stories = Path.of("..", "stories");
        if (Files.isDirectory(stories)) {
            try (Stream<Path> walk = Files.walk(stories)) {
                walk.filter(p -> p.toString().endsWith(".story") && Files.isRegularFile(p)).sorted().limit(100).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path file : files) {
            try {
                if (Files.size(file) <= 64 * 1024) {
                    seeds.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(seeds);
    }

    private static List<Path> validFiles() {
        try (Stream<Path> walk = Files.walk(InvalidStoriesTest.resource("valid"))) {
            return walk.filter(p -> p.toString().endsWith(".story")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
