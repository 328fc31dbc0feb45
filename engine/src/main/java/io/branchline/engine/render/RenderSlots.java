package io.branchline.engine.render;

/**
 * How many scene renders run at once by default. A render is one thread painting (the neural
 * generator and styler, Java2D) and x264 encoding; two renders on two cores finish about twice
 * as many frames a second as one (docs/benchmarks.md, "Render slots"), so the default is one slot
 * per core the JVM may use (its container's limit, not the host's), at most {@link #MAX}. How
 * fast each render then goes, on this machine and under its current load, is measured by the
 * scheduler as renders run, and decides the tier of the render ladder.
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
