package io.branchline.renderer;

import io.branchline.renderer.models.DepthStyleModels;
import io.branchline.renderer.neural.FrameGenerator;
import io.branchline.renderer.neural.FrameStyler;
import io.branchline.renderer.neural.ModelStyler;
import io.branchline.renderer.neural.NeuralModels;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The models a render may need, made on first use (loading a model takes time, and a scene
 * of titles needs none). One instance serves many renders, one at a time or concurrently as
 * the implementations allow.
 *
 * <p>A render holds a {@link #lease()} while it uses the models, and {@link #close()} waits
 * for every lease to end before it closes them: freeing an ONNX Runtime session while another
 * thread runs it crashes the JVM (SIGSEGV), which no exception handler can catch.
 */
public final class RenderTools implements AutoCloseable {

    /** How long {@link #close()} waits for the renders still using the models. */
    static final long CLOSE_WAIT_MS = 10_000;

    private final Supplier<FrameGenerator> generatorFactory;
    private final Supplier<FrameStyler> stylerFactory;
    private final OptionalInt watermarkServer;
    private final DepthStyleModels operatorModels;
    private FrameGenerator generator;
    private FrameStyler styler;

    private NeuralModels models;
    private int leases;
    private boolean closing;
    private boolean closed;

    private final String policyVersion;

    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler) {
        this(generator, styler, (String) null, OptionalInt.empty());
    }

    /** @param policyVersion the version of the prompt policy that checked the prompts, or null when none did */
    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler, String policyVersion) {
        this(generator, styler, policyVersion, OptionalInt.empty());
    }

    /** Tools that mark generated frames with {@code watermarkServer} when present, for prompts no policy checked. */
    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler, OptionalInt watermarkServer) {
        this(generator, styler, null, watermarkServer);
    }

    /**
     * @param policyVersion   the version of the prompt policy that checked the prompts, or null when none did
     * @param watermarkServer the server id (32 bits) whose invisible watermark goes into the frames of generated
     *                        and styled shots; empty for no watermark (see {@link io.branchline.renderer.mark.Watermark})
     */
    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler, String policyVersion,
                       OptionalInt watermarkServer) {
        this(generator, styler, policyVersion, watermarkServer, DepthStyleModels.NONE);
    }

    /**
     * As {@link #RenderTools(Supplier, Supplier, String, OptionalInt)}, with the depth model and style
     * networks the operator installed ({@link DepthStyleModels#NONE} for none), closed with these tools.
     */
    public RenderTools(Supplier<FrameGenerator> generator, Supplier<FrameStyler> styler, String policyVersion,
                       OptionalInt watermarkServer, DepthStyleModels operatorModels) {
        this.operatorModels = operatorModels;
        this.generatorFactory = generator;
        this.stylerFactory = operatorModels.styleFiles().isEmpty() ? styler
                : () -> new ModelStyler(styler, operatorModels);
        this.policyVersion = policyVersion;
        this.watermarkServer = watermarkServer;
    }

    /** The prompt policy's version, part of the content key of visits with generated or styled shots; null when none. */
    public String policyVersion() {
        return policyVersion;
    }

    /**
     * The generator and styler that configuration chooses ({@code -Dbranchline.generator} or
     * {@code BRANCHLINE_GENERATOR}, by default the built-in neural field and styler), loaded
     * together on first use and closed together.
     */
    public static RenderTools fromConfiguration() {
        return fromConfiguration((String) null);
    }

    /** As {@link #fromConfiguration()}, for prompts checked by the prompt policy of this version. */
    public static RenderTools fromConfiguration(String policyVersion) {
        return fromConfiguration(policyVersion, OptionalInt.empty());
    }

    /** As {@link #fromConfiguration(String)}, marking generated frames with {@code watermarkServer} when present. */
    public static RenderTools fromConfiguration(String policyVersion, OptionalInt watermarkServer) {
        RenderTools[] self = new RenderTools[1];
        self[0] = new RenderTools(() -> self[0].models().generator(), () -> self[0].models().styler(), policyVersion, watermarkServer,
                DepthStyleModels.fromConfiguration());
        return self[0];
    }

    /**
     * As {@link #fromConfiguration(String, OptionalInt)}, with the operator's models folder
     * ({@code --models}; null to fall back on {@code -Dbranchline.models} or {@code BRANCHLINE_MODELS}):
     * generated shots come from its SD-Turbo export when it has one, image shots and styles from
     * its depth model and style networks.
     */
    public static RenderTools fromConfiguration(String policyVersion, OptionalInt watermarkServer, java.nio.file.Path models) {
        RenderTools[] self = new RenderTools[1];
        self[0] = new RenderTools(() -> self[0].models(models).generator(), () -> self[0].models(models).styler(), policyVersion,
                watermarkServer, operatorModels(models));
        return self[0];
    }

    /**
     * As {@link #fromConfiguration(String, OptionalInt)}, with generated shots made by {@code generator}
     * (a remote worker, say) instead of the configured one; the styler stays the configured one.
     * The caller owns the generator and closes it.
     */
    public static RenderTools withGenerator(FrameGenerator generator, String policyVersion, OptionalInt watermarkServer) {
        return withGenerator(generator, policyVersion, watermarkServer, null);
    }

    /** As {@link #withGenerator(FrameGenerator, String, OptionalInt)}, with the depth model and styles of the folder {@code models} (null: configuration's). */
    public static RenderTools withGenerator(FrameGenerator generator, String policyVersion, OptionalInt watermarkServer,
                                            java.nio.file.Path models) {
        RenderTools[] self = new RenderTools[1];
        // The styler's set only: a models folder's generator would be loaded for nothing.
        self[0] = new RenderTools(() -> generator, () -> self[0].stylerModels().styler(), policyVersion, watermarkServer,
                operatorModels(models));
        return self[0];
    }

    /** The depth model and styles of {@code models}, else those configuration names. */
    private static DepthStyleModels operatorModels(java.nio.file.Path models) {
        return models != null ? DepthStyleModels.in(models) : DepthStyleModels.fromConfiguration();
    }

    /** The depth model and style networks the operator installed; {@link DepthStyleModels#NONE} when none. */
    public DepthStyleModels operatorModels() {
        return operatorModels;
    }

    /** The server id the invisible watermark carries; empty when frames are not marked. */
    public OptionalInt watermarkServer() {
        return watermarkServer;
    }

    private synchronized NeuralModels models() {
        return models(null);
    }

    private synchronized NeuralModels stylerModels() {
        if (models == null) {
            models = NeuralModels.configuredBackend();
        }
        return models;
    }

    private synchronized NeuralModels models(java.nio.file.Path folder) {
        if (models == null) {
            models = NeuralModels.fromConfiguration(folder);
        }
        return models;
    }

    public synchronized FrameGenerator generator() {
        if (generator == null) {
            generator = generatorFactory.get();
        }
        return generator;
    }

    public synchronized FrameStyler styler() {
        if (styler == null) {
            styler = stylerFactory.get();
        }
        return styler;
    }

    /** A render's hold on the models; closing it lets {@link RenderTools#close()} go on. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks the start of a render that uses the models, until the lease is closed.
     *
     * @throws RenderCancelled once {@link #close()} has begun: the engine is stopping
     */
    public synchronized Lease lease() {
        if (closing) {
            throw new RenderCancelled(0, "the render tools are closed");
        }
        leases++;
        boolean[] released = {false};
        return () -> {
            synchronized (RenderTools.this) {
                if (!released[0]) {
                    released[0] = true;
                    leases--;
                    RenderTools.this.notifyAll();
                }
            }
        };
    }

    /**
     * Closes the models once no render holds a lease, waiting at most {@value #CLOSE_WAIT_MS} ms;
     * after that it logs and leaves them open (the process is usually exiting: a leak is harmless
     * there, a crash is not). No new lease is given from the first call on.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + CLOSE_WAIT_MS * 1_000_000;
        while (leases > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                System.getLogger("branchline.render").log(System.Logger.Level.WARNING, leases
                        + " renders still use the models after " + CLOSE_WAIT_MS + " ms; the models are left open");
                return;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closed = true;
        closeModels();
    }

    private void closeModels() {
        operatorModels.close();
        if (models != null) {
            models.close();
            return;
        }
        if (generator != null) {
            generator.close();
        }
        if (styler != null) {
            styler.close();
        }
    }
}
