package io.branchline.story.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The compiled story graph: everything the engine needs, nothing of the parser. It is
 * saved as JSON with a format version and the oldest reader version that can read it.
 *
 * @param formatVersion        the version of this format that wrote it
 * @param minCompatibleVersion the oldest format version whose readers can still run it
 * @param id                   the story's id, its main file's name without {@code .story}
 * @param segmentMs            target length of a streamed media segment
 * @param style                appended to every generate prompt, or null
 * @param start                the first scene
 * @param language             BCP 47 tag of the story's text
 * @param label                the disclosure drawn on generated shots
 * @param consents             real people the author may show in generated shots ({@code consent:} lines)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompiledStory(int formatVersion, int minCompatibleVersion, String id, String title, String author,
                            String language, String label, Format format, long segmentMs, String style, String start,
                            List<Variable> variables, List<Scene> scenes, List<Asset> assets,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Consent> consents) {

    public CompiledStory {
        consents = consents == null ? List.of() : List.copyOf(consents);
    }

    /** The version this code writes. */
    public static final int FORMAT_VERSION = 1;
    /** The oldest version this code writes that readers must understand. */
    public static final int MIN_COMPATIBLE_VERSION = 1;

    /** Frame size and rate of every segment. */
    public record Format(int width, int height, int fps) {
        @Override
        public String toString() {
            return width + "x" + height + " " + fps + "fps";
        }
    }

    /** A declared variable and the value every viewer starts with. */
    public record Variable(String name, Value.Type type, Value initial) {
    }

    /**
     * A scene: its compiled body and, for maps and prediction, every way out of it.
     *
     * @param file the source file, relative to the story's folder
     */
    public record Scene(String id, String file, int line, List<Step> body, List<Exit> exits) {
    }

    /**
     * A way out of a scene.
     *
     * @param via    {@code divert}, {@code option} or {@code ask}
     * @param label  the option's label as written, or the question; null for a divert
     * @param weight the author's weight for an option, else 1
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exit(String target, String via, String label, double weight) {
    }

    /**
     * A real person the author has the consent of: {@code consent: "NAME" RECORD}.
     *
     * @param name   the person's name as written
     * @param record how and when the consent was given; empty when the line states none
     */
    public record Consent(String name, String record) {

        /** Whether the line says how and when consent was given (the author's acknowledgement). */
        public boolean recorded() {
            return record != null && !record.isBlank();
        }
    }

    /** A file the story's shots use; kind is {@code image}, {@code clip} or {@code audio}. */
    public record Asset(String path, String kind) {
    }

    /** The scene with this id, if there is one. */
    public Optional<Scene> scene(String id) {
        return Optional.ofNullable(sceneIndex().get(id));
    }

    /** Scenes by id, in source order. */
    public Map<String, Scene> sceneIndex() {
        return scenes.stream().collect(Collectors.toMap(Scene::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
