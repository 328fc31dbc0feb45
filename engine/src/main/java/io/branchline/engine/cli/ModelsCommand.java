package io.branchline.engine.cli;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.models.InstalledModel;
import io.branchline.renderer.models.ModelRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code branchline models list|check DIR}: what a models folder holds, and whether each model fits its backend. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Shows the real models installed in a models folder (docs/models.md).",
                "It holds an SD-Turbo export at its top, a depth model in depth/model.onnx and style networks in styles/NAME.onnx."},
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.CheckModels.class})
final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code branchline models list DIR}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists each model in DIR with its size and SHA-256 (missing parts of an export are reported).",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:listed", "1:nothing is installed, or an export misses parts", "2:bad usage"})
    static final class ListModels extends OnFolder {
        ListModels() {
            super(false);
        }
    }

    /** {@code branchline models check DIR}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Opens each model in DIR on the CPU and checks its inputs and outputs against what its backend expects.",
                    "It prints each model's SHA-256 and every problem (names, element types, shapes)."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:every model fits", "1:a model is wrong or missing parts, or nothing is installed", "2:bad usage"})
    static final class CheckModels extends OnFolder {
        CheckModels() {
            super(true);
        }
    }

    /** What {@code list} and {@code check} share: the folder, and showing it (checked or not). */
    abstract static class OnFolder implements Callable<Integer> {

        private final boolean check;

        @Parameters(paramLabel = "DIR", description = "the models folder")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        OnFolder(boolean check) {
            this.check = check;
        }

        @Override
        public Integer call() {
            return show(spec, dir, check);
        }
    }

    static int show(CommandLine.Model.CommandSpec spec, Path dir, boolean check) {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such models folder: '" + dir + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<InstalledModel> models;
        try {
            models = check ? ModelRegistry.check(dir) : ModelRegistry.list(dir);
        } catch (RenderException e) {
            err.println("models: " + e.getMessage());
            return 1;
        }
        if (models.isEmpty()) {
            err.println("models: nothing is installed in " + dir + "; expected model_index.json of an SD-Turbo export,"
                    + " depth/model.onnx or styles/NAME.onnx (docs/models.md)");
            return 1;
        }
        out.println("Models in " + dir.toAbsolutePath().normalize() + ":");
        int wrong = 0;
        for (InstalledModel model : models) {
            String verdict = model.ok() ? (check ? "ok" : "") : "WRONG";
            out.printf(Locale.ROOT, "  %-28s %-26s %10s  sha256 %s  %s%n", model.path(), model.what(),
                    size(model.bytes()), model.sha256(), verdict);
            for (String problem : model.problems()) {
                out.println("      - " + problem);
            }
            wrong += model.ok() ? 0 : 1;
        }
        if (models.stream().anyMatch(m -> m.path().equals("."))) {
            out.println("  (the export's sha256 is that of the manifest of its files, each with its own SHA-256: its identity in content keys)");
        }
        out.flush();
        if (wrong > 0) {
            err.println("models: " + CheckCommand.plural(wrong, "model is", "models are") + " not what "
                    + (wrong == 1 ? "its backend expects" : "their backends expect") + " (see above)");
            return 1;
        }
        return 0;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
