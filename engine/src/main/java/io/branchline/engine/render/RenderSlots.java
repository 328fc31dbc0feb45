package io.branchline.engine.render;

/**
 * How many scene renders run at once by default. A render paints on one thread (the neural
 * generator and styler, Java2D) and then encodes (x264 at {@code ultrafast}, mostly one thread
 * at these sizes), so one render keeps about one core busy: the default is one slot per core the
 * JVM may use (its container's limit, not the host's), at most {@link #MAX}. How fast each
 * render then goes, on this machine, beside the other renders and under whatever else loads it,
 * is measured by the scheduler segment by segment ({@code RenderSpeed}), and that decides the
 * tier of the render ladder; {@code --render-slots} overrides the count.
 */
public final class RenderSlots {

    /** Beyond this, memory (a frame buffer, an encoder and the models' scratch per render) matters more than cores. */
    public static final int MAX = 8;

    private RenderSlots() {
    }

    /** The default for this process. */
    public static int forThisMachine() {
        return forCores(Runtime.getRuntime().availableProcessors());
    }

    static int forCores(int cores) {
        return Math.max(1, Math.min(MAX, cores));
    }
}
