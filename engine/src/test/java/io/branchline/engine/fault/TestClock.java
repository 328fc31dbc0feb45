package io.branchline.engine.fault;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock for the store that moves only when a test moves it: re-check windows pass without sleeping. */
final class TestClock implements LongSupplier {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
