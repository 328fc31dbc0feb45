package io.branchline.renderer.models;

import java.util.List;

/**
 * What a depth-estimation backend expects of {@code DIR/depth/model.onnx}: a Depth-Anything-V2
 * (small) export as its model card describes it, one normalised RGB picture in, one relative depth
 * map of the same size out. The export's sides are multiples of 14; 518×518 is what it was trained at.
 */
public final class DepthSignature {

    /** The picture side the model card's export takes. */
    public static final int SIDE = 518;

    public static final ModelSignature SIGNATURE = new ModelSignature("a Depth-Anything-V2 depth model",
            List.of(TensorSpec.floats("pixel_values", -1, 3, -1, -1)),
            List.of(TensorSpec.floats("predicted_depth", -1, -1, -1)));

    private DepthSignature() {
    }
}
