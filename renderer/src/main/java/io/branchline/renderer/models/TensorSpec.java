package io.branchline.renderer.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a backend expects of one input or output tensor of a model: its name, the element types
 * it accepts and its shape, where {@code -1} stands for any size (a dynamic axis or a size the
 * backend reads from the model).
 *
 * @param name  the tensor's name in the export
 * @param types the element types the backend can feed or read
 * @param dims  the shape; {@code -1} for an axis of any size
 */
public record TensorSpec(String name, Set<OnnxJavaType> types, long[] dims) {

    public TensorSpec {
        types = Set.copyOf(types);
        dims = dims.clone();
    }

    /** A float tensor of the given shape. */
    public static TensorSpec floats(String name, long... dims) {
        return new TensorSpec(name, Set.of(OnnxJavaType.FLOAT), dims);
    }

    /**
     * What is wrong with {@code found} for this spec, each problem naming the tensor and what
     * was expected; empty when it fits.
     *
     * @param role {@code "input"} or {@code "output"}, for the messages
     */
    public List<String> problems(String role, NodeInfo found) {
        List<String> problems = new ArrayList<>();
        if (!(found.getInfo() instanceof TensorInfo tensor)) {
            problems.add(role + " \"" + name + "\" is not a tensor (" + found.getInfo() + ")");
            return problems;
        }
        if (!types.contains(tensor.type)) {
            problems.add(role + " \"" + name + "\" holds " + tensor.type + "; expected " + typeList());
        }
        long[] shape = tensor.getShape();
        if (shape.length != dims.length) {
            problems.add(role + " \"" + name + "\" has rank " + shape.length + " " + shapeText(shape)
                    + "; expected rank " + dims.length + " " + shapeText(dims));
            return problems;
        }
        for (int axis = 0; axis < dims.length; axis++) {
            if (dims[axis] >= 0 && shape[axis] >= 0 && dims[axis] != shape[axis]) {
                problems.add(role + " \"" + name + "\" has shape " + shapeText(shape) + "; expected "
                        + shapeText(dims) + " (axis " + axis + " differs)");
                break;
            }
        }
        return problems;
    }

    /** A shape as people write it, {@code -1} shown as {@code ?}. */
    public static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return text.append(']').toString();
    }

    private String typeList() {
        return types.stream().map(Enum::name).sorted().reduce((a, b) -> a + " or " + b).orElse("?");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec spec && name.equals(spec.name) && types.equals(spec.types)
                && Arrays.equals(dims, spec.dims);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + typeList() + " " + shapeText(dims);
    }
}
