package io.branchline.renderer.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.RenderException;
import io.branchline.renderer.neural.onnx.OnnxGraph;
import org.junit.jupiter.api.Test;

class NeuralModelsTest {

    @Test
    void thePropertyWinsOverTheEnvironmentAndCppnIsTheDefault() {
        assertEquals("cppn", NeuralModels.configuredName(null, null));
        assertEquals("cppn", NeuralModels.configuredName(" ", ""));
        assertEquals("video", NeuralModels.configuredName(null, "video"));
        assertEquals("other", NeuralModels.configuredName(" other ", "video"));
    }

    @Test
    void anUnknownGeneratorIsARenderErrorThatListsTheKnownOnes() {
        RenderException e = assertThrows(RenderException.class, () -> NeuralModels.open("sora"));
        assertTrue(e.getMessage().contains("unknown generator \"sora\""), e.getMessage());
        assertTrue(e.getMessage().contains("known generators: cppn"), e.getMessage());
        assertTrue(NeuralModels.known().contains("cppn"));
    }

    @Test
    void cppnOpensTheBuiltInNetworks() {
        try (NeuralModels models = NeuralModels.open("cppn")) {
            assertEquals("cppn", models.name());
            assertInstanceOf(MiniLmTextEncoder.class, models.encoder());
            assertInstanceOf(CppnFrameGenerator.class, models.generator());
            assertInstanceOf(NeuralStyler.class, models.styler());
        }
    }

    @Test
    void withoutTheGpuBuildSessionsRunOnTheCpu() {
        OnnxGraph g = new OnnxGraph("identity");
        g.output("y", g.op("Neg", g.input("x", 1)));
        try (OrtRuntime.Session session = OrtRuntime.open(g.toModel(), "a test network")) {
            assertEquals(OrtRuntime.cudaOffered() ? OrtRuntime.Device.CUDA : OrtRuntime.Device.CPU, session.device());
        }
    }
}
