package io.branchline.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.branchline.renderer.neural.OrtRuntime;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render-node --gpu} renders on CUDA or does not start, saying why. */
class RenderNodeGpuTest {

    @TempDir
    Path dir;

    @Test
    void cudaIsUsableOnlyWhenTheBuildOffersItAndNobodyTurnedItOff() {
        assertTrue(OrtRuntime.cudaProblem(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA), true).isEmpty());
        String noBuild = OrtRuntime.cudaProblem(Set.of(OrtProvider.CPU), true).orElseThrow();
        assertTrue(noBuild.contains("no CUDA execution provider") && noBuild.contains("mvn -Pgpu"), noBuild);
        String off = OrtRuntime.cudaProblem(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA), false).orElseThrow();
        assertTrue(off.contains("-D" + OrtRuntime.CUDA_PROPERTY + "=false"), off);
    }

    @Test
    void aNodeAskedForTheGpuWhereThereIsNoneRefusesToStart() {
        // The tests' class path has ONNX Runtime's CPU build; a -Pgpu build on a GPU machine would start.
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this ONNX Runtime build offers CUDA");
        MainTest.Run run = MainTest.run("render-node", "--cluster", "--gpu", "--data", dir.resolve("node").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("--gpu, but this build of ONNX Runtime has no CUDA execution provider"), run.err());
        assertTrue(run.out().isEmpty(), "nothing joined: " + run.out());
    }
}
