package io.branchline.renderer;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints a banner for every file it opens and every encoder it starts; a renderer
 * opening hundreds of them should only log what went wrong. Errors still reach the log.
 */
public final class FfmpegLog {

    private static volatile boolean quiet;

    private FfmpegLog() {
    }

    /** Lowers FFmpeg's log level to errors, once for the whole process. */
    public static void quiet() {
        if (!quiet) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            quiet = true;
        }
    }
}
