package io.branchline.renderer.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An SD-Turbo export as Hugging Face Optimum writes it into a models folder: {@code model_index.json},
 * {@code text_encoder/model.onnx}, {@code unet/model.onnx}, {@code vae_decoder/model.onnx} (each may
 * keep its weights beside it in {@code model.onnx_data}), {@code tokenizer/vocab.json} and
 * {@code merges.txt}, and, when present, {@code scheduler/scheduler_config.json} and
 * {@code vae_decoder/config.json}.
 *
 * @param root the models folder
 */
public record SdTurboExport(Path root) {

    /** The VAE's latent scaling factor of Stable Diffusion 1.x and 2.x, when the export does not say. */
    public static final double DEFAULT_VAE_SCALE = 0.18215;

    public Path modelIndex() {
        return root.resolve("model_index.json");
    }

    public Path textEncoder() {
        return root.resolve("text_encoder").resolve("model.onnx");
    }

    public Path unet() {
        return root.resolve("unet").resolve("model.onnx");
    }

    public Path vaeDecoder() {
        return root.resolve("vae_decoder").resolve("model.onnx");
    }

    public Path tokenizer() {
        return root.resolve("tokenizer");
    }

    /** Whether {@code root} holds an export at all (its {@code model_index.json}). */
    public boolean present() {
        return Files.isRegularFile(modelIndex());
    }

    /** The parts a usable export needs that are missing, each named; empty when all are there. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Path required : List.of(modelIndex(), textEncoder(), unet(), vaeDecoder(),
                tokenizer().resolve("vocab.json"), tokenizer().resolve("merges.txt"))) {
            if (!Files.isRegularFile(required)) {
                missing.add(root.relativize(required).toString().replace('\\', '/') + " is missing");
            }
        }
        return missing;
    }

    /** Every file of the export that decides its pictures, sorted. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(modelIndex())) {
            files.add(modelIndex());
        }
        for (String part : List.of("text_encoder", "unet", "vae_decoder", "tokenizer", "scheduler")) {
            files.addAll(ModelFiles.filesIn(root.resolve(part)));
        }
        return files;
    }

    /** The export's identity: the hash of the manifest of its files. */
    public String identity() {
        return ModelFiles.manifestHash(root, files());
    }

    /**
     * The sampler: the scheduler config's schedule, Euler ancestral unless the config names plain
     * Euler; SD-Turbo's model card schedule when the export has no config.
     *
     * @throws IOException when the config cannot be read or asks for what is not supported
     */
    public EulerScheduler scheduler() throws IOException {
        Path file = root.resolve("scheduler").resolve("scheduler_config.json");
        if (!Files.isRegularFile(file)) {
            return EulerScheduler.SD_TURBO;
        }
        JsonNode config = new ObjectMapper().readTree(file.toFile());
        String schedule = config.path("beta_schedule").asText("scaled_linear");
        if (!schedule.equals("scaled_linear")) {
            throw new IOException(file + ": beta_schedule \"" + schedule + "\" is not supported; expected scaled_linear");
        }
        try {
            return new EulerScheduler(config.path("num_train_timesteps").asInt(1000),
                    config.path("beta_start").asDouble(0.00085), config.path("beta_end").asDouble(0.012),
                    config.path("timestep_spacing").asText("trailing"), config.path("steps_offset").asInt(1),
                    config.path("prediction_type").asText("epsilon"),
                    !config.path("_class_name").asText("").equals("EulerDiscreteScheduler"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The VAE's latent scaling factor: {@code vae_decoder/config.json}'s, else 0.18215. */
    public double vaeScale() throws IOException {
        Path file = root.resolve("vae_decoder").resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return DEFAULT_VAE_SCALE;
        }
        double scale = new ObjectMapper().readTree(file.toFile()).path("scaling_factor").asDouble(DEFAULT_VAE_SCALE);
        if (!(scale > 0)) {
            throw new IOException(file + ": scaling_factor must be above 0, not " + scale);
        }
        return scale;
    }
}
