package io.branchline.engine.cli;

import io.branchline.engine.store.SceneWriter;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoreListener;
import io.branchline.engine.store.StoreOptions;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderedScene;
import io.branchline.renderer.RenderedScene.SegmentInfo;
import io.branchline.renderer.SceneFiles;
import io.branchline.renderer.StageTimes;
import io.branchline.renderer.encode.EncodedSegment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branchline bench store}: what checking stored files costs. One visit with a segment of
 * {@code --bytes} is stored, then looked up (and, in a second figure, also read whole, as a
 * session's segment is) as fast as one thread can, under three verification settings: trusting
 * size, time and inode for ever (the store before re-checks), the engine's default (hashed again
 * after a minute or 1,000 reads) and hashing on every read.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Measures stored-segment lookups per second (and lookups plus a whole read) with the store's verification trusting size+time for ever, re-hashing on its default schedule, and hashing every read; one thread, page cache warm."})
final class StoreBench implements Callable<Integer> {

    @Option(names = "--bytes", paramLabel = "BYTES", defaultValue = "100000", description = "size of the segment (default ${DEFAULT-VALUE})")
    int bytes;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "3", description = "timed seconds per figure, after as long a warm-up (default ${DEFAULT-VALUE})")
    int seconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Setting(String name, StoreOptions options) {
    }

    @Override
    public Integer call() throws IOException {
        if (bytes < 1 || seconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --bytes and --seconds of at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("branchline-store-bench");
        String key = ContentKey.sha256("store bench " + bytes);
        try {
            try (SegmentStore store = SegmentStore.open(dir, 1L << 30)) {
                write(store, key);
            }
            List<Setting> settings = List.of(
                    new Setting("size+time only (never re-hashed)", StoreOptions.DEFAULTS.withRecheck(Duration.ofDays(365), Integer.MAX_VALUE)),
                    new Setting("default (re-hashed after 60 s or 1,000 reads)", StoreOptions.DEFAULTS),
                    new Setting("hashed on every read", StoreOptions.DEFAULTS.withRecheck(Duration.ZERO, 1)));
            out.printf(Locale.ROOT, "segment of %,d bytes, %d s per figure after %d s of warm-up, one thread%n", bytes, seconds, seconds);
            out.printf(Locale.ROOT, "%-48s %16s %20s%n", "verification", "lookups/s", "lookups+reads/s");
            for (Setting s : settings) {
                // A store opened anew: nothing verified yet, as after a start.
                try (SegmentStore store = SegmentStore.open(dir, 1L << 30, StoreListener.NONE, s.options())) {
                    double lookups = rate(() -> store.file(key, SceneFiles.segmentName(0)).orElseThrow());
                    double reads = rate(() -> Files.readAllBytes(store.file(key, SceneFiles.segmentName(0)).orElseThrow().path()));
                    out.printf(Locale.ROOT, "%-48s %,16.0f %,20.0f%n", s.name(), lookups, reads);
                }
            }
            out.flush();
            return 0;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private interface Step {
        Object run() throws IOException;
    }

    /** Steps a second: run for {@code seconds} untimed, then counted for {@code seconds}. */
    private double rate(Step step) throws IOException {
        long warm = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < warm) {
            step.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                step.run();
            }
            n += 64;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** One visit of a single segment of random bytes, written as a render would. */
    private void write(SegmentStore store, String key) {
        byte[] segment = new byte[bytes];
        new Random(1).nextBytes(segment);
        EncodedSegment s = new EncodedSegment(0, segment, 0, 30, false);
        List<SegmentInfo> infos = List.of(new SegmentInfo(0, SceneFiles.segmentName(0), 0, 30, s.durationMs(30), false, bytes));
        try (SceneWriter writer = store.writer(key)) {
            writer.init(new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
            writer.segment(s);
            writer.commit(new RenderedScene(key, infos, "WEBVTT\n", SceneFiles.playlist(infos, SceneFiles.INIT), 30, StageTimes.ZERO, 0));
        }
    }
}
