package io.branchline.renderer.provenance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs a stream as C2PA's live-video section (19.3) has it: the init segment carries a
 * manifest describing the stream, and each media segment its own manifest with a
 * {@code c2pa.livevideo.segment} assertion (its sequence number, the stream, the id of the
 * manifest before it) and a BMFF hash of its bytes. A dropped, reordered, replayed or swapped
 * segment then breaks the chain. Manifest ids come from the stream id and the position, and
 * Ed25519 is deterministic, so signing the same segment at the same place twice gives the
 * same bytes: a player that fetches a segment again gets what it got before.
 */
public final class StreamSigner {

    /**
     * A model that made frames: its role (generator, styler), name, and the identity the
     * renderer puts into content keys (its kind, version and a hash of its weights and settings).
     */
    public record Model(String role, String name, String hash) {
        Map<String, Object> cbor() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", role);
            m.put("name", name);
            m.put("hash", hash);
            return m;
        }
    }

    /**
     * The stream, as its init segment describes it.
     *
     * @param streamId    the stream's id (not a secret: it is in every segment)
     * @param story       the story's id
     * @param title       the story's title
     * @param sourceType  the IPTC digital source type of the stream as a whole
     * @param models      the models that may make its frames
     * @param policy      the prompt policy's version, or null
     * @param server      the server id the invisible watermark carries (8 hex digits), or null when frames are not marked
     */
    public record Stream(String streamId, String story, String title, String sourceType, List<Model> models, String policy, String server) {
    }

    /**
     * The visit a segment belongs to.
     *
     * @param scene      the scene entered
     * @param visit      its place on the viewer's path (from 0)
     * @param key        its content key
     * @param tier       the render tier of the segment ({@code full} or {@code draft})
     * @param sourceType the IPTC digital source type of the visit
     * @param models     the models that made its frames (empty when none did)
     * @param prompts    the prompts its generated shots were made from
     * @param mark       the visit id its frames' invisible watermark carries (8 hex digits), or null when they carry none
     */
    public record Visit(String scene, int visit, String key, String tier, String sourceType, List<Model> models, List<String> prompts,
                        String mark) {
    }

    private final ClaimSigner credential;
    private final ManifestWriter.Generator generator;

    public StreamSigner(Credential credential, ManifestWriter.Generator generator) {
        this.credential = new ClaimSigner(credential);
        this.generator = generator;
    }

    /** The manifest label of position {@code sequence} of a stream (0: the init segment). */
    public static String manifestId(String streamId, long sequence) {
        return "urn:c2pa:" + uuid(streamId, sequence);
    }

    /** The init segment with the stream's manifest at its end. */
    public byte[] signInit(byte[] init, Stream stream) {
        byte[] bare = ManifestBox.strip(init);
        List<ManifestWriter.Assertion> assertions = new ArrayList<>();
        assertions.add(new ManifestWriter.Assertion(C2pa.ACTIONS, actions(stream.sourceType(), stream.models())));
        assertions.add(new ManifestWriter.Assertion(C2pa.BMFF_HASH, BmffHash.assertion(BmffHash.of(bare))));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("streamId", stream.streamId());
        facts.put("story", stream.story());
        facts.put("title", stream.title());
        facts.put("models", stream.models().stream().map(Model::cbor).toList());
        if (stream.policy() != null) {
            facts.put("policy", stream.policy());
        }
        if (stream.server() != null) {
            facts.put("serverId", stream.server());
        }
        assertions.add(new ManifestWriter.Assertion(C2pa.STREAM, facts));
        byte[] store = ManifestWriter.store(manifestId(stream.streamId(), 0), instanceId(stream.streamId(), 0), stream.title(), assertions,
                generator, credential);
        return ManifestBox.replace(bare, ManifestBox.of(store));
    }

    /**
     * A media segment at position {@code sequence} (from 1) of the stream, with its manifest at
     * its end and its movie fragment numbered {@code sequence} ({@code mfhd}), as C2PA asks.
     */
    public byte[] signSegment(byte[] segment, long sequence, Stream stream, Visit visit) {
        if (sequence < 1) {
            throw new IllegalArgumentException("media segments are numbered from 1; got " + sequence);
        }
        byte[] bare = SegmentType.prefixed(numbered(ManifestBox.strip(segment), sequence));
        List<ManifestWriter.Assertion> assertions = new ArrayList<>();
        assertions.add(new ManifestWriter.Assertion(C2pa.ACTIONS, actions(visit.sourceType(), visit.models())));
        assertions.add(new ManifestWriter.Assertion(C2pa.BMFF_HASH, BmffHash.assertion(BmffHash.of(bare))));
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("sequenceNumber", sequence);
        live.put("streamId", stream.streamId());
        live.put("continuityMethod", "c2pa.manifestId");
        live.put("previousManifestId", manifestId(stream.streamId(), sequence - 1));
        assertions.add(new ManifestWriter.Assertion(C2pa.LIVE_VIDEO_SEGMENT, live));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("story", stream.story());
        if (visit.scene() != null) {
            facts.put("scene", visit.scene());
            facts.put("visit", visit.visit());
        }
        facts.put("contentKey", visit.key());
        facts.put("tier", visit.tier());
        facts.put("models", visit.models().stream().map(Model::cbor).toList());
        facts.put("prompts", visit.prompts());
        if (stream.policy() != null) {
            facts.put("policy", stream.policy());
        }
        if (visit.mark() != null && stream.server() != null) {
            Map<String, Object> mark = new LinkedHashMap<>();
            mark.put("serverId", stream.server());
            mark.put("visitId", visit.mark());
            facts.put("watermark", mark);
        }
        assertions.add(new ManifestWriter.Assertion(C2pa.VISIT, facts));
        String title = visit.scene() == null ? stream.title() : stream.title() + " — " + visit.scene();
        byte[] store = ManifestWriter.store(manifestId(stream.streamId(), sequence), instanceId(stream.streamId(), sequence), title,
                assertions, generator, credential);
        return ManifestBox.replace(bare, ManifestBox.of(store));
    }

    /** A copy of {@code segment} whose movie fragment headers carry {@code sequence}. */
    static byte[] numbered(byte[] segment, long sequence) {
        if (sequence > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a movie fragment's sequence number cannot hold " + sequence);
        }
        byte[] copy = segment.clone();
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(copy);
        for (io.branchline.renderer.encode.Boxes.Box moof : io.branchline.renderer.encode.Boxes.children(data, 0, copy.length)) {
            if (moof.type().equals("moof")) {
                io.branchline.renderer.encode.Boxes.Box mfhd = io.branchline.renderer.encode.Boxes.first(data, moof, "mfhd");
                if (mfhd != null && mfhd.payload() + 8 <= mfhd.end()) {
                    data.putInt(mfhd.payload() + 4, (int) sequence);
                }
            }
        }
        return copy;
    }

    private Map<String, Object> actions(String sourceType, List<Model> models) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("name", generator.name());
        agent.put("version", generator.version());
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("action", "c2pa.created");
        created.put("digitalSourceType", sourceType);
        created.put("softwareAgent", agent);
        if (!models.isEmpty()) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("io.branchline.models", models.stream().map(Model::cbor).toList());
            created.put("parameters", parameters);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actions", List.of(created));
        return data;
    }

    private static String instanceId(String streamId, long sequence) {
        return "xmp:iid:" + uuid(streamId, sequence);
    }

    private static UUID uuid(String streamId, long sequence) {
        return UUID.nameUUIDFromBytes(("branchline-stream/" + streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
