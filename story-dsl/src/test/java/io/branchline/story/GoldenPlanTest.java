package io.branchline.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.branchline.story.check.IncludeScanner;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.eval.Evaluator;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.eval.SceneVisit;
import io.branchline.story.eval.Terminal;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.StoryJson;
import io.branchline.story.model.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each golden story is compiled and played with the {@link Evaluator} by
 * following its <em>plan</em>, a small text file that says what the viewer does and what
 * the story must show. The model is Yarn Spinner's test plans.
 *
 * <h2>Where the stories are</h2>
 * <ul>
 * <li>{@code src/test/resources/golden/NAME.story} with {@code NAME.plan} beside it. Every {@code .story}
 * file there that no other file there includes is a golden story.</li>
 * <li>The bundled example stories, {@code ../stories/ID/ID.story} (from the module's folder), with their
 * plans in {@code src/test/resources/golden/bundled/ID.plan}.</li>
 * </ul>
 * A golden story without a plan fails, and so does a plan without a story. A folder in
 * {@code ../stories} without a plan is a story of the author's own ({@code branchline new} puts
 * one there): it is not played, but it must compile with no error.
 *
 * <h2>The plan format</h2>
 * A plan is UTF-8 text, one statement per line. Blank lines and lines whose first non-blank
 * character is {@code #} are ignored. Outside double quotes, runs of spaces and tabs count as one.
 * Strings are in double quotes, with the escapes {@code \" \\ \n \r \t}, and a backslash, {@code u} and
 * four hex digits for any other control character.
 *
 * <p>Lines before the first playthrough describe the compiled story, the header line first:
 * <pre>
 * header title "T" [author "A"] format 720x1280 30fps segment 2s [style "S"] start SCENE language en label "AI-generated"
 *     optional; when given, the compiled header must be exactly this (author and style only when set)
 * warning BL0104 FILE:LINE
 * error BL0054 FILE:LINE
 *     one line per diagnostic the compiler reports, in its order (FILE is the file's name only);
 *     without such lines the story must compile with no diagnostic at all. A plan that expects an
 *     error has no playthroughs: it tests the checker only.
 * </pre>
 *
 * <p>The rest is one or more <em>playthroughs</em>, separated by a line {@code ---}. Each starts a
 * fresh viewer at the story's start scene. A playthrough is a transcript: the lines the story
 * shows, with the viewer's input and assertions in between, in order.
 *
 * <p>What the story shows (compared exactly, in order):
 * <pre>
 * scene ID            a scene entered: every scene of a visit's route, including shot-less scenes that only route onwards
 * scene ID (N times)  the same scene entered N times in a row (a shot-less scene routing to itself)
 * shot KIND DURATION WHAT [caption "C"] [transition KIND DURATION] [style "S"] [audio "P" volume V] [disclosed] [seed N]
 *     a resolved shot of the scene's video. KIND is generate, title, color, image or clip. DURATION is
 *     4s or 1500ms (whole seconds as s, else ms). WHAT is the prompt (the story's style appended) or the
 *     title text in quotes, the colour as #rrggbb, "PATH" motion M for an image, "PATH" from T [to T] for a clip.
 *     transition only when it is not a cut; disclosed when the shot carries the AI disclosure label.
 *     The seed is compared only when the plan's line ends with "seed N".
 * choice WINDOW [cut] OPTION...
 *     the options shown, each INDEX[@POSITION]:"LABEL"->TARGET[*][(weight W)]: INDEX is what the
 *     viewer picks by, @POSITION is shown when the option's place among all written options differs,
 *     * marks the option taken on timeout, weight is shown when it is not 1.
 * ask VARIABLE "QUESTION" WINDOW [default "TEXT"] -> TARGET
 * refused "PROBLEM"   the viewer's answer was refused; the question stays open
 * end                 the story ended
 * stopped "MESSAGE"   the story stopped with this message to the viewer
 * </pre>
 * A visit that ends by going on to another scene shows no terminal line: the next {@code scene} line follows.
 *
 * <p>What the viewer does:
 * <pre>
 * pick N              takes the option with index N of the open choice
 * timeout             lets the window of the open choice or question run out
 * answer "TEXT"       types an answer to the open question
 * </pre>
 *
 * <p>Assertions about the viewer's state after the latest visit or input:
 * <pre>
 * var NAME = VALUE    VALUE as a literal: 3, 2.5, -1, "Mara", true
 * visits SCENE = N
 * </pre>
 *
 * <p>A playthrough must reach {@code end} or {@code stopped}; where the plan's input does not fit
 * (a pick while a question is open, an option that is not shown, input after the end, a plan that
 * stops while the story waits), the transcript gets a line starting with {@code !} and fails.
 * Every story is played twice: as
 * compiled, and after a JSON round trip of the compiled story ({@link StoryJson#write} then
 * {@link StoryJson#read}); the round-tripped story must equal the original and play the same.
 * When a plan does not match, the transcript the story really gave is written to
 * {@code target/golden-actual/NAME.plan} to compare with.
 */
class GoldenPlanTest {

    /** The module's folder: Maven runs tests there; from the repository root it is story-dsl. */
    private static final Path MODULE = Files.isDirectory(Path.of("src", "test", "resources", "golden")) ? Path.of("")
            : Path.of("story-dsl");
    private static final Path GOLDEN = MODULE.resolve(Path.of("src", "test", "resources", "golden"));
    private static final Path BUNDLED_PLANS = GOLDEN.resolve("bundled");
    private static final Path BUNDLED_STORIES = MODULE.resolve(Path.of("..", "stories")).normalize();
    private static final Path ACTUAL = MODULE.resolve(Path.of("target", "golden-actual"));

    /** A golden story and where its plan is (or should be). */
    record Golden(String name, Path story, Path plan) {
    }

    @TestFactory
    Stream<DynamicTest> goldenStories() {
        List<Golden> all = findGoldenStories();
        assertFalse(all.isEmpty(), "no golden stories found under " + GOLDEN.toAbsolutePath());
        return all.stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> play(g)));
    }

    /** The folders in ../stories without a plan: stories an author made there, compiled but not played. */
    @TestFactory
    Stream<DynamicTest> authorsOwnStoriesCompileClean() throws IOException {
        if (!Files.isDirectory(BUNDLED_STORIES)) {
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(BUNDLED_STORIES)) {
            return dirs.filter(Files::isDirectory).sorted()
                    .filter(dir -> !Files.isRegularFile(BUNDLED_PLANS.resolve(dir.getFileName() + ".plan")))
                    .map(dir -> DynamicTest.dynamicTest("stories/" + dir.getFileName() + " (no plan: compiled only)", () -> {
                        Path story = dir.resolve(dir.getFileName() + ".story");
                        assertTrue(Files.isRegularFile(story), "no story file " + story);
                        CompileResult result = StoryCompiler.compile(story);
                        assertTrue(result.ok(), story + " does not compile: " + result.diagnostics());
                    })).toList().stream();
        }
    }

    /** Lists the golden folders: every story needs a plan, every plan a story. */
    @TestFactory
    Stream<DynamicTest> everyGoldenStoryHasAPlan() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Golden> all = findGoldenStories();
        Set<Path> plans = new HashSet<>();
        for (Golden g : all) {
            plans.add(g.plan().toAbsolutePath().normalize());
            tests.add(DynamicTest.dynamicTest("plan for " + g.name(), () -> assertTrue(Files.isRegularFile(g.plan()),
                    "the golden story " + g.story() + " has no plan; expected " + g.plan())));
        }
        for (Path folder : List.of(GOLDEN, BUNDLED_PLANS)) {
            for (Path plan : list(folder, ".plan")) {
                tests.add(DynamicTest.dynamicTest("story for " + folder.relativize(plan), () -> assertTrue(
                        plans.contains(plan.toAbsolutePath().normalize()), "the plan " + plan + " has no golden story")));
            }
        }
        tests.add(DynamicTest.dynamicTest("bundled stories", () -> assertTrue(Files.isDirectory(BUNDLED_STORIES),
                "the bundled stories are missing: " + BUNDLED_STORIES.toAbsolutePath())));
        return tests.stream();
    }

    private static List<Golden> findGoldenStories() {
        List<Golden> all = new ArrayList<>();
        for (Path story : mainFiles(list(GOLDEN, ".story"))) {
            String name = stem(story);
            all.add(new Golden(name, story, GOLDEN.resolve(name + ".plan")));
        }
        if (Files.isDirectory(BUNDLED_STORIES)) {
            try (Stream<Path> dirs = Files.list(BUNDLED_STORIES)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    String id = dir.getFileName().toString();
                    if (!Files.isRegularFile(BUNDLED_PLANS.resolve(id + ".plan"))) {
                        continue;   // an author's own story: see authorsOwnStoriesCompileClean
                    }
                    all.add(new Golden("bundled/" + id, dir.resolve(id + ".story"), BUNDLED_PLANS.resolve(id + ".plan")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static List<Path> list(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files that no other file of the list includes. */
    private static List<Path> mainFiles(List<Path> files) {
        Set<Path> included = new HashSet<>();
        for (Path f : files) {
            included.addAll(IncludeScanner.includes(f));
        }
        return files.stream().filter(f -> !included.contains(f.toAbsolutePath().normalize())).toList();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    // ---------------------------------------------------------------- running one story

    private static void play(Golden g) throws IOException {
        assertTrue(Files.isRegularFile(g.story()), "no story file " + g.story());
        assertTrue(Files.isRegularFile(g.plan()), "the golden story " + g.story() + " has no plan; expected " + g.plan());
        Plan plan = Plan.parse(Files.readString(g.plan(), StandardCharsets.UTF_8));

        CompileResult result = StoryCompiler.compile(g.story());
        List<String> actualPrelude = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            actualPrelude.add(d.severity().word() + " " + d.code() + " " + d.span().file().path().getFileName() + ":" + d.line());
        }
        List<List<Line>> runs = new ArrayList<>();
        List<List<Line>> runsAgain = new ArrayList<>();
        if (result.ok()) {
            CompiledStory story = result.story();
            CompiledStory again = StoryJson.read(StoryJson.write(story));
            assertEquals(story, again, "the compiled story changed in a JSON round trip");
            if (plan.hasHeader()) {
                actualPrelude.add(0, header(story));
            }
            for (List<String> playthrough : plan.plays()) {
                runs.add(new Player(new Evaluator(story)).play(playthrough));
                runsAgain.add(new Player(new Evaluator(again)).play(playthrough));
            }
        } else {
            assertTrue(plan.prelude().stream().anyMatch(l -> l.startsWith("error ")), "the golden story has errors:\n"
                    + String.join("\n", result.diagnostics().stream().map(Diagnostic::headline).toList()));
        }

        String expected = plan.render();
        String actual = Plan.render(actualPrelude, runs, plan.plays());
        if (!expected.equals(actual)) {
            Files.createDirectories(ACTUAL.resolve(g.name()).getParent());
            Files.writeString(ACTUAL.resolve(g.name() + ".plan"), Plan.render(actualPrelude, runs, null), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "the story does not play as its plan " + g.plan() + " says (the transcript it gave is in "
                + ACTUAL.resolve(g.name() + ".plan") + ")");
        assertEquals(Plan.render(actualPrelude, runs, null), Plan.render(actualPrelude, runsAgain, null),
                "the story plays differently after a JSON round trip of its compiled form");
    }

    private static String header(CompiledStory s) {
        StringBuilder b = new StringBuilder("header title ").append(quote(s.title()));
        if (s.author() != null) {
            b.append(" author ").append(quote(s.author()));
        }
        b.append(" format ").append(s.format()).append(" segment ").append(duration(s.segmentMs()));
        if (s.style() != null) {
            b.append(" style ").append(quote(s.style()));
        }
        return b.append(" start ").append(s.start()).append(" language ").append(s.language())
                .append(" label ").append(quote(s.label())).toString();
    }

    // ---------------------------------------------------------------- the plan

    /** One line of a transcript; shot lines keep their seed, shown only where the plan asks for it. */
    record Line(String text, Long seed) {
        static Line of(String text) {
            return new Line(text, null);
        }

        String render(boolean withSeed) {
            return withSeed && seed != null ? text + " seed " + seed : text;
        }
    }

    /** A parsed plan: the lines before the first playthrough, and the playthroughs. */
    record Plan(List<String> prelude, List<List<String>> plays) {

        static final Pattern SEED = Pattern.compile(".* seed -?\\d+$");

        static Plan parse(String text) {
            List<String> prelude = new ArrayList<>();
            List<List<String>> plays = new ArrayList<>();
            List<String> current = null;
            for (String raw : text.split("\r\n|\r|\n", -1)) {
                String line = normalize(raw);
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.equals("---")) {
                    if (current != null) {
                        plays.add(current);
                    }
                    current = new ArrayList<>();
                    continue;
                }
                if (current == null && (line.startsWith("header ") || line.startsWith("warning ") || line.startsWith("error "))) {
                    prelude.add(line);
                    continue;
                }
                if (current == null) {
                    current = new ArrayList<>();
                }
                current.add(line);
            }
            if (current != null) {
                plays.add(current);
            }
            return new Plan(prelude, plays);
        }

        boolean hasHeader() {
            return prelude.stream().anyMatch(l -> l.startsWith("header "));
        }

        String render() {
            List<String> out = new ArrayList<>(prelude);
            for (List<String> play : plays) {
                out.add("---");
                out.addAll(play);
            }
            return String.join("\n", out);
        }

        /**
         * Renders a transcript; with the plan's playthroughs at hand, a shot line shows its seed
         * where the plan's line at the same place does.
         */
        static String render(List<String> prelude, List<List<Line>> runs, List<List<String>> plays) {
            List<String> out = new ArrayList<>(prelude);
            for (int r = 0; r < runs.size(); r++) {
                out.add("---");
                List<Line> run = runs.get(r);
                for (int i = 0; i < run.size(); i++) {
                    boolean withSeed = plays == null || (r < plays.size() && i < plays.get(r).size()
                            && SEED.matcher(plays.get(r).get(i)).matches());
                    out.add(run.get(i).render(withSeed));
                }
            }
            return String.join("\n", out);
        }
    }

    /** Trims a line and turns each run of blanks outside quotes into one space. */
    static String normalize(String raw) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        boolean blank = false;
        String s = raw.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                b.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    b.append(s.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == ' ' || c == '\t') {
                blank = true;
                continue;
            }
            if (blank) {
                b.append(' ');
                blank = false;
            }
            b.append(c);
            quoted = c == '"';
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- playing

    /** One viewer playing a story by a playthrough's inputs, writing down what the story shows. */
    static final class Player {
        private final Evaluator evaluator;
        private final List<Line> out = new ArrayList<>();
        private SceneVisit visit;
        private boolean over;

        Player(Evaluator evaluator) {
            this.evaluator = evaluator;
        }

        List<Line> play(List<String> playthrough) {
            show(evaluator.start());
            for (String line : playthrough) {
                if (line.equals("timeout") || line.startsWith("pick ") || line.startsWith("answer ")) {
                    if (over) {
                        out.add(Line.of("! '" + line + "' but the story is over"));
                        return out;
                    }
                    input(line);
                } else if (line.startsWith("var ") || line.startsWith("visits ")) {
                    out.add(Line.of(assertion(line)));
                }
            }
            if (!over) {
                out.add(Line.of("! the plan ends but the story waits for the viewer"));
            }
            return out;
        }

        private void show(SceneVisit v) {
            visit = v;
            while (true) {
                List<String> route = visit.route();
                for (int i = 0; i < route.size(); ) {
                    int run = 1;
                    while (i + run < route.size() && route.get(i + run).equals(route.get(i))) {
                        run++;
                    }
                    out.add(Line.of("scene " + route.get(i) + (run > 1 ? " (" + run + " times)" : "")));
                    i += run;
                }
                for (ResolvedShot shot : visit.shots()) {
                    out.add(new Line(shot(shot), shot.seed()));
                }
                Terminal t = visit.terminal();
                if (t instanceof Terminal.GoTo go) {
                    visit = evaluator.enter(go.scene(), visit.state());
                    continue;
                }
                if (t instanceof Terminal.End) {
                    out.add(Line.of("end"));
                    over = true;
                } else if (t instanceof Terminal.Stopped s) {
                    out.add(Line.of("stopped " + quote(s.message())));
                    over = true;
                } else if (t instanceof Terminal.Choice c) {
                    out.add(Line.of(choice(c)));
                } else if (t instanceof Terminal.Ask a) {
                    out.add(Line.of("ask " + a.variable() + " " + quote(a.question()) + " " + duration(a.windowMs())
                            + (a.defaultAnswer() == null ? "" : " default " + quote(a.defaultAnswer())) + " -> " + a.target()));
                }
                return;
            }
        }

        private void input(String line) {
            Terminal t = visit.terminal();
            Evaluator.Taken taken;
            if (line.equals("timeout")) {
                out.add(Line.of("timeout"));
                taken = t instanceof Terminal.Ask ? evaluator.answerTimeout(visit) : evaluator.chooseDefault(visit);
            } else if (line.startsWith("pick ")) {
                if (!(t instanceof Terminal.Choice c)) {
                    out.add(Line.of("! '" + line + "' but the story waits for an answer"));
                    over = true;
                    return;
                }
                int index = Integer.parseInt(line.substring(5).trim());
                out.add(Line.of("pick " + index));
                if (index < 0 || index >= c.options().size()) {
                    out.add(Line.of("! option " + index + " is not shown"));
                    over = true;
                    return;
                }
                taken = evaluator.choose(visit, index);
            } else {
                if (!(t instanceof Terminal.Ask)) {
                    out.add(Line.of("! '" + line + "' but the story waits for a pick"));
                    over = true;
                    return;
                }
                String text = unquote(line.substring(7).trim());
                out.add(Line.of("answer " + quote(text)));
                taken = evaluator.answer(visit, text);
                if (taken.problem() != null) {
                    out.add(Line.of("refused " + quote(taken.problem())));
                    visit = new SceneVisit(visit.route(), visit.shots(), visit.changes(), taken.state(), visit.terminal());
                    return;
                }
            }
            if (taken.problem() != null) {
                out.add(Line.of("stopped " + quote(taken.problem())));
                over = true;
                return;
            }
            if ("END".equals(taken.target())) {
                out.add(Line.of("end"));
                over = true;
                visit = new SceneVisit(visit.route(), visit.shots(), taken.changes(), taken.state(), new Terminal.End());
                return;
            }
            show(evaluator.enter(taken.target(), taken.state()));
        }

        private String assertion(String line) {
            Matcher var = Pattern.compile("var (\\w+) = .*").matcher(line);
            if (var.matches()) {
                Value v = visit.state().variables().get(var.group(1));
                return "var " + var.group(1) + " = " + (v == null ? "(no such variable)" : value(v));
            }
            Matcher visits = Pattern.compile("visits (\\w+) = .*").matcher(line);
            if (visits.matches()) {
                return "visits " + visits.group(1) + " = " + visit.state().visitsOf(visits.group(1));
            }
            return "! cannot read the assertion '" + line + "'";
        }
    }

    // ---------------------------------------------------------------- how things are written

    static String shot(ResolvedShot s) {
        StringBuilder b = new StringBuilder("shot ").append(s.kind()).append(' ').append(duration(s.durationMs())).append(' ');
        switch (s.kind()) {
            case "generate" -> b.append(quote(s.prompt()));
            case "title" -> b.append(quote(s.text()));
            case "color" -> b.append(s.color());
            case "image" -> b.append(quote(s.path())).append(" motion ").append(s.motion());
            case "clip" -> {
                b.append(quote(s.path())).append(" from ").append(duration(s.fromMs() == null ? 0 : s.fromMs()));
                if (s.toMs() != null) {
                    b.append(" to ").append(duration(s.toMs()));
                }
            }
            default -> b.append("?");
        }
        if (s.caption() != null) {
            b.append(" caption ").append(quote(s.caption()));
        }
        if (s.transition() != null && !s.transition().kind().equals("cut")) {
            b.append(" transition ").append(s.transition().kind()).append(' ').append(duration(s.transition().durationMs()));
        }
        if (s.style() != null) {
            b.append(" style ").append(quote(s.style()));
        }
        if (s.audio() != null) {
            b.append(" audio ").append(quote(s.audio().path())).append(" volume ").append(new Value.Num(s.audio().volume()).display());
        }
        if (s.disclosed()) {
            b.append(" disclosed");
        }
        return b.toString();
    }

    static String choice(Terminal.Choice c) {
        StringBuilder b = new StringBuilder("choice ").append(duration(c.windowMs()));
        if (c.cut()) {
            b.append(" cut");
        }
        for (Terminal.ShownOption o : c.options()) {
            b.append(' ').append(o.index());
            if (o.position() != o.index()) {
                b.append('@').append(o.position());
            }
            b.append(':').append(quote(o.label())).append("->").append(o.target());
            if (o.index() == c.defaultIndex()) {
                b.append('*');
            }
            if (o.weight() != 1) {
                b.append("(weight ").append(new Value.Num(o.weight()).display()).append(')');
            }
        }
        return b.toString();
    }

    static String duration(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static String value(Value v) {
        return v instanceof Value.Str s ? quote(s.value()) : v.display();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04X", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    static String unquote(String q) {
        if (q.length() < 2 || !q.startsWith("\"") || !q.endsWith("\"")) {
            fail("expected a string in double quotes in the plan but found " + q);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = q.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(q.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }
}
