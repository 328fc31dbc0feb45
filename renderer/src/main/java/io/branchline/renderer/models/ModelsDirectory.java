package io.branchline.renderer.models;

import io.branchline.renderer.RenderException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator's models folder: where real networks are installed ({@code docs/models.md} gives its
 * layout). It is chosen by the {@code --models DIR} flag of {@code serve}, {@code render} and
 * {@code render-node}, else the system property {@value #PROPERTY}, else the environment
 * variable {@value #ENVIRONMENT}; never by a story. Without one, the built-in generator is used.
 */
public final class ModelsDirectory {

    public static final String PROPERTY = "branchline.models";
    public static final String ENVIRONMENT = "BRANCHLINE_MODELS";

    private ModelsDirectory() {
    }

    /**
     * The folder configuration names: {@code flag} when given, else the property, else the
     * environment variable; null when none does.
     *
     * @throws RenderException when the named folder does not exist
     */
    public static Path configured(Path flag) {
        Path chosen = flag != null ? flag : named(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));
        if (chosen != null && !Files.isDirectory(chosen)) {
            throw new RenderException("the models folder " + chosen + " does not exist (set by "
                    + (flag != null ? "--models" : "-D" + PROPERTY + " or " + ENVIRONMENT) + "); expected a folder laid out as docs/models.md says");
        }
        return chosen;
    }

    static Path named(String property, String environment) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment.trim());
        }
        return null;
    }

    /** The SD-Turbo export at the folder's top, whether or not one is there. */
    public static SdTurboExport sdTurbo(Path dir) {
        return new SdTurboExport(dir);
    }

    /** Where a depth model is installed: {@code DIR/depth/model.onnx}. */
    public static Path depth(Path dir) {
        return dir.resolve("depth").resolve("model.onnx");
    }

    /** Where style networks are installed: {@code DIR/styles/NAME.onnx}. */
    public static Path styles(Path dir) {
        return dir.resolve("styles");
    }
}
