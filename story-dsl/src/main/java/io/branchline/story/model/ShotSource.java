package io.branchline.story.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a shot shows; asset paths are relative to the story's folder, with '/' between parts. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ShotSource.Generate.class, name = "generate"),
        @JsonSubTypes.Type(value = ShotSource.Image.class, name = "image"),
        @JsonSubTypes.Type(value = ShotSource.Clip.class, name = "clip"),
        @JsonSubTypes.Type(value = ShotSource.Title.class, name = "title"),
        @JsonSubTypes.Type(value = ShotSource.Color.class, name = "color")})
public sealed interface ShotSource {

    /** A generated shot; the story's style is appended when the shot is resolved. */
    record Generate(Template prompt) implements ShotSource {
    }

    /**
     * A still image with a motion: still, zoom-in, zoom-out, pan-left, pan-right, pan-up, pan-down;
     * {@code depth} is the author's depth map (a greyscale picture, white near), or null.
     */
    record Image(String path, String motion, @JsonInclude(JsonInclude.Include.NON_NULL) String depth) implements ShotSource {

        /** An image without a depth map. */
        public Image(String path, String motion) {
            this(path, motion, null);
        }
    }

    /** Part of a video file; {@code toMs} is null for "to its end". */
    record Clip(String path, long fromMs, Long toMs) implements ShotSource {
    }

    /** A title card. */
    record Title(Template text) implements ShotSource {
    }

    /** A plain colour, {@code #RRGGBB}. */
    record Color(String hex) implements ShotSource {
    }
}
