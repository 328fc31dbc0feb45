package io.branchline.renderer.models;

import io.branchline.renderer.neural.FastStyleModel;

/**
 * What the style backend expects of {@code DIR/styles/NAME.onnx}, for {@code branchline models check}:
 * a feed-forward network of the ONNX model zoo's fast-neural-style family, {@code input1} float
 * [1, 3, 224, 224] (RGB 0..255; sizes left open are accepted too) in and {@code output1} of the same
 * form out. The one definition is the backend's, {@link FastStyleModel#SIGNATURE}.
 */
public final class StyleSignature {

    /** The picture side the model zoo's exports take. */
    public static final int SIDE = FastStyleModel.ZOO_SIZE;

    public static final ModelSignature SIGNATURE = FastStyleModel.SIGNATURE;

    private StyleSignature() {
    }
}
