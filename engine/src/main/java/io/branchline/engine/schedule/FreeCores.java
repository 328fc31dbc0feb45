package io.branchline.engine.schedule;

/**
 * How much of the machine other programs leave to the engine now, in cores: the render speed's
 * second input beside what renders measured ({@link RenderSpeed}). A render measured while other
 * programs left 1.8 of 2 cores free, estimated when they leave 0.9, is taken to go about half as
 * fast: the speed follows a browser or a busy loop starting beside the engine at once, instead of
 * some segments later. {@link #NONE} (the simulator, tests) leaves every estimate to measurements.
 */
@FunctionalInterface
public interface FreeCores {

    /** Cores free for the engine now (the machine's, less what other programs use); at most the machine's. */
    double now();

    /** No knowledge of the machine: every measurement counts as made on a machine as free as now. */
    FreeCores NONE = () -> 1.0;
}
