package io.branchline.engine.schedule;

/**
 * How much of the machine other programs leave to the engine now, in cores: the render speed's
 * second input beside what renders measured ({@link RenderSpeed}), and a bound on how many
 * renders run at once ({@code RenderScheduler.slotsNow}). A render measured while other
 * programs left 1.8 of 2 cores free, estimated when they leave 0.9, is taken to go about half as
 * fast: the speed follows a browser or a busy loop starting beside the engine at once, instead of
 * some segments later. {@link #NONE} (the simulator, tests) leaves every estimate to measurements.
 */
@FunctionalInterface
public interface FreeCores {

    /** Cores free for the engine now (the machine's, less what other programs use), or NaN when not known. */
    double now();

    /** No knowledge of the machine: measurements alone set the speed, and every configured slot is used. */
    FreeCores NONE = () -> Double.NaN;
}
