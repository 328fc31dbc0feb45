package io.branchline.renderer.encode;

import java.lang.reflect.Field;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Asks x264 for a keyframe on a given frame, whatever its count of frames since the last one:
 * what lets {@link SceneEncoder} leave a draft's repeated frames out and still start every
 * segment on a keyframe. JavaCV's recorder has no call for it, so this sets the picture type on
 * the recorder's own frame ({@code picture}, read once by reflection), which FFmpeg's libx264
 * wrapper turns into a forced keyframe. Should a JavaCV release rename that field, keyframes
 * cannot be forced and the encoder gives x264 every frame, as before: slower, never wrong.
 */
final class Keyframes {

    private static final Field PICTURE = pictureField();

    private Keyframes() {
    }

    /** Whether keyframes can be forced with this JavaCV. */
    static boolean canForce() {
        return PICTURE != null;
    }

    /** Makes the recorder's next frame a keyframe when {@code key}, and leaves the choice to x264 otherwise. */
    static void request(FFmpegFrameRecorder recorder, boolean key) {
        if (PICTURE == null) {
            return;
        }
        try {
            AVFrame picture = (AVFrame) PICTURE.get(recorder);
            picture.pict_type(key ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the recorder's picture became unreadable", e);
        }
    }

    private static Field pictureField() {
        try {
            Field field = FFmpegFrameRecorder.class.getDeclaredField("picture");
            if (field.getType() != AVFrame.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
