package io.branchline.renderer.models;

import ai.onnxruntime.OnnxJavaType;
import java.util.List;
import java.util.Set;

/**
 * What the SD-Turbo pipeline expects of the three networks of a Hugging Face Optimum export
 * ({@code optimum-cli export onnx --model stabilityai/sd-turbo}): names, element types and ranks as
 * Optimum writes them, batch and spatial axes of any size, the sequence 77 tokens long.
 */
public final class SdTurboSignatures {

    /** CLIP's text encoder: token ids (int32 or int64) to one hidden state per token. */
    public static final ModelSignature TEXT_ENCODER = new ModelSignature("the text encoder of an SD-Turbo export",
            List.of(new TensorSpec("input_ids", Set.of(OnnxJavaType.INT32, OnnxJavaType.INT64), new long[] {-1, ClipTokenizer.LENGTH})),
            List.of(TensorSpec.floats("last_hidden_state", -1, ClipTokenizer.LENGTH, -1)));

    /** The UNet: noisy latents, the timestep (int64 or float, as the export has it) and the text's hidden states. */
    public static final ModelSignature UNET = new ModelSignature("the UNet of an SD-Turbo export",
            List.of(TensorSpec.floats("sample", -1, 4, -1, -1),
                    new TensorSpec("timestep", Set.of(OnnxJavaType.INT64, OnnxJavaType.FLOAT), new long[] {-1}),
                    TensorSpec.floats("encoder_hidden_states", -1, ClipTokenizer.LENGTH, -1)),
            List.of(TensorSpec.floats("out_sample", -1, 4, -1, -1)));

    /** The VAE's decoder: latents to an RGB picture eight times larger, values about -1..1. */
    public static final ModelSignature VAE_DECODER = new ModelSignature("the VAE decoder of an SD-Turbo export",
            List.of(TensorSpec.floats("latent_sample", -1, 4, -1, -1)),
            List.of(TensorSpec.floats("sample", -1, 3, -1, -1)));

    private SdTurboSignatures() {
    }
}
