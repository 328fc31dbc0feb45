package io.branchline.engine.cli;

import io.branchline.renderer.mark.MarkCode;
import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.mark.MarkReading;
import io.branchline.renderer.mark.MarkedVideo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code branchline verify --watermark FILE}: reads the invisible watermark from a video and says
 * which server rendered it and which visit it is. FILE is anything FFmpeg decodes: an .mp4, a
 * copy that was re-encoded or scaled, or an init segment followed by media segments (given as
 * several files, joined in the order given).
 */
final class WatermarkCheck {

    /** Exit status: the watermark was found. */
    static final int FOUND = 0;
    /** Exit status: the video was read and holds no watermark. */
    static final int NOT_FOUND = 1;
    /** Exit status: no file, or one that cannot be read as video. */
    static final int UNREADABLE = 2;

    private WatermarkCheck() {
    }

    /**
     * Reads the watermark of {@code args}: one video file, or an init segment followed by its
     * media segments. Prints the server and visit ids found, and how sure the reading is.
     *
     * @return {@value #FOUND} when found, {@value #NOT_FOUND} when not, {@value #UNREADABLE} when the
     *         input cannot be read as video (the reason goes to {@code err}; never a stack trace)
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("verify --watermark: expected a video FILE (or an init segment followed by media segments)");
            return UNREADABLE;
        }
        String name = String.join(" + ", args);
        Path file;
        Path joined = null;
        try {
            if (args.size() == 1) {
                file = Path.of(args.get(0));
            } else {
                joined = join(args);
                file = joined;
            }
            MarkedVideo.Result result = MarkedVideo.read(file);
            return report(name, result, out);
        } catch (MarkedVideo.UnreadableVideo e) {
            err.println("verify --watermark: " + e.getMessage());
            return UNREADABLE;
        } catch (IOException | RuntimeException e) {
            err.println("verify --watermark: cannot read " + name + ": " + e);
            return UNREADABLE;
        } finally {
            if (joined != null) {
                try {
                    Files.deleteIfExists(joined);
                } catch (IOException e) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }

    private static int report(String name, MarkedVideo.Result result, PrintStream out) {
        List<MarkReading> found = result.found();
        if (found.isEmpty()) {
            out.println("no Branchline watermark found in " + name + " (checked " + result.frames() + " frames)");
            return NOT_FOUND;
        }
        Map<MarkPayload, List<MarkReading>> byPayload = new LinkedHashMap<>();
        for (MarkReading r : found) {
            byPayload.computeIfAbsent(r.payload().orElseThrow(), p -> new java.util.ArrayList<>()).add(r);
        }
        boolean whole = result.windows().stream().noneMatch(MarkReading::found);
        out.println("Branchline watermark found in " + name + " (" + result.frames() + " frames)");
        for (Map.Entry<MarkPayload, List<MarkReading>> e : byPayload.entrySet()) {
            MarkPayload p = e.getKey();
            List<MarkReading> readings = e.getValue();
            double strength = readings.stream().mapToDouble(MarkReading::strength).max().orElse(0);
            int flipped = readings.stream().mapToInt(MarkReading::flipped).min().orElse(0);
            String where = whole ? "read over the whole file"
                    : "in " + readings.size() + " of " + result.windows().size() + " stretches of " + MarkedVideo.WINDOW_MS / 1000 + " s";
            out.printf(Locale.ROOT, "  server %s  visit %s  %s; strength %.1f (unmarked video reads about 0.8), %d bits corrected%n",
                    MarkPayload.hex(p.serverId()), MarkPayload.hex(p.visitId()), where, strength, flipped);
        }
        out.printf(Locale.ROOT, "  (a CRC-32 guards the 64 bits: a false match is less likely than 1 in %,d per stretch)%n",
                (1L << 32) >> MarkCode.FLIP_CANDIDATES);
        return FOUND;
    }

    /** The files joined in order into a temporary file: an init segment and media segments make one playable file. */
    private static Path join(List<String> args) throws IOException, MarkedVideo.UnreadableVideo {
        Path joined = Files.createTempFile("branchline-watermark", ".mp4");
        try (OutputStream o = Files.newOutputStream(joined)) {
            for (String a : args) {
                Path part = Path.of(a);
                if (!Files.isRegularFile(part)) {
                    Files.deleteIfExists(joined);
                    throw new MarkedVideo.UnreadableVideo("no such file: " + a);
                }
                Files.copy(part, o);
            }
        }
        return joined;
    }
}
