package io.branchline.engine.cli;

import io.branchline.engine.media.ExampleMedia;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branchline example-media}: (re)writes the pictures, clips and sounds of the bundled
 * stories from the code that draws and synthesises them. Hidden: it is for people working on
 * Branchline, not for authors.
 */
@Command(name = "example-media", hidden = true, mixinStandardHelpOptions = true,
        description = {"Writes the images, clips and sounds of the bundled example stories into their assets/ folders.",
                "They are drawn and synthesised by code; the same code always writes the same bytes."})
final class ExampleMediaCommand implements Callable<Integer> {

    @Option(names = "--stories", paramLabel = "DIR", description = "the folder holding the story folders (default: the checkout's stories/)")
    Path stories;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path folder = stories != null ? stories : BundledStories.folder();
        if (!Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such folder: '" + folder + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<Path> files = ExampleMedia.write(folder);
        long total = 0;
        for (Path file : files) {
            long size = Files.size(file);
            total += size;
            out.printf("%-48s %8.1f kB%n", folder.relativize(file).toString().replace('\\', '/'), size / 1000.0);
        }
        out.printf("example-media: wrote %d files, %.2f MB, in %.1f s%n", files.size(), total / 1e6, (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }
}
