package io.branchline.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline new NAME [--dir DIR]}: a story folder to start from, that checks clean and plays at once. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Makes a folder for a new story that checks clean and plays at once.",
                "NAME/NAME.story is a commented template (a title card, a picture with motion, a generated shot and a timed choice with two endings); NAME/README.md says what the files, ids and assets are; NAME/assets/ holds a placeholder picture."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the folder was made", "1:it could not be written", "2:bad usage (a bad name, or the folder exists)"})
final class NewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "the story's name and id: lower-case letters, digits and hyphens, such as my-story")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "the folder to make it in (default: the stories folder that serve loads)")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<String> problem = StarterStory.problem(name);
        if (problem.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem.get());
        }
        Path bundled = BundledStories.folder();
        Path parent = dir != null ? dir : bundled;
        Path target = parent.resolve(name);
        if (Files.exists(target)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + target + "' already exists; pick another name"
                    + " or remove that folder (branchline new never writes over a story)");
        }
        boolean served = dir == null || sameFolder(dir, bundled);
        String shown = shown(target);
        String serveArg = served ? "" : " " + shown(parent);
        PrintWriter out = spec.commandLine().getOut();
        try {
            Files.createDirectories(parent);
            StarterStory.write(parent, name, shown, serveArg);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("branchline new: could not write '" + target + "': " + e.getMessage());
            return 1;
        }
        out.println("Made the story '" + name + "' in " + shown + "/ (" + name + ".story, README.md, assets/night.png)");
        out.println("  check it:  ./branchline check " + shown);
        out.println("  watch it:  ./branchline serve" + serveArg + "   then open http://localhost:8080/watch/" + name
                + " (the author's view: /studio/" + name + "; a running server picks the story up by itself)");
        out.flush();
        return 0;
    }

    private static boolean sameFolder(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** A path as the author would type it: relative to the working directory when it lies below it. */
    private static String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return abs.startsWith(here) && !abs.equals(here) ? here.relativize(abs).toString() : abs.toString();
    }
}
