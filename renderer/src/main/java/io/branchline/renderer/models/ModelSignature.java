package io.branchline.renderer.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.branchline.renderer.RenderException;
import io.branchline.renderer.neural.OrtRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs and outputs a backend expects of one ONNX model (for example "the UNet of an
 * SD-Turbo export" or "a fast-neural-style network"), checked against a model when it is
 * opened and by {@code branchline models check}, so a wrong export is refused with a message
 * that names the tensor instead of failing deep inside a render.
 *
 * @param what    a few words naming the model, for messages
 * @param inputs  the inputs the backend feeds (the model may not have others)
 * @param outputs the outputs the backend reads (the model may have more)
 */
public record ModelSignature(String what, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Every way {@code session}'s model differs from this signature; empty when it fits. */
    public List<String> problems(OrtSession session) {
        try {
            return problems(session.getInputInfo(), session.getOutputInfo());
        } catch (OrtException e) {
            return List.of("could not read the model's inputs and outputs: " + e.getMessage());
        }
    }

    /** Every way a model with these inputs and outputs differs from this signature. */
    public List<String> problems(Map<String, NodeInfo> foundInputs, Map<String, NodeInfo> foundOutputs) {
        List<String> problems = new ArrayList<>();
        expect("input", inputs, foundInputs, problems);
        for (String name : foundInputs.keySet()) {
            if (inputs.stream().noneMatch(spec -> spec.name().equals(name))) {
                problems.add("input \"" + name + "\" is not one this backend feeds; expected only "
                        + inputs.stream().map(TensorSpec::name).toList());
            }
        }
        expect("output", outputs, foundOutputs, problems);
        return problems;
    }

    /** Adds to {@code problems} each of {@code specs} that {@code found} lacks or has in another form. */
    private static void expect(String role, List<TensorSpec> specs, Map<String, NodeInfo> found, List<String> problems) {
        for (TensorSpec spec : specs) {
            NodeInfo info = found.get(spec.name());
            if (info == null) {
                problems.add(role + " \"" + spec.name() + "\" is missing; the model's " + role + "s are " + found.keySet());
            } else {
                problems.addAll(spec.problems(role, info));
            }
        }
    }

    /**
     * Opens {@code model} (on CUDA when offered, else the CPU) and refuses it unless it fits; a
     * refused model's session is closed.
     *
     * @param name   a few words naming the network, for the log
     * @param source where the model came from, for the message
     * @throws RenderException when it cannot be loaded or does not fit, naming the tensor
     */
    public OrtRuntime.Session open(byte[] model, String name, String source) {
        return checked(OrtRuntime.open(model, name), source);
    }

    /** As {@link #open(byte[], String, String)}, for a model file (ONNX Runtime reads it, with any weights beside it). */
    public OrtRuntime.Session open(java.nio.file.Path file) {
        return checked(OrtRuntime.open(file, what), file.toString());
    }

    private OrtRuntime.Session checked(OrtRuntime.Session session, String source) {
        try {
            require(session.session(), source);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The input (or output) {@code name} of a model opened with this signature.
     *
     * @throws RenderException when ONNX Runtime cannot tell
     */
    public static TensorInfo tensor(OrtRuntime.Session session, String name, boolean input) {
        try {
            Map<String, NodeInfo> infos = input ? session.session().getInputInfo() : session.session().getOutputInfo();
            return (TensorInfo) infos.get(name).getInfo();
        } catch (OrtException e) {
            throw new RenderException("could not read the tensor \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses {@code session}'s model unless it fits.
     *
     * @param source where the model came from (a file), for the message
     * @throws RenderException listing every problem
     */
    public void require(OrtSession session, String source) {
        List<String> problems = problems(session);
        if (!problems.isEmpty()) {
            throw new RenderException(source + " is not " + what + " as expected: " + String.join("; ", problems));
        }
    }
}
