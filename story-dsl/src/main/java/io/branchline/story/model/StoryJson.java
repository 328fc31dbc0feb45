package io.branchline.story.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the compiled story as JSON. Reading checks the versions first: a file
 * whose minimum compatible version is newer than this code can run is refused with a message.
 */
public final class StoryJson {

    /** Stories nest (ifs within ifs, expressions within expressions) deeper than Jackson's default allows. */
    private static final int MAX_NESTING = 5000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StoryJson() {
    }

    /** The mapper configured for the story format, for callers that embed the story in larger documents. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(CompiledStory story) {
        try {
            return MAPPER.writeValueAsString(story);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the compiled story could not be written as JSON", e);
        }
    }

    /**
     * Reads a compiled story.
     *
     * @throws IncompatibleStoryException when the JSON is not a compiled story this version can run
     */
    public static CompiledStory read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IncompatibleStoryException("not a compiled story: the JSON is malformed (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || !tree.isObject() || !tree.path("formatVersion").isInt() || !tree.path("minCompatibleVersion").isInt()) {
            throw new IncompatibleStoryException("not a compiled story: expected an object with formatVersion and minCompatibleVersion");
        }
        int min = tree.get("minCompatibleVersion").asInt();
        if (min > CompiledStory.FORMAT_VERSION) {
            throw new IncompatibleStoryException("this compiled story needs format version " + min
                    + " or newer, but this Branchline reads version " + CompiledStory.FORMAT_VERSION + "; recompile the story or update Branchline");
        }
        try {
            return MAPPER.treeToValue(tree, CompiledStory.class);
        } catch (JsonProcessingException e) {
            throw new IncompatibleStoryException("not a compiled story of format version " + CompiledStory.FORMAT_VERSION + ": "
                    + e.getOriginalMessage());
        }
    }

    /** A compiled story that cannot be read by this version. */
    public static final class IncompatibleStoryException extends RuntimeException {
        public IncompatibleStoryException(String message) {
            super(message);
        }
    }
}
