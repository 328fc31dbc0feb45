package io.branchline.engine.cli;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.branchline.engine.stories.StoryFinder;
import io.branchline.engine.stories.StoryViews;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline check PATH...}: prints every diagnostic of the stories named. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks stories and prints every mistake with file, line, column and a caret.",
                "A folder is searched for .story files; files that another file includes are checked as part of it."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:at least one error", "2:bad usage"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "story files or folders of stories")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--quiet", description = "print only errors and warnings, without the summary line")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum OutputFormat { text, json }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> mains = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> found = StoryFinder.mainFiles(path);
                if (found.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no .story files in the folder '" + path + "'");
                }
                mains.addAll(found);
            } else if (Files.exists(path)) {
                mains.add(path);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such file or folder: '" + path + "'");
            }
        }
        Map<Path, CompileResult> results = new LinkedHashMap<>();
        for (Path main : mains) {
            results.put(main, PolicedCompiler.compile(main));
        }
        long errors = results.values().stream().mapToLong(CompileResult::errorCount).sum();
        long warnings = results.values().stream().mapToLong(CompileResult::warningCount).sum();
        if (format == OutputFormat.json) {
            out.println(StoryViews.checkReport(results));
        } else {
            Terminal term = Terminal.detect();
            for (CompileResult result : results.values()) {
                for (Diagnostic d : result.diagnostics()) {
                    out.print(term.colour(DiagnosticPrinter.print(d), d));
                }
            }
            if (!quiet) {
                out.println("checked " + plural(results.size(), "story", "stories") + ": " + plural(errors, "error", "errors")
                        + ", " + plural(warnings, "warning", "warnings"));
            }
        }
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
