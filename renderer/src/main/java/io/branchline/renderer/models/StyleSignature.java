package io.branchline.renderer.models;

import java.util.List;

/**
 * What a style-transfer backend expects of {@code DIR/styles/NAME.onnx}: a feed-forward network of
 * the ONNX model zoo's fast-neural-style family, one RGB picture (values 0..255) in and one out,
 * both 224×224.
 */
public final class StyleSignature {

    /** The picture side the model zoo's exports take. */
    public static final int SIDE = 224;

    public static final ModelSignature SIGNATURE = new ModelSignature("a fast-neural-style network",
            List.of(TensorSpec.floats("input1", 1, 3, SIDE, SIDE)),
            List.of(TensorSpec.floats("output1", 1, 3, SIDE, SIDE)));

    private StyleSignature() {
    }
}
