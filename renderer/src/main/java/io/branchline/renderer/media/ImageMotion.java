package io.branchline.renderer.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the camera moves over a still image during its shot, named as in the story language.
 * Pans are camera moves: in {@code pan-left} the camera travels left over the picture, so the
 * picture slides right across the frame; in {@code pan-up} it travels up and the picture slides down.
 */
public enum ImageMotion {
    STILL("still"),
    ZOOM_IN("zoom-in"),
    ZOOM_OUT("zoom-out"),
    PAN_LEFT("pan-left"),
    PAN_RIGHT("pan-right"),
    PAN_UP("pan-up"),
    PAN_DOWN("pan-down");

    /** The motion of an image shot that names none. */
    public static final ImageMotion DEFAULT = ZOOM_IN;

    private final String storyName;

    ImageMotion(String storyName) {
        this.storyName = storyName;
    }

    /** The motion's name in the story language, e.g. {@code zoom-in}. */
    public String storyName() {
        return storyName;
    }

    /** The motion a story names, e.g. {@code pan-left}; empty when there is none by that name. */
    public static Optional<ImageMotion> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.storyName.equals(wanted)).findFirst();
    }

    /** Every motion's name, for messages: "still, zoom-in, …". */
    public static String names() {
        return Arrays.stream(values()).map(ImageMotion::storyName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return storyName;
    }
}
