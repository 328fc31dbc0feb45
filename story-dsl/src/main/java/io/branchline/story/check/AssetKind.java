package io.branchline.story.check;

import java.util.List;

/** The kinds of asset a shot can name, with the file formats each accepts. */
enum AssetKind {
    IMAGE("image", "an image", List.of("png", "jpeg", "gif", "webp", "bmp")),
    CLIP("clip", "a video clip", List.of("mp4", "mov", "webm", "mkv", "avi")),
    AUDIO("audio", "a sound file", List.of("ogg", "mp3", "wav", "flac", "m4a", "aac"));

    final String word;
    final String description;
    final List<String> formats;

    AssetKind(String word, String description, List<String> formats) {
        this.word = word;
        this.description = description;
        this.formats = formats;
    }
}
