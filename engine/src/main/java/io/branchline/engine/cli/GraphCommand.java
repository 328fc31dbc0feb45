package io.branchline.engine.cli;

import io.branchline.engine.policy.PolicedCompiler;
import io.branchline.story.CompileResult;
import io.branchline.story.diag.Diagnostic;
import io.branchline.story.diag.DiagnosticPrinter;
import io.branchline.story.model.StoryJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import io.branchline.engine.stories.StoryFinder;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline graph FILE --format dot|mermaid|json}: the story map. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Prints the story map: scenes, and the diverts, options and questions between them.",
                "FILE is the story's main .story file, or its folder when that holds one story.",
                "json is the compiled story graph the engine runs."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the map was printed", "1:the story has errors (they are printed instead)", "2:bad usage"})
final class GraphCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the story's main .story file, or the story's folder")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "dot (Graphviz, default), mermaid or json")
    Format format = Format.dot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum Format { dot, mermaid, json }

    /** The one story in {@code folder}; a folder with none or several is a usage mistake that says which. */
    private Path mainFileOf(Path folder) {
        List<Path> mains = StoryFinder.mainFiles(folder);
        if (mains.size() == 1) {
            return mains.get(0);
        }
        if (mains.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no .story files in the folder '" + folder
                    + "' (graph takes a story's main .story file or its folder)");
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "the folder '" + folder + "' holds "
                + mains.size() + " stories (" + mains.stream().map(p -> folder.relativize(p).toString()).collect(Collectors.joining(", "))
                + "); name one of their .story files");
    }

    @Override
    public Integer call() {
        if (Files.isDirectory(file)) {
            file = mainFileOf(file);
        } else if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file or folder: '" + file
                    + "' (graph takes a story's main .story file or its folder)");
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
