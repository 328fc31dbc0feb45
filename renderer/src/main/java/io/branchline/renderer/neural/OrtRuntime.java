package io.branchline.renderer.neural;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.branchline.renderer.RenderException;
import java.lang.System.Logger.Level;

/**
 * The one ONNX Runtime environment of the process, and the sessions the renderer's networks
 * run in. A session uses the CUDA execution provider where the GPU build of ONNX Runtime is on
 * the class path ({@code mvn -Pgpu}) and a GPU answers, and the CPU otherwise; it logs which.
 *
 * <p>CPU sessions run each network on one intra-op thread. That keeps pixels identical from run
 * to run: ONNX Runtime splits element-wise kernels into per-thread blocks whose vectorised body
 * and scalar tail round differently, so a different thread count may change the last bit of a
 * value. It also suits the renderer, which renders several shots at once on worker threads of
 * a small machine: more threads per session would only contend (and spin) for the same cores.
 */
public final class OrtRuntime {

    /** Which hardware a session runs on. */
    public enum Device {
        CPU, CUDA
    }

    /** A session and the device it ended up on. */
    public record Session(OrtSession session, Device device) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                throw new RenderException("could not close an ONNX Runtime session", e);
            }
        }
    }

    /** The intra-op thread count of CPU sessions; fixed, see the class comment. */
    public static final int CPU_THREADS = 1;

    /** Set to {@code false} ({@code -Dbranchline.cuda=false}) to keep every session on the CPU. */
    public static final String CUDA_PROPERTY = "branchline.cuda";

    private static final System.Logger LOG = System.getLogger(OrtRuntime.class.getName());

    static {
        // Before ONNX Runtime first loads: its libraries from one cached folder, not a new temporary one each start.
        OrtNatives.useCache();
    }

    private OrtRuntime() {
    }

    /** The process-wide environment. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** Whether this ONNX Runtime build offers CUDA (the GPU may still be missing). */
    public static boolean cudaOffered() {
        return Boolean.parseBoolean(System.getProperty(CUDA_PROPERTY, "true"))
                && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Why models cannot run on CUDA here, or empty when they can start to: what a node started
     * with {@code --gpu} says before it refuses to start, rather than rendering on the CPU unawares.
     *
     * @param offered the execution providers this ONNX Runtime build offers
     * @param enabled whether {@value #CUDA_PROPERTY} leaves CUDA on
     */
    public static java.util.Optional<String> cudaProblem(java.util.Set<OrtProvider> offered, boolean enabled) {
        if (!enabled) {
            return java.util.Optional.of("CUDA is turned off (-D" + CUDA_PROPERTY + "=false)");
        }
        if (!offered.contains(OrtProvider.CUDA)) {
            return java.util.Optional.of("this build of ONNX Runtime has no CUDA execution provider (it offers " + offered
                    + "); build Branchline with 'mvn -Pgpu package' on a machine with CUDA 12 and cuDNN 9");
        }
        return java.util.Optional.empty();
    }

    /**
     * Checks that models can run on CUDA device 0 here: the build offers CUDA and its provider
     * loads. A session may still fail later on a device that is busy or too small.
     *
     * @throws RenderException saying why not
     */
    public static void requireCuda() {
        java.util.Optional<String> problem = cudaProblem(OrtEnvironment.getAvailableProviders(),
                Boolean.parseBoolean(System.getProperty(CUDA_PROPERTY, "true")));
        if (problem.isPresent()) {
            throw new RenderException(problem.get());
        }
        try (OrtSession.SessionOptions options = baseOptions()) {
            options.addCUDA(0);
        } catch (OrtException | RuntimeException e) {
            throw new RenderException("ONNX Runtime's CUDA execution provider did not start on device 0: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code model} on CUDA when offered and working, else on the CPU.
     *
     * @param what a few words naming the network, for the log and error messages
     */
    public static Session open(byte[] model, String what) {
        return open((env, options) -> env.createSession(model, options), what, "");
    }

    /**
     * Opens the model file {@code model} on CUDA when offered and working, else on the CPU. A file
     * is read by ONNX Runtime itself, so a large export whose weights lie beside it
     * ({@code model.onnx_data}) loads too.
     */
    public static Session open(java.nio.file.Path model, String what) {
        return open((env, options) -> env.createSession(model.toString(), options), what, " from " + model);
    }

    /** Opens the model file {@code model} on the CPU whatever is offered. */
    public static Session openOnCpu(java.nio.file.Path model, String what) {
        return openOnCpu((env, options) -> env.createSession(model.toString(), options), what, " from " + model);
    }

    /** Opens {@code model} on the CPU whatever is offered (for networks whose outputs feed content keys). */
    public static Session openOnCpu(byte[] model, String what) {
        return openOnCpu((env, options) -> env.createSession(model, options), what, "");
    }

    /** How a model is handed to ONNX Runtime: as bytes or as a file. */
    private interface Loader {
        OrtSession load(OrtEnvironment environment, OrtSession.SessionOptions options) throws OrtException;
    }

    private static Session open(Loader loader, String what, String from) {
        if (cudaOffered()) {
            try (OrtSession.SessionOptions options = baseOptions()) {
                options.addCUDA(0);
                OrtSession session = loader.load(environment(), options);
                LOG.log(Level.INFO, "{0} runs on CUDA (ONNX Runtime CUDA execution provider, device 0)", what);
                return new Session(session, Device.CUDA);
            } catch (OrtException | RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: CUDA is offered but did not start ({1}); using the CPU",
                        what, e.getMessage());
            }
        }
        return openOnCpu(loader, what, from);
    }

    private static Session openOnCpu(Loader loader, String what, String from) {
        try (OrtSession.SessionOptions options = baseOptions()) {
            OrtSession session = loader.load(environment(), options);
            LOG.log(Level.DEBUG, "{0} runs on the CPU ({1} intra-op thread)", what, CPU_THREADS);
            return new Session(session, Device.CPU);
        } catch (OrtException e) {
            throw new RenderException("ONNX Runtime could not load " + what + from + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(CPU_THREADS);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setDeterministicCompute(true);
        return options;
    }
}
