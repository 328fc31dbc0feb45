package io.branchline.renderer.models;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.neural.OrtRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What is installed in a models folder ({@code docs/models.md}): an SD-Turbo export at its top,
 * a depth model in {@code depth/model.onnx} and style networks in {@code styles/NAME.onnx}. Listing
 * hashes the files; checking also opens each network on the CPU and compares its inputs and
 * outputs with what its backend expects.
 */
public final class ModelRegistry {

    /** The names the style backend answers to ({@link DepthStyleModels}). */
    private static final java.util.regex.Pattern STYLE_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ModelRegistry() {
    }

    /** The models in {@code dir} with their hashes, unchecked (missing parts of an export are problems). */
    public static List<InstalledModel> list(Path dir) {
        return scan(dir, false);
    }

    /** The models in {@code dir}, each opened and checked against its signature. */
    public static List<InstalledModel> check(Path dir) {
        return scan(dir, true);
    }

    private static List<InstalledModel> scan(Path dir, boolean check) {
        List<InstalledModel> found = new ArrayList<>();
        SdTurboExport export = ModelsDirectory.sdTurbo(dir);
        if (export.present()) {
            List<String> problems = new ArrayList<>(export.missing());
            if (check) {
                try {
                    export.scheduler();
                    export.vaeScale();
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
            found.add(new InstalledModel("SD-Turbo export", ".",
                    export.identity(), bytes(export.files()), problems));
            network(found, dir, export.textEncoder(), "SD-Turbo text encoder", SdTurboSignatures.TEXT_ENCODER, check);
            network(found, dir, export.unet(), "SD-Turbo UNet", SdTurboSignatures.UNET, check);
            network(found, dir, export.vaeDecoder(), "SD-Turbo VAE decoder", SdTurboSignatures.VAE_DECODER, check);
            Path tokenizer = export.tokenizer();
            if (Files.isDirectory(tokenizer)) {
                List<String> tokenizerProblems = new ArrayList<>();
                if (check) {
                    try {
                        ClipTokenizer.read(tokenizer);
                    } catch (IOException e) {
                        tokenizerProblems.add(e.getMessage());
                    }
                }
                List<Path> files = ModelFiles.filesIn(tokenizer);
                found.add(new InstalledModel("SD-Turbo tokenizer", relative(dir, tokenizer),
                        ModelFiles.manifestHash(dir, files), bytes(files), tokenizerProblems));
            }
        }
        Path depth = ModelsDirectory.depth(dir);
        if (Files.isRegularFile(depth)) {
            network(found, dir, depth, "depth model", DepthSignature.SIGNATURE, check);
        }
        for (Path style : ModelFiles.filesIn(ModelsDirectory.styles(dir))) {
            String name = style.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
                String styleName = name.substring(0, name.length() - 5).toLowerCase(Locale.ROOT);
                network(found, dir, style, "style \"" + styleName + "\"", StyleSignature.SIGNATURE, check);
                if (!STYLE_NAME.matcher(styleName).matches()) {
                    InstalledModel listed = found.remove(found.size() - 1);
                    List<String> problems = new ArrayList<>(listed.problems());
                    problems.add("\"" + styleName + "\" is not a name a story can give in style \"…\"; expected letters, digits, - and _");
                    found.add(new InstalledModel(listed.what(), listed.path(), listed.sha256(), listed.bytes(), problems));
                }
            }
        }
        return found;
    }

    private static void network(List<InstalledModel> found, Path dir, Path file, String what, ModelSignature signature, boolean check) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<Path> files = new ArrayList<>(List.of(file));
        Path data = file.resolveSibling(file.getFileName() + "_data");
        if (Files.isRegularFile(data)) {
            files.add(data);
        }
        List<String> problems = new ArrayList<>();
        if (check) {
            try (OrtRuntime.Session session = OrtRuntime.openOnCpu(file, what)) {
                problems.addAll(signature.problems(session.session()));
            } catch (RenderException e) {
                problems.add(e.getMessage());
            }
        }
        found.add(new InstalledModel(what, relative(dir, file), ModelFiles.sha256(file), bytes(files), problems));
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static long bytes(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // A file that vanished counts nothing; its hash has already failed loudly.
            }
        }
        return total;
    }
}
