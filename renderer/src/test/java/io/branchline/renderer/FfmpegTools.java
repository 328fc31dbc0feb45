package io.branchline.renderer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** Runs the ffprobe and ffmpeg programs that ship in the FFmpeg natives jar. */
public final class FfmpegTools {

    /** What a program printed and how it ended. */
    public record Run(int exit, String out, String err) {
    }

    private FfmpegTools() {
    }

    public static Run ffprobe(String... args) {
        return run(Loader.load(org.bytedeco.ffmpeg.ffprobe.class), args);
    }

    public static Run ffmpeg(String... args) {
        return run(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), args);
    }

    private static Run run(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        String dir = new File(program).getParent();
        String existing = System.getenv("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", existing == null ? dir : dir + File.pathSeparator + existing);
        try {
            Path out = File.createTempFile("ffrun", ".out").toPath();
            Path err = File.createTempFile("ffrun", ".err").toPath();
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(program + " did not finish within 60 s");
            }
            return new Run(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
