package io.branchline.story.check;

import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Text;
import io.branchline.story.ast.Walk;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.source.Span;
import java.util.List;

/** Hands every prompt of a story to a {@link PromptCheck} and reports what it finds where the prompt is written. */
final class PromptChecker {

    private PromptChecker() {
    }

    static void check(List<StoryFile> files, StoryHeader header, PromptCheck check, Diagnostics diagnostics) {
        if (check == PromptCheck.NONE) {
            return;
        }
        List<CompiledStory.Consent> consents = header.consents();
        StoryFile main = files.get(0);
        for (StoryFile.Header h : main.headers()) {
            if (h.key().equals("style") && header.style() != null) {
                report(header.style(), h.value(), false, check, consents, diagnostics);
            }
        }
        for (StoryFile file : files) {
            for (StoryFile.Scene scene : file.scenes()) {
                Walk.statements(scene.body(), s -> {
                    if (s instanceof Stmt.Shot shot) {
                        if (shot.source() instanceof Stmt.Generate g) {
                            prompt(g.prompt(), check, consents, diagnostics);
                        }
                        if (shot.style() != null) {
                            prompt(shot.style(), check, consents, diagnostics);
                        }
                    }
                });
            }
        }
    }

    private static void prompt(Text text, PromptCheck check, List<CompiledStory.Consent> consents, Diagnostics diagnostics) {
        StringBuilder b = new StringBuilder();
        for (Text.Part p : text.parts()) {
            b.append(p instanceof Text.Literal l ? l.text() : " ");
        }
        report(b.toString(), text.span(), true, check, consents, diagnostics);
    }

    /**
     * Places each finding under the words at fault when the prompt is written as it reads (no
     * escape, no interpolation), else under the whole prompt.
     */
    private static void report(String text, Span span, boolean quoted, PromptCheck check, List<CompiledStory.Consent> consents,
                                Diagnostics diagnostics) {
        String written = span.text();
        int lead = quoted ? 1 : written.indexOf(text);
        boolean verbatim = lead >= 0 && written.startsWith(text, lead);
        for (PromptCheck.Finding f : check.check(text, consents)) {
            Span at = span;
            if (verbatim && f.start() >= 0 && f.end() <= text.length() && f.start() <= f.end()) {
                at = new Span(span.file(), span.start() + lead + f.start(), span.start() + lead + f.end());
            }
            diagnostics.report(f.code(), at, f.message());
        }
    }
}
