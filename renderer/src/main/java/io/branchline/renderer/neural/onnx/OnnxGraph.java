package io.branchline.renderer.neural.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a small ONNX model (IR version 8, default-domain opset 17) out of float tensors:
 * graph inputs, constants, operator nodes and outputs, serialised by a hand-written protobuf
 * encoder. It covers what the renderer's networks need (MatMul, Add, Mul, Sin, Cos, Tanh,
 * Sigmoid, Exp, Concat, Split, Reshape, Clip and friends); every node is checked by ONNX
 * Runtime when a session loads the model, not here.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("layer");
 * Value x = g.input("x", "N", 3);
 * Value w = g.input("w", 3, 8);
 * g.output("y", g.tanh(g.matMul(x, w)));
 * byte[] model = g.toModel();
 * }</pre>
 */
public final class OnnxGraph {

    /** A tensor flowing through the graph, known by its name. */
    public record Value(String name) {
    }

    /** Element types of graph inputs and outputs (ONNX's TensorProto numbers). */
    public enum Type {
        FLOAT(1), INT32(6), INT64(7);

        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public static final int IR_VERSION = 8;
    public static final int OPSET = 17;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final String name;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Map<String, Boolean> names = new LinkedHashMap<>();
    private int counter;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /**
     * A float input of the graph. Each dimension is a number or, for a size that changes
     * from run to run, a name such as {@code "N"}.
     */
    public Value input(String name, Object... dims) {
        inputs.add(valueInfo(claim(name), FLOAT, dims));
        return new Value(name);
    }

    /**
     * An input of the given element type (token ids and timesteps are integers in real exports);
     * integer inputs usually go through a {@code Cast} or {@code Gather} before float arithmetic.
     */
    public Value typedInput(String name, Type type, Object... dims) {
        inputs.add(valueInfo(claim(name), type.code, dims));
        return new Value(name);
    }

    /** A float constant (an initializer) of the given shape. */
    public Value constant(float[] values, long... dims) {
        checkSize(values.length, dims);
        String n = fresh("const");
        ProtoWriter t = new ProtoWriter().packedVarints(1, dims).varint(2, FLOAT);
        t.packedFloats(4, values).string(8, n);
        initializers.add(t);
        return new Value(n);
    }

    /** A float scalar constant (shape {@code [1]}, which broadcasts against anything). */
    public Value scalar(float value) {
        return constant(new float[] {value}, 1);
    }

    /** An int64 constant, for the shape and size arguments of Reshape, Split and Slice. */
    public Value constantInts(long[] values, long... dims) {
        checkSize(values.length, dims);
        String n = fresh("ints");
        ProtoWriter t = new ProtoWriter().packedVarints(1, dims).varint(2, INT64);
        t.packedVarints(7, values).string(8, n);
        initializers.add(t);
        return new Value(n);
    }

    /** A node with one output and no attributes. */
    public Value op(String opType, Value... in) {
        return op(opType, Map.of(), in);
    }

    /**
     * A node with one output. Attribute values may be Long or Integer (INT), Float or Double
     * (FLOAT), String (STRING), long[] (INTS) or float[] (FLOATS).
     */
    public Value op(String opType, Map<String, Object> attributes, Value... in) {
        return op(opType, 1, attributes, in)[0];
    }

    /** A node with several outputs, such as Split. */
    public Value[] op(String opType, int outputCount, Map<String, Object> attributes, Value... in) {
        Value[] out = new Value[outputCount];
        ProtoWriter node = new ProtoWriter();
        for (Value v : in) {
            node.string(1, v.name());
        }
        for (int i = 0; i < outputCount; i++) {
            out[i] = new Value(fresh(opType.toLowerCase()));
            node.string(2, out[i].name());
        }
        node.string(3, fresh("node_" + opType)).string(4, opType);
        attributes.forEach((key, value) -> node.message(5, attribute(key, value)));
        nodes.add(node);
        return out;
    }

