package io.branchline.engine.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop rather than as the JVM's exit: the JVM's own handling
 * runs the shutdown hooks and then exits with 128 + the signal, so a clean stop could not be
 * told from a crash by its exit status. With these handlers the serve command stops the engine
 * in order and returns 0.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** Calls {@code stop} (on the signal's thread: it should only wake someone) for each SIGTERM or SIGINT. */
    static void onStop(Runnable stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // The JVM keeps this signal (-Xrs, or another handler): its shutdown hook still stops the engine in order.
            }
        }
    }
}
