package io.branchline.engine.cli;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import io.branchline.story.model.StoryJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline graph FILE --format dot|mermaid|json}: the story map. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Prints the story map: scenes, and the diverts, options and questions between them.",
                "json is the compiled story graph the engine runs."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the map was printed", "1:the story has errors (they are printed instead)", "2:bad usage"})
final class GraphCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the story's main .story file")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "dot (Graphviz, default), mermaid or json")
    Format format = Format.dot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum Format { dot, mermaid, json }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such story file: '" + file + "'");
        }
        CompileResult result = PolicedCompiler.compile(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Diagnostic d : result.diagnostics()) {
            err.print(DiagnosticPrinter.print(d));
        }
        err.flush();
        if (!result.ok()) {
            err.println("graph: '" + file + "' has " + CheckCommand.plural(result.errorCount(), "error", "errors")
                    + "; fix them to see its map");
            err.flush();
            return 1;
        }
        out.print(switch (format) {
            case dot -> StoryMap.dot(result.story());
            case mermaid -> StoryMap.mermaid(result.story());
            case json -> StoryJson.write(result.story()) + "\n";
        });
        out.flush();
        return 0;
    }
}
