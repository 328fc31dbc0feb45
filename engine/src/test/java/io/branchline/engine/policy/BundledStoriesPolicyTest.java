package io.branchline.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.stories.StoryFinder;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.eval.AnswerRules;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.model.ShotSource;
import io.branchline.story.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy refuses nothing the bundled stories ask for: no false positive on real prompts and answers. */
class BundledStoriesPolicyTest {

    private static final Set<Code> POLICY = EnumSet.of(Code.BL0070, Code.BL0071, Code.BL0072, Code.BL0107);

    static Path stories() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("stories")) && Files.exists(p.resolve("pom.xml"))) {
                return p.resolve("stories");
            }
        }
        throw new IllegalStateException("no stories/ folder above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyBundledStoryCompilesWithoutAPolicyDiagnostic() {
        List<Path> mains = StoryFinder.mainFiles(stories());
        assertTrue(mains.size() >= 3, mains.toString());
        int prompts = 0;
        for (Path main : mains) {
            CompileResult r = PolicedCompiler.compile(main);
            List<String> flagged = r.diagnostics().stream().filter(d -> POLICY.contains(d.code())).map(Diagnostic::headline).toList();
            assertEquals(List.of(), flagged, main.toString());
            assertTrue(r.ok(), main + ": " + r.diagnostics());
            prompts += generatePrompts(r.story().scenes().stream().flatMap(s -> s.body().stream()).toList());
        }
        assertTrue(prompts >= 60, "the stories' generate prompts were all checked: " + prompts);
    }

    @Test
    void theBundledStoriesDefaultAnswersPass() {
        AnswerCheck answers = new AnswerCheck(PromptPolicy.configured());
        int asks = 0;
        for (Path main : StoryFinder.mainFiles(stories())) {
            CompiledStory story = PolicedCompiler.compile(main).story();
            for (CompiledStory.Scene scene : story.scenes()) {
                for (Step s : scene.body()) {
                    if (s instanceof Step.Ask ask && ask.defaultAnswer() != null) {
                        String text = AnswerRules.clean(ask.defaultAnswer().pieces().get(0).text());
                        assertEquals(java.util.Optional.empty(), answers.refusal(story, ask.variable(), text), main + ": " + text);
                        asks++;
                    }
                }
            }
        }
        assertTrue(asks >= 3, "asks checked: " + asks);
    }

    private static int generatePrompts(List<Step> steps) {
        int n = 0;
        for (Step s : steps) {
            if (s instanceof Step.Shot shot && shot.source() instanceof ShotSource.Generate) {
                n++;
            } else if (s instanceof Step.If ifs) {
                for (Step.Arm a : ifs.arms()) {
                    n += generatePrompts(a.body());
                }
                n += generatePrompts(ifs.otherwise());
            }
        }
        return n;
    }
}
