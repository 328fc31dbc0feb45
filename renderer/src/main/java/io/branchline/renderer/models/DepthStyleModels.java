package io.branchline.renderer.models;

import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.media.DepthEstimator;
import io.branchline.renderer.media.DepthMap;
import java.awt.image.BufferedImage;
import io.branchline.renderer.neural.DepthModel;
import io.branchline.renderer.neural.FastStyleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The depth model and style networks an operator installed in a models folder:
 * {@code DIR/depth/model.onnx} (see {@link DepthModel}) and {@code DIR/styles/NAME.onnx}, the
 * style a story calls {@code NAME} (see {@link FastStyleModel}). The folder is chosen by the
 * operator ({@code --models DIR}, {@value ModelsDirectory#PROPERTY} or {@value ModelsDirectory#ENVIRONMENT}), never by a
 * story. Models are opened on first use and kept until {@link #close()}; their identities
 * (SHA-256 of the file) are read without opening them, for content keys.
 */
public final class DepthStyleModels implements AutoCloseable {

    /** What a style's file name may be: the name a story writes in {@code style "…"}. */
    private static final Pattern STYLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** No models installed: every image shot moves as a plain Ken Burns, every style is the default. */
    public static final DepthStyleModels NONE = new DepthStyleModels(null, null, Map.of());

    private final Path folder;
    private final Path depthFile;
    private final Map<String, Path> styleFiles;
    private DepthModel depth;
    private final Map<String, FastStyleModel> styles = new HashMap<>();
    private static final int MAPS_KEPT = 16;
    private final Map<String, DepthMap> maps = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DepthMap> eldest) {
            return size() > MAPS_KEPT;
        }
    };
    private boolean closed;

    private DepthStyleModels(Path folder, Path depthFile, Map<String, Path> styleFiles) {
        this.folder = folder;
        this.depthFile = depthFile;
        this.styleFiles = Collections.unmodifiableMap(new TreeMap<>(styleFiles));
    }

    /**
     * The models in {@code folder}.
     *
     * @throws RenderException when the folder does not exist
     */
    public static DepthStyleModels in(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RenderException("the models folder " + folder + " does not exist; expected a folder holding depth/model.onnx"
                    + " and/or styles/NAME.onnx");
        }
        Path depth = folder.resolve("depth").resolve("model.onnx");
        Map<String, Path> styles = new TreeMap<>();
        Path styleFolder = folder.resolve("styles");
        if (Files.isDirectory(styleFolder)) {
            try (Stream<Path> files = Files.list(styleFolder)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String file = f.getFileName().toString();
                    if (file.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                        String name = file.substring(0, file.length() - 5).toLowerCase(Locale.ROOT);
                        if (STYLE_NAME.matcher(name).matches()) {
                            styles.put(name, f);
                        }
                    }
                });
            } catch (IOException e) {
                throw new RenderException("cannot list the style models in " + styleFolder + ": " + e.getMessage());
            }
        }
        return new DepthStyleModels(folder, Files.isRegularFile(depth) ? depth : null, styles);
    }

    /** The folder that {@code -D}{@value ModelsDirectory#PROPERTY} or {@value ModelsDirectory#ENVIRONMENT} names, or {@link #NONE}. */
    public static DepthStyleModels fromConfiguration() {
        Path chosen = ModelsDirectory.configured(null);
        return chosen == null ? NONE : in(chosen);
    }

    /** The folder, or empty for {@link #NONE}. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** Whether a depth model is installed. */
    public boolean hasDepth() {
        return depthFile != null;
    }

    /** The installed style networks by the name a story gives them. */
    public Map<String, Path> styleFiles() {
        return styleFiles;
    }

    /** The depth model's identity (its file's SHA-256), or empty when none is installed. */
    public Optional<String> depthIdentity() {
        return depthFile == null ? Optional.empty() : Optional.of("depth:" + ContentKey.fileHash(depthFile));
    }

    /** The style a story's {@code style} names, when a network for it is installed: its name. */
    public Optional<String> styleName(String stylePrompt) {
        if (stylePrompt == null) {
            return Optional.empty();
        }
        String name = stylePrompt.strip().toLowerCase(Locale.ROOT);
        return styleFiles.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /** The identity (SHA-256 of the file) of the network a story's {@code style} names, or empty. */
    public Optional<String> styleIdentity(String stylePrompt) {
        return styleName(stylePrompt).map(name -> "style:" + name + ":" + ContentKey.fileHash(styleFiles.get(name)));
    }

    /**
     * The depth model, opened on first use; empty when none is installed.
     *
     * @throws RenderException when the installed file is not a depth model of the expected form
     */
    public synchronized Optional<DepthEstimator> depth() {
        if (depthFile == null) {
            return Optional.empty();
        }
        requireOpen();
        if (depth == null) {
            depth = DepthModel.open(depthFile);
        }
        return Optional.of(depth);
    }

    /**
     * The depth model for the picture in {@code file}, opened on first use; empty when none is
     * installed. Its maps are kept by the file's SHA-256 (the last {@value #MAPS_KEPT}), so the
     * visits that show one picture run the model once.
     */
    public Optional<DepthEstimator> depthFor(Path file) {
        return depthFor(ContentKey.fileHash(file));
    }

    /**
     * The depth model for the picture that {@code key} names (a file's SHA-256, a keyframe's
     * generator, prompt and seed), opened on first use; empty when none is installed.
     */
    public Optional<DepthEstimator> depthFor(String key) {
        Optional<DepthEstimator> model = depth();
        if (model.isEmpty()) {
            return model;
        }
        return Optional.of(new DepthEstimator() {
            @Override
            public DepthMap estimate(BufferedImage picture) {
                synchronized (maps) {
                    DepthMap kept = maps.get(key);
                    if (kept != null) {
                        return kept;
                    }
                }
                DepthMap map = model.get().estimate(picture);
                synchronized (maps) {
                    maps.put(key, map);
                }
                return map;
            }

            @Override
            public String identity() {
                return model.get().identity();
            }
        });
    }

    /**
     * The network a story's {@code style} names, opened on first use; empty when none is installed.
     *
     * @throws RenderException when the installed file is not a style network of the expected form
     */
    public synchronized Optional<FastStyleModel> style(String stylePrompt) {
        Optional<String> name = styleName(stylePrompt);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        requireOpen();
        return Optional.of(styles.computeIfAbsent(name.get(), n -> FastStyleModel.open(n, styleFiles.get(n))));
    }

    private void requireOpen() {
        if (closed) {
            throw new RenderException("the models of " + folder + " are closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (depth != null) {
            depth.close();
            depth = null;
        }
        styles.values().forEach(FastStyleModel::close);
        styles.clear();
    }
}
