package io.branchline.story.model;

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

    /** A still image with a motion: still, zoom-in, zoom-out, pan-left, pan-right, pan-up, pan-down. */
    record Image(String path, String motion) implements ShotSource {
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
