package io.branchline.renderer.models;

import io.branchline.renderer.neural.DepthModel;

/**
 * What the depth backend expects of {@code DIR/depth/model.onnx}, for {@code branchline models check}:
 * a Depth-Anything-V2 (small) export as its model card describes it, {@code pixel_values} float
 * [1, 3, H, W] in (518×518 is what it was trained at; Optimum leaves the size open) and
 * {@code predicted_depth} float [1, H, W] out. The one definition is the backend's,
 * {@link DepthModel#SIGNATURE}.
 */
public final class DepthSignature {

    /** The picture side Depth-Anything-V2 takes. */
    public static final int SIDE = DepthModel.DEFAULT_SIZE;

    public static final ModelSignature SIGNATURE = DepthModel.SIGNATURE;

    private DepthSignature() {
    }
}
