package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.neural.onnx.OnnxGraph;
import io.branchline.renderer.neural.onnx.OnnxGraph.Value;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxGraphTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** One dense layer, then every activation, checked against arithmetic done here. */
    @Test
    void onnxRuntimeRunsABuiltGraphAndGivesTheHandComputedNumbers() throws OrtException {
        OnnxGraph g = new OnnxGraph("dense");
        Value x = g.input("x", "N", 2);
        Value w = g.input("w", 2, 3);
        Value b = g.constant(new float[] {0.5f, -1f, 0.25f}, 1, 3);
        Value pre = g.add(g.matMul(x, w), b);
        g.output("sin", g.sin(pre));
        g.output("tanh", g.tanh(pre));
        g.output("sigmoid", g.sigmoid(g.mul(pre, g.scalar(2f))));
        g.output("gauss", g.gaussian(pre));
        g.output("both", g.concat(1, g.cos(pre), g.clip(pre, -0.5f, 0.5f)));
        Value[] halves = g.split(pre, 1, 1, 2);
        g.output("tail", g.reshape(halves[1], -1));

        float[] xs = {1f, 2f, -0.5f, 0.25f};
        float[] ws = {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f};
        float[][] expected = new float[2][3];
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < 3; j++) {
                expected[n][j] = xs[n * 2] * ws[j] + xs[n * 2 + 1] * ws[3 + j] + new float[] {0.5f, -1f, 0.25f}[j];
            }
        }
        // By hand, row 0: 1*0.1 + 2*0.4 + 0.5 = 1.4, 1*-0.2 + 2*0.5 - 1 = -0.2, 1*0.3 + 2*-0.6 + 0.25 = -0.65.
        assertArrayEquals(new float[] {1.4f, -0.2f, -0.65f}, expected[0], 1e-6f);

        try (OrtSession session = ENV.createSession(g.toModel(), new OrtSession.SessionOptions());
                OnnxTensor xt = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(xs), new long[] {2, 2});
                OnnxTensor wt = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(ws), new long[] {2, 3});
                OrtSession.Result r = session.run(Map.of("x", xt, "w", wt))) {
            float[][] sin = (float[][]) r.get("sin").orElseThrow().getValue();
            float[][] tanh = (float[][]) r.get("tanh").orElseThrow().getValue();
            float[][] sigmoid = (float[][]) r.get("sigmoid").orElseThrow().getValue();
            float[][] gauss = (float[][]) r.get("gauss").orElseThrow().getValue();
            float[][] both = (float[][]) r.get("both").orElseThrow().getValue();
            float[] tail = (float[]) r.get("tail").orElseThrow().getValue();
            for (int n = 0; n < 2; n++) {
                for (int j = 0; j < 3; j++) {
                    double p = expected[n][j];
                    assertEquals(Math.sin(p), sin[n][j], 1e-5);
                    assertEquals(Math.tanh(p), tanh[n][j], 1e-5);
                    assertEquals(1 / (1 + Math.exp(-2 * p)), sigmoid[n][j], 1e-5);
                    assertEquals(Math.exp(-p * p), gauss[n][j], 1e-5);
                    assertEquals(Math.cos(p), both[n][j], 1e-5);
                    assertEquals(Math.max(-0.5, Math.min(0.5, p)), both[n][3 + j], 1e-6);
                }
            }
            assertArrayEquals(new float[] {expected[0][1], expected[0][2], expected[1][1], expected[1][2]}, tail, 1e-6f);
        }
    }

    @Test
    void theSameGraphRunsForAnyNumberOfRows() throws OrtException {
        OnnxGraph g = new OnnxGraph("scale");
        Value x = g.input("x", "N", 1);
        g.output("y", g.mul(x, g.scalar(-3f)));
        try (OrtSession session = ENV.createSession(g.toModel(), new OrtSession.SessionOptions())) {
            for (int rows : new int[] {1, 7, 1000}) {
                float[] xs = new float[rows];
                for (int i = 0; i < rows; i++) {
                    xs[i] = i;
                }
                try (OnnxTensor xt = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(xs), new long[] {rows, 1});
                        OrtSession.Result r = session.run(Map.of("x", xt))) {
                    float[][] y = (float[][]) r.get(0).getValue();
                    assertEquals(rows, y.length);
                    assertEquals(-3f * (rows - 1), y[rows - 1][0]);
                }
            }
        }
    }

    @Test
    void aBrokenGraphIsRefusedByOnnxRuntime() {
        OnnxGraph g = new OnnxGraph("broken");
        Value x = g.input("x", 2, 3);
        Value w = g.input("w", 2, 3);
        g.output("y", g.matMul(x, w));
        assertThrows(OrtException.class, () -> ENV.createSession(g.toModel(), new OrtSession.SessionOptions()).close());
    }

    @Test
    void namesAreUnique() {
        OnnxGraph g = new OnnxGraph("names");
        g.input("x", 1);
        assertThrows(IllegalArgumentException.class, () -> g.input("x", 1));
        assertThrows(IllegalArgumentException.class, () -> g.constant(new float[3], 2, 2));
    }
}
