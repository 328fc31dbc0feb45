package io.branchline.engine.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.branchline.renderer.RenderedScene.SegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code scene.json} of a stored visit, written last: its presence marks the visit complete,
 * and it records the size and SHA-256 of every other file so each can be checked before it is served.
 * {@code renderedBy} names the render node that made the visit when it came from one; absent
 * (null) when this process rendered it, as in every manifest written before clustering.
 */
record SceneManifest(int version, String key, int frames, List<SegmentInfo> segments, List<Entry> files,
                     @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String renderedBy) {

    static final String NAME = "scene.json";
    static final int VERSION = 1;

    /** One file of the visit. */
    record Entry(String name, long size, String sha256) {
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    SceneManifest {
        segments = List.copyOf(segments);
        files = List.copyOf(files);
    }

    Entry entry(String name) {
        for (Entry e : files) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (JacksonException e) {
            throw new IllegalStateException("the manifest could not be written", e);
        }
    }

    /**
     * Reads and checks the manifest of the visit in {@code folder}, whose name is its key.
     *
     * @throws java.nio.file.NoSuchFileException when there is none (a render never finished)
     * @throws SceneScan.DamageException         when it is there but wrong (it is written whole, in one rename, so wrong means damaged)
     * @throws IOException                       when the disk cannot read it now
     */
    static SceneManifest read(Path folder) throws IOException {
        return parse(Files.readAllBytes(folder.resolve(NAME)), folder.getFileName().toString());
    }

    /**
     * Reads and checks a manifest of the visit {@code key} (from a folder, or from a render node).
     *
     * @throws SceneScan.DamageException when it is wrong
     */
    static SceneManifest parse(byte[] bytes, String key) throws SceneScan.DamageException {
        SceneManifest m;
        try {
            m = JSON.readValue(bytes, SceneManifest.class);
        } catch (IOException e) {
            throw damaged("unreadable: " + e.getMessage());
        }
        if (m == null || m.version() != VERSION) {
            throw damaged("expected version " + VERSION);
        }
        if (!key.equals(m.key())) {
            throw damaged("names the key " + m.key() + ", expected " + key);
        }
        if (m.files() == null || m.files().isEmpty() || m.segments() == null) {
            throw damaged("lists no files");
        }
        for (Entry e : m.files()) {
            if (e == null || e.name() == null || e.sha256() == null || e.size() < 0 || !SHA256.matcher(e.sha256()).matches()) {
                throw damaged("has a malformed file entry " + e);
            }
            try {
                Names.file(e.name());
            } catch (IllegalArgumentException bad) {
                throw damaged("lists a bad file name '" + e.name() + "'");
            }
        }
        return m;
    }

    private static SceneScan.DamageException damaged(String why) {
        return new SceneScan.DamageException(NAME, NAME + " " + why);
    }
}
