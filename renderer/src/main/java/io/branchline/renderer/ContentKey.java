package io.branchline.renderer;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.renderer.mark.MarkPayload;
import io.branchline.renderer.mark.Watermark;
import io.branchline.story.eval.ResolvedShot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity of a rendered scene visit: a SHA-256 over everything that decides its bytes —
 * the resolved shots, the format, the label, the hash of every asset file and of the models
 * used, and the renderer's version. The same key gives byte-identical output; anything that
 * changes the picture or the sound changes the key.
 */
public final class ContentKey {

    /** Raise when a change to the renderer changes what it outputs for the same input. */
    public static final String RENDERER_VERSION = "2";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    private static final Map<String, String> FILE_HASHES = new ConcurrentHashMap<>();

    private ContentKey() {
    }

    /**
     * The key of a visit; reads (and remembers) the hash of each asset file it names. A visit the
     * invisible watermark marks also hashes the watermark's version and server id; the keys of
     * other visits are as they were before the watermark existed.
     */
    public static String of(SceneRequest request, RenderTools tools) {
        ObjectNode root = unmarked(request, tools);
        if (watermarked(request, tools)) {
            root.put("watermark", Watermark.VERSION + ":" + MarkPayload.hex(tools.watermarkServer().getAsInt()));
        }
        return hash(root);
    }

    /**
     * The visit id the watermark carries: the first 32 bits of the visit's key computed without
     * the watermark's fields, the same for every server and tier that renders the visit.
     */
    public static int visitId(SceneRequest request, RenderTools tools) {
        return MarkPayload.visitId(hash(unmarked(request, tools)));
    }

    /** Whether {@code tools} mark this visit: they carry a server id and a shot is generated or styled (disclosed). */
    public static boolean watermarked(SceneRequest request, RenderTools tools) {
        return tools.watermarkServer().isPresent() && request.shots().stream().anyMatch(ResolvedShot::disclosed);
    }

    private static String hash(ObjectNode root) {
        try {
            return sha256(CANONICAL.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("the content key could not be written", e);
        }
    }

    private static ObjectNode unmarked(SceneRequest request, RenderTools tools) {
        ObjectNode root = CANONICAL.createObjectNode();
        root.put("renderer", RENDERER_VERSION);
        root.put("format", request.format().toString());
        root.put("segmentMs", request.format().segmentMs());
        root.put("label", request.label());
        if (!request.burnCaptions()) {
            // Only added when captions are left to the player, so keys of burned-in visits stay as they were.
            root.put("captions", "track");
        }
        com.fasterxml.jackson.databind.node.ArrayNode shots = CANONICAL.valueToTree(request.shots());
        if (!request.burnCaptions()) {
            // Captions the player shows are not in the frames: their text is no part of the video,
            // so a viewer's typed answer shown in a caption does not make the same video render again.
            shots.forEach(shot -> ((ObjectNode) shot).remove("caption"));
        }
        root.set("shots", shots);
        Map<String, String> assets = new TreeMap<>();
        Map<String, String> operatorModels = new TreeMap<>();
        boolean generates = false;
        boolean styles = false;
        for (ResolvedShot shot : request.shots()) {
            if (shot.path() != null) {
                assets.put(shot.path(), fileHash(request.storyRoot().resolve(shot.path())));
            }
            if (shot.audio() != null) {
                assets.put(shot.audio().path(), fileHash(request.storyRoot().resolve(shot.audio().path())));
            }
            if (shot.depth() != null) {
                assets.put(shot.depth(), fileHash(request.storyRoot().resolve(shot.depth())));
            }
            if (ShotPainters.paintedWithDepthModel(shot, tools)) {
                tools.operatorModels().depthIdentity().ifPresent(id -> operatorModels.put("depth", id));
            }
            if (shot.style() != null) {
                tools.operatorModels().styleIdentity(shot.style()).ifPresent(id -> operatorModels.put("style:" + shot.style().strip(), id));
            }
            generates |= shot.kind().equals("generate");
            styles |= shot.style() != null;
        }
        root.set("assets", CANONICAL.valueToTree(assets));
        if (!operatorModels.isEmpty()) {
            // Only present when an installed depth model or style network paints a shot: other keys stay as they were.
            root.set("models", CANONICAL.valueToTree(operatorModels));
        }
        if (generates) {
            root.put("generator", tools.generator().modelHash());
        }
        if (styles) {
            root.put("styler", tools.styler().modelHash());
        }
        if ((generates || styles) && tools.policyVersion() != null) {
            root.put("policy", tools.policyVersion());
        }
        return root;
    }

    /** The SHA-256 of a file, remembered while its size and modification time stay the same. */
    public static String fileHash(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new RenderException("the asset '" + file.getFileName() + "' was not found or cannot be read (looked for " + file
                    + "); expected the file the story names");
        }
        String stamp = file.toAbsolutePath().normalize() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
        return FILE_HASHES.computeIfAbsent(stamp, s -> {
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new RenderException("cannot read the asset '" + file.getFileName() + "' (" + file + "): " + e.getMessage());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
