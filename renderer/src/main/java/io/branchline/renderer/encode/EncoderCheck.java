package io.branchline.renderer.encode;

import io.branchline.renderer.FfmpegLog;
import io.branchline.renderer.RenderException;
import org.bytedeco.ffmpeg.global.avcodec;

/** Checks once that FFmpeg has libx264; the plain FFmpeg build lacks it and then fails obscurely. */
final class EncoderCheck {

    private static volatile boolean checked;

    private EncoderCheck() {
    }

    static void requireX264() {
        if (checked) {
            return;
        }
        FfmpegLog.quiet();
        if (avcodec.avcodec_find_encoder_by_name("libx264") == null) {
            throw new RenderException("this FFmpeg build has no libx264 H.264 encoder; Branchline needs org.bytedeco:ffmpeg with the "
                    + "classifier linux-x86_64-gpl on the classpath");
        }
        checked = true;
    }
}
