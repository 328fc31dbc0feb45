package io.branchline.renderer.neural;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.models.ModelsDirectory;
import io.branchline.renderer.models.SdTurboExport;
import io.branchline.renderer.models.SdTurboGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The text encoder, frame generator and frame styler a renderer uses, chosen by configuration:
 * the system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT},
 * else {@value #DEFAULT}. {@code cppn} is the built-in set (MiniLM sentence embeddings, the
 * {@link CppnFrameGenerator} neural field and the {@link NeuralStyler}); other names come from
 * {@link NeuralBackend} implementations on the class path.
 *
 * <p>The three share one life: closing this closes them all.
 *
 * @param name      the backend's name
 * @param encoder   embeds prompts
 * @param generator makes the frames of generated shots
 * @param styler    applies a shot's style
 */
public record NeuralModels(String name, TextEncoder encoder, FrameGenerator generator, FrameStyler styler)
        implements AutoCloseable {

    public static final String PROPERTY = "branchline.generator";
    public static final String ENVIRONMENT = "BRANCHLINE_GENERATOR";
    public static final String DEFAULT = "cppn";

    /** Opens the backend that configuration names. */
    public static NeuralModels fromConfiguration() {
        return fromConfiguration(null);
    }

    /**
     * Opens the backend that configuration names, leaving any models folder aside: for a
     * renderer whose generated shots are made elsewhere (GPU workers) and that needs only the
     * encoder and styler.
     */
    public static NeuralModels configuredBackend() {
        return open(configuredName(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT)));
    }

    /**
     * Opens the backend that configuration names, with generated shots made by the SD-Turbo
     * export of the models folder when there is one ({@code modelsFlag}, else
     * {@code -Dbranchline.models} or {@code BRANCHLINE_MODELS}; see {@link ModelsDirectory}).
     * Without a models folder, or with one that holds no SD-Turbo export, nothing changes.
     *
     * @param modelsFlag the {@code --models} folder, or null
     * @throws RenderException when the folder is missing or its export is incomplete or wrong
     */
    public static NeuralModels fromConfiguration(java.nio.file.Path modelsFlag) {
        java.nio.file.Path models = ModelsDirectory.configured(modelsFlag);
        NeuralModels base = configuredBackend();
        SdTurboExport export = models == null ? null : ModelsDirectory.sdTurbo(models);
        if (export == null || !export.present()) {
            return base;
        }
        FrameGenerator generator;
        try {
            generator = SdTurboGenerator.open(export);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        base.generator().close();
        return new NeuralModels(base.name() + "+sd-turbo", base.encoder(), generator, base.styler());
    }

    /**
     * Opens the backend called {@code name}.
     *
     * @throws RenderException for a name no backend answers to, listing the known ones
     */
    public static NeuralModels open(String name) {
        TreeMap<String, NeuralBackend> backends = backends();
        NeuralBackend backend = backends.get(name);
        if (backend == null) {
            throw new RenderException("unknown generator \"" + name + "\" (set by -D" + PROPERTY + " or "
                    + ENVIRONMENT + "); known generators: " + String.join(", ", backends.keySet()));
        }
        return backend.open();
    }

    /** The names of the backends on the class path, built-in ones included, in order. */
    public static List<String> known() {
        return new ArrayList<>(backends().keySet());
    }

    /** The built-in set: MiniLM, the CPPN generator and the neural styler. */
    public static NeuralModels cppn() {
        TextEncoder encoder = MiniLmTextEncoder.load();
        try {
            return new NeuralModels(DEFAULT, encoder, new CppnFrameGenerator(encoder), new NeuralStyler(encoder));
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    static String configuredName(String property, String environment) {
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        if (environment != null && !environment.isBlank()) {
            return environment.trim();
        }
        return DEFAULT;
    }

    private static TreeMap<String, NeuralBackend> backends() {
        TreeMap<String, NeuralBackend> backends = new TreeMap<>();
        backends.put(DEFAULT, new NeuralBackend() {
            @Override
            public String name() {
                return DEFAULT;
            }

            @Override
            public NeuralModels open() {
                return cppn();
            }
        });
        for (NeuralBackend backend : ServiceLoader.load(NeuralBackend.class)) {
            backends.putIfAbsent(backend.name(), backend);
        }
        return backends;
    }

    @Override
    public void close() {
        try {
            styler.close();
        } finally {
            try {
                generator.close();
            } finally {
                encoder.close();
            }
        }
    }
}
