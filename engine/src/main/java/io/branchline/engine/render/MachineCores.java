package io.branchline.engine.render;

import io.branchline.engine.schedule.FreeCores;
import java.lang.management.ManagementFactory;

/**
 * The cores other programs leave to this engine, from the operating system's own counters: the
 * whole machine's recent processor use less this process's, smoothed over about two seconds of
 * samples. {@link #sample()} is called from the render worker's timer (twice a second); {@link
 * #now()} reads the last result, so the scheduler never waits on the system. Where the JVM cannot
 * tell (no {@code com.sun.management} bean, or it answers "unknown"), every core counts as free
 * and render speed is left to what renders measure.
 */
final class MachineCores implements FreeCores {

    /** Weight of the newest sample: with two samples a second, about the last two seconds count. */
    static final double ALPHA = 0.3;

    private final com.sun.management.OperatingSystemMXBean os;
    private final int cores;
    private volatile double free;

    MachineCores() {
        this.cores = Runtime.getRuntime().availableProcessors();
        this.free = cores;
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    }

    /** Takes one sample of the machine's and this process's processor use. */
    void sample() {
        if (os == null) {
            return;
        }
        double machine = os.getCpuLoad();
        double mine = os.getProcessCpuLoad();
        if (machine < 0 || mine < 0) {
            return; // not known yet (the first sample) or not on this system
        }
        double others = Math.max(0, machine - mine) * cores;
        double sampleFree = Math.max(0, cores - others);
        free = free + ALPHA * (sampleFree - free);
    }

    @Override
    public double now() {
        return free;
    }
}