    /** Makes {@code value} a float output of the graph under {@code outputName}. */
    public void output(String outputName, Value value) {
        claim(outputName);
        ProtoWriter node = new ProtoWriter().string(1, value.name()).string(2, outputName);
        node.string(3, fresh("node_output")).string(4, "Identity");
        nodes.add(node);
        outputs.add(valueInfo(outputName, FLOAT));
    }

    /**
     * As {@link #output(String, Value)}, declaring the output's shape (numbers, or names for
     * sizes that change from run to run), as exporters do: ONNX Runtime reports it to whoever
     * checks the model's outputs.
     */
    public void output(String outputName, Value value, Object... dims) {
        claim(outputName);
        ProtoWriter node = new ProtoWriter().string(1, value.name()).string(2, outputName);
        node.string(3, fresh("node_output")).string(4, "Identity");
        nodes.add(node);
        outputs.add(valueInfo(outputName, FLOAT, dims));
    }

    public Value add(Value a, Value b) {
        return op("Add", a, b);
    }

    public Value sub(Value a, Value b) {
        return op("Sub", a, b);
    }

    public Value mul(Value a, Value b) {
        return op("Mul", a, b);
    }

    public Value matMul(Value a, Value b) {
        return op("MatMul", a, b);
    }

    public Value sin(Value a) {
        return op("Sin", a);
    }

    public Value cos(Value a) {
        return op("Cos", a);
    }

    public Value tanh(Value a) {
        return op("Tanh", a);
    }

    public Value sigmoid(Value a) {
        return op("Sigmoid", a);
    }

    /** {@code exp(-a²)}: a smooth bump, the Gaussian unit of a pattern-producing network. */
    public Value gaussian(Value a) {
        return op("Exp", op("Neg", mul(a, a)));
    }

    public Value concat(int axis, Value... parts) {
        return op("Concat", Map.of("axis", (long) axis), parts);
    }

    public Value[] split(Value a, int axis, long... sizes) {
        return op("Split", sizes.length, Map.of("axis", (long) axis),
                a, constantInts(sizes, sizes.length));
    }

    public Value reshape(Value a, long... shape) {
        return op("Reshape", a, constantInts(shape, shape.length));
    }

    /** Clamps {@code a} into {@code [min, max]}. */
    public Value clip(Value a, float min, float max) {
        return op("Clip", a, constant(new float[] {min}), constant(new float[] {max}));
    }

    /** The serialised ModelProto, ready for {@code OrtEnvironment.createSession(byte[], …)}. */
    public byte[] toModel() {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "branchline")
                .string(3, "1")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType);
        if (dims.length > 0) {
            ProtoWriter shape = new ProtoWriter();
            for (Object d : dims) {
                ProtoWriter dim = new ProtoWriter();
                if (d instanceof String param) {
                    dim.string(2, param);
                } else if (d instanceof Number size) {
                    dim.varint(1, size.longValue());
                } else {
                    throw new IllegalArgumentException("a dimension is a number or a name, not " + d);
                }
                shape.message(1, dim);
            }
            tensorType.message(2, shape);
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static ProtoWriter attribute(String name, Object value) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        if (value instanceof Integer || value instanceof Long) {
            return a.varint(3, ((Number) value).longValue()).varint(20, 2);
        } else if (value instanceof Float || value instanceof Double) {
            return a.float32(2, ((Number) value).floatValue()).varint(20, 1);
        } else if (value instanceof String s) {
            return a.string(4, s).varint(20, 3);
        } else if (value instanceof float[] fs) {
            return a.packedFloats(7, fs).varint(20, 6);
        } else if (value instanceof long[] ls) {
            return a.packedVarints(8, ls).varint(20, 7);
        }
        throw new IllegalArgumentException("unsupported attribute " + name + ": " + value);
    }

    private static void checkSize(int length, long[] dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        if (size != length) {
            throw new IllegalArgumentException(length + " values do not fill a tensor of " + size);
        }
    }

    private String claim(String n) {
        if (names.putIfAbsent(n, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("the graph already has a value named " + n);
        }
        return n;
    }

    private String fresh(String prefix) {
        String n;
        do {
            n = prefix + "_" + counter++;
        } while (names.containsKey(n));
        names.put(n, Boolean.TRUE);
        return n;
    }
}
