package io.branchline.engine.worker;

import io.branchline.renderer.RenderFormat;
import io.branchline.renderer.ShotPainter;
import io.branchline.renderer.neural.FrameGenerator;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A frame generator whose frames come from GPU workers connected through the {@link WorkerBridge}:
 * each generated shot is one generate job. Its model hash is the identity the workers declare,
 * so content keys and Content Credentials name the model that made the frames.
 *
 * <p>{@link #prepare} sends the job and returns at once; painting frame {@code i} waits on the
 * render thread for the worker to send it, so encoding starts while the worker still generates.
 */
public final class BridgeFrameGenerator implements FrameGenerator {

    /** The model hash while no worker has ever said hello: such renders fail at prepare, so no video carries it. */
    public static final String NO_WORKER = "worker:none-connected";

    private final WorkerBridge bridge;

    public BridgeFrameGenerator(WorkerBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public ShotPainter prepare(String prompt, long seed, RenderFormat format, long durationMs) {
        WorkerJob job = bridge.submit(prompt, seed, format, durationMs);
        return new ShotPainter() {
            @Override
            public void paint(int frame, BufferedImage target) {
                BufferedImage image;
                try {
                    image = job.frame(frame);
                } catch (RuntimeException e) {
                    bridge.forget(job);
                    throw e;
                }
                Graphics2D g = target.createGraphics();
                try {
                    g.drawImage(image, 0, 0, null);
                } finally {
                    g.dispose();
                }
            }

            @Override
            public void close() {
                bridge.forget(job);
            }
        };
    }

    @Override
    public String modelHash() {
        return bridge.identity().map(WorkerProtocol.ModelIdentity::modelHash).orElse(NO_WORKER);
    }

    @Override
    public String name() {
        return bridge.identity().map(WorkerProtocol.ModelIdentity::name).orElse("gpu-worker");
    }
}
