package io.branchline.renderer.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.RenderException;
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
        for (TensorSpec spec : inputs) {
            NodeInfo found = foundInputs.get(spec.name());
            if (found == null) {
                problems.add("input \"" + spec.name() + "\" is missing; the model's inputs are "
                        + foundInputs.keySet());
            } else {
                problems.addAll(spec.problems("input", found));
            }
        }
        for (String name : foundInputs.keySet()) {
            if (inputs.stream().noneMatch(spec -> spec.name().equals(name))) {
                problems.add("input \"" + name + "\" is not one this backend feeds; expected only "
                        + inputs.stream().map(TensorSpec::name).toList());
            }
        }
        for (TensorSpec spec : outputs) {
            NodeInfo found = foundOutputs.get(spec.name());
            if (found == null) {
                problems.add("output \"" + spec.name() + "\" is missing; the model's outputs are "
                        + foundOutputs.keySet());
            } else {
                problems.addAll(spec.problems("output", found));
            }
        }
        return problems;
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
