package io.branchline.engine.cli;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.models.ModelsDirectory;
import io.branchline.renderer.models.SdTurboExport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --models DIR} flag of {@code serve}, {@code render} and {@code render-node} (docs/models.md). */
final class ModelsFlag {

    @Option(names = "--models", paramLabel = "DIR",
            description = "a folder of real models (docs/models.md): generated shots come from its SD-Turbo export;"
                    + " default: the BRANCHLINE_MODELS folder if set, else the built-in abstract generator")
    Path models;

    /**
     * The models folder in use (the flag, else {@code -Dbranchline.models} or {@code BRANCHLINE_MODELS}),
     * or null for none.
     *
     * @throws Unusable when the folder is missing or holds an incomplete SD-Turbo export
     */
    Path folder() throws Unusable {
        Path folder;
        try {
            folder = ModelsDirectory.configured(models);
        } catch (RenderException e) {
            throw new Unusable(e.getMessage());
        }
        if (folder != null) {
            SdTurboExport export = ModelsDirectory.sdTurbo(folder);
            List<String> missing = export.present() ? export.missing() : List.of();
            if (!missing.isEmpty()) {
                throw new Unusable(folder + " holds an incomplete SD-Turbo export: " + String.join("; ", missing)
                        + " (run 'branchline models check " + folder + "')");
            }
        }
        return folder;
    }

    /** A models folder that cannot be used, with the reason. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }
}
