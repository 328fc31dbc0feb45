package io.branchline.renderer.neural;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.neural.onnx.OnnxGraph;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a network that are graph inputs rather than constants: their names, shapes
 * and how each is made from a raw, roughly N(0, 1) parameter (a scale, a squashing into a
 * range). One ONNX session then serves every shot; a shot only brings its own weights.
 */
final class ParameterLayout {

    /** Turns the raw parameter of element {@code index} of a weight into its value. */
    @FunctionalInterface
    interface Mapping {
        double value(double raw, int index);
    }

    private record Entry(String name, long[] shape, int offset, int size, Mapping mapping) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private int size;

    /** Declares a weight input of {@code graph} and returns it. */
    OnnxGraph.Value weight(OnnxGraph graph, String name, Mapping mapping, long... shape) {
        int count = 1;
        for (long d : shape) {
            count *= (int) d;
        }
        entries.add(new Entry(name, shape, size, count, mapping));
        size += count;
        Object[] dims = new Object[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return graph.input(name, dims);
    }

    /** Raw parameters the layout consumes. */
    int size() {
        return size;
    }

    /** The weights as values, by input name. */
    Map<String, float[]> values(double[] raw) {
        Map<String, float[]> values = new HashMap<>();
        for (Entry e : entries) {
            float[] v = new float[e.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) e.mapping().value(raw[e.offset() + i], i);
            }
            values.put(e.name(), v);
        }
        return values;
    }

    /** The weights as ONNX Runtime tensors, by input name; the caller closes them. */
    Map<String, OnnxTensor> tensors(double[] raw) {
        Map<String, float[]> values = values(raw);
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Entry e : entries) {
                float[] v = values.get(e.name());
                FloatBuffer buffer = FieldGrid.directFloats(v.length).put(v).flip();
                tensors.put(e.name(), OnnxTensor.createTensor(OrtRuntime.environment(), buffer, e.shape()));
            }
            return tensors;
        } catch (OrtException ex) {
            tensors.values().forEach(OnnxTensor::close);
            throw new RenderException("could not hand a network its weights: " + ex.getMessage(), ex);
        }
    }

    static Mapping scaled(double scale) {
        return (raw, i) -> raw * scale;
    }

    /** Squashes the raw parameter into {@code (low, high)}. */
    static Mapping between(double low, double high) {
        return (raw, i) -> low + (high - low) / (1 + Math.exp(-raw));
    }
}
