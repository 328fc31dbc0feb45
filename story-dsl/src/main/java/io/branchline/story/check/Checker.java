package io.branchline.story.check;

import io.branchline.story.CompileResult;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.model.CompiledStory;
import io.branchline.story.source.Span;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Runs every checker pass over a loaded story and, when no error is found, lowers it. */
public final class Checker {

    private Checker() {
    }

    /**
     * @param files the parsed files, the main file first (empty when it could not be read)
     * @param root  the story's folder
     */
    public static CompileResult check(List<StoryFile> files, Path root, Diagnostics diagnostics) {
        return check(files, root, PromptCheck.NONE, diagnostics);
    }

    /** As {@link #check(List, Path, Diagnostics)}, with every prompt also handed to {@code prompts}. */
    public static CompileResult check(List<StoryFile> files, Path root, PromptCheck prompts, Diagnostics diagnostics) {
        if (files.isEmpty()) {
            return new CompileResult(null, diagnostics.sorted(), sources(files));
        }
        StoryFile main = files.get(0);
        StoryHeader header = HeaderReader.read(main, files.subList(1, files.size()), diagnostics);
        Symbols symbols = Symbols.collect(files, diagnostics);
        if (symbols.scenes().isEmpty()) {
            String text = main.source().text();
            int first = 0;
            while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            diagnostics.report(Code.BL0004, new Span(main.source(), first, first),
                    "the story has no scenes; expected at least one scene line such as '=== start ===' after the header");
            return new CompileResult(null, diagnostics.sorted(), sources(files));
        }
        String start = start(header, main, symbols, diagnostics);
        String unreadable = diagnostics.syntaxErrorLines();
        Set<String> read = TypeChecker.check(files, symbols, diagnostics);
        for (StoryFile.VarDecl v : symbols.variables().values()) {
            // A variable named on a line that could not be parsed may be read there: "never read" would be a guess.
            if (!read.contains(v.name()) && !Pattern.compile("\\b" + v.name() + "\\b").matcher(unreadable).find()) {
                diagnostics.report(Code.BL0101, v.nameSpan(), "the variable '" + v.name()
                        + "' is never read; use it in a condition or in {" + v.name() + "}, or remove it");
            }
        }
        ShotChecker.check(files, diagnostics);
        PromptChecker.check(files, header, prompts, diagnostics);
        FlowChecker.check(files, diagnostics);
        GraphChecker.check(symbols, start, diagnostics);
        List<CompiledStory.Asset> assets = AssetChecker.check(files, root, diagnostics);
        if (diagnostics.hasErrors()) {
            return new CompileResult(null, diagnostics.sorted(), sources(files));
        }
        String id = storyId(main);
        return new CompileResult(Lowering.lower(id, header, start, symbols, assets, root), diagnostics.sorted(), sources(files));
    }

    private static List<Path> sources(List<StoryFile> files) {
        return files.stream().map(f -> f.source().path().toAbsolutePath().normalize()).toList();
    }

    private static String start(StoryHeader header, StoryFile main, Symbols symbols, Diagnostics diagnostics) {
        if (header.start() != null) {
            if (!symbols.scenes().containsKey(header.start().name())) {
                diagnostics.report(Code.BL0030, header.start().span(), "unknown scene '" + header.start().name() + "'"
                        + Suggest.didYouMean(header.start().name(), symbols.scenes().keySet()) + " named by 'start:'");
                return null;
            }
            return header.start().name();
        }
        return main.scenes().isEmpty() ? symbols.scenes().keySet().iterator().next() : main.scenes().get(0).id();
    }

    private static String storyId(StoryFile main) {
        Path name = main.source().path().getFileName();
        String file = name == null ? "story" : name.toString();
        return file.endsWith(".story") ? file.substring(0, file.length() - ".story".length()) : file;
    }
}
