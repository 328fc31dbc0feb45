package io.branchline.engine.store;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How a {@link SegmentStore} checks and keeps its files; {@link #DEFAULTS} is what the engine
 * runs with, tests change one setting at a time with the {@code with…} methods.
 *
 * @param files            how files are read and written (the real disk, or a failing one in tests)
 * @param nanoClock        the time, in nanoseconds from any fixed origin ({@link System#nanoTime} in the engine)
 * @param recheckAfter     how long a file found good is trusted from its size, time and inode alone before it is hashed again
 * @param recheckReads     how many reads a file found good is trusted for before it is hashed again
 * @param quarantineVisits the most damaged visits kept under {@code quarantine/} for inspection (the oldest go first)
 * @param quarantineBytes  the most bytes kept there
 * @param healWindow       how long requests for a quarantined visit are answered "being rendered again" (503) rather than "not stored" (404)
 */
public record StoreOptions(FileAccess files, LongSupplier nanoClock, Duration recheckAfter, int recheckReads, int quarantineVisits,
                           long quarantineBytes, Duration healWindow) {

    /**
     * The engine's settings: a hot file is hashed again after a minute or 1,000 reads, whichever
     * comes first (see {@code docs/benchmarks.md}, "Store verification", for what that costs);
     * up to 16 damaged visits or 256 MB are kept.
     */
    public static final StoreOptions DEFAULTS = new StoreOptions(FileAccess.DISK, System::nanoTime, Duration.ofSeconds(60), 1000, 16,
            256L << 20, Duration.ofMinutes(2));

    public StoreOptions {
        if (files == null || nanoClock == null || recheckAfter == null || healWindow == null) {
            throw new IllegalArgumentException("every store option needs a value");
        }
        if (recheckAfter.isNegative() || recheckReads < 1 || quarantineVisits < 0 || quarantineBytes < 0 || healWindow.isNegative()) {
            throw new IllegalArgumentException("store options must not be negative, and a file is trusted for at least one read");
        }
    }

    public StoreOptions withFiles(FileAccess files) {
        return new StoreOptions(files, nanoClock, recheckAfter, recheckReads, quarantineVisits, quarantineBytes, healWindow);
    }

    public StoreOptions withClock(LongSupplier nanoClock) {
        return new StoreOptions(files, nanoClock, recheckAfter, recheckReads, quarantineVisits, quarantineBytes, healWindow);
    }

    /** Hash a file found good again after {@code after} or {@code reads} reads, whichever comes first. */
    public StoreOptions withRecheck(Duration after, int reads) {
        return new StoreOptions(files, nanoClock, after, reads, quarantineVisits, quarantineBytes, healWindow);
    }

    public StoreOptions withQuarantine(int visits, long bytes) {
        return new StoreOptions(files, nanoClock, recheckAfter, recheckReads, visits, bytes, healWindow);
    }
}
