package io.branchline.engine.trust;

import io.branchline.renderer.RenderTools;
import io.branchline.renderer.SceneRequest;
import io.branchline.renderer.provenance.C2pa;
import io.branchline.renderer.provenance.Credential;
import io.branchline.renderer.provenance.ManifestWriter;
import io.branchline.renderer.provenance.StreamSigner;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.CompiledStory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What Branchline says about the video it streams, and the key it signs it with: the facts of
 * a stream (story, models) and of each visit (scene, content key, tier, which shots a model
 * made), turned into the C2PA manifests {@link StreamSigner} writes.
 */
public final class Provenance {

    private final StreamSigner signer;
    private final Credential credential;
    private final RenderTools tools;
    private final String policy;
    /**
     * The watermark's visit id by content key (empty: not marked): it hashes the visit's request
     * again, and a session asks for it at every segment it serves.
     */
    private final java.util.Map<String, java.util.Optional<String>> marks = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, java.util.Optional<String>> eldest) {
                    return size() > 4096;
                }
            });

    /** Signs with {@code credential}; the models and the prompt policy's version are the ones {@code tools} render with. */
    public Provenance(Credential credential, RenderTools tools) {
        this.credential = credential;
        this.signer = new StreamSigner(credential, new ManifestWriter.Generator("Branchline", version()));
        this.tools = tools;
        this.policy = tools.policyVersion();
    }

    /** The engine's version, from its jar, or "development" when run from classes. */
    static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    public Credential credential() {
        return credential;
    }

    /** The public id of a stream whose private name is {@code name} (a session id is a secret; its stream id is not). */
    public static String streamId(String name) {
        return io.branchline.renderer.ContentKey.sha256(("branchline-stream:" + name).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    /** The stream of story {@code storyId} named {@code name}. */
    public StreamSigner.Stream stream(String name, String storyId, CompiledStory story) {
        return new StreamSigner.Stream(streamId(name), storyId, story.title() == null ? storyId : story.title(),
                C2pa.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, models(true, true), policy, server());
    }

    /** A visit: scene {@code scene}, at {@code index} on the path, rendered from {@code request} under {@code key} at {@code tier}. */
    public StreamSigner.Visit visit(String scene, int index, String key, SceneRequest request, String tier) {
        boolean generates = false;
        boolean styles = false;
        boolean other = false;
        List<String> prompts = new ArrayList<>();
        for (ResolvedShot shot : request == null ? List.<ResolvedShot>of() : request.shots()) {
            if (shot.kind().equals("generate")) {
                generates = true;
                prompts.add(shot.prompt());
            } else {
                other = true;
            }
            styles |= shot.style() != null;
        }
        String source = generates ? (other ? C2pa.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA : C2pa.TRAINED_ALGORITHMIC_MEDIA)
                : styles ? C2pa.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA : C2pa.DIGITAL_CREATION;
        String mark = request == null ? null : marks.computeIfAbsent(key, k -> java.util.Optional.ofNullable(
                io.branchline.renderer.ContentKey.watermarked(request, tools)
                        ? io.branchline.renderer.mark.MarkPayload.hex(io.branchline.renderer.ContentKey.visitId(request, tools)) : null))
                .orElse(null);
        List<StreamSigner.Model> models = models(generates, styles);
        models.addAll(operatorModels(request));
        return new StreamSigner.Visit(scene, index, key, tier, source, models, prompts, mark);
    }

    /**
     * The operator's depth model and style networks that paint shots of the visit, each named with
     * its file's SHA-256 (the identity that goes into the visit's content key).
     */
    private List<StreamSigner.Model> operatorModels(SceneRequest request) {
        java.util.Map<String, StreamSigner.Model> used = new java.util.TreeMap<>();
        var installed = tools.operatorModels();
        for (ResolvedShot shot : request == null ? List.<ResolvedShot>of() : request.shots()) {
            if (io.branchline.renderer.ShotPainters.paintedWithDepthModel(shot, tools)) {
                installed.depthIdentity().ifPresent(id -> used.put("depth", new StreamSigner.Model("depth", "depth/model.onnx", id)));
            }
            installed.styleName(shot.style()).ifPresent(name -> used.put("style:" + name, new StreamSigner.Model("style",
                    "styles/" + name + ".onnx", installed.styleIdentity(shot.style()).orElseThrow())));
        }
        return new ArrayList<>(used.values());
    }

    /**
     * A sink that signs a stored visit as it is rendered: the visit is a stream of its own, named
     * by the key it is stored under ({@code storedKey}, the tier's own), so Branchline's player,
     * which reads stored visits, gets Content Credentials too.
     */
    public io.branchline.renderer.provenance.SigningSink signing(io.branchline.renderer.encode.SegmentSink next, SceneRequest request,
                                                                  String key, String tier, String storedKey) {
        String story = request.storyRoot().toAbsolutePath().normalize().getFileName().toString();
        StreamSigner.Stream stream = new StreamSigner.Stream(streamId("visit:" + storedKey), story, story,
                C2pa.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, models(true, true), policy, server());
        StreamSigner.Visit visit = visit(null, 0, key, request, tier);
        return new io.branchline.renderer.provenance.SigningSink(next, signer, stream, visit);
    }

    public byte[] signInit(byte[] init, StreamSigner.Stream stream) {
        return signer.signInit(init, stream);
    }

    public byte[] signSegment(byte[] segment, long sequence, StreamSigner.Stream stream, StreamSigner.Visit visit) {
        return signer.signSegment(segment, sequence, stream, visit);
    }

    /** The server id the watermark carries, as 8 hex digits, or null when frames are not marked. */
    private String server() {
        return tools.watermarkServer().isPresent() ? io.branchline.renderer.mark.MarkPayload.hex(tools.watermarkServer().getAsInt()) : null;
    }

    private List<StreamSigner.Model> models(boolean generator, boolean styler) {
        List<StreamSigner.Model> models = new ArrayList<>();
        var g = generator ? tools.generator() : null;
        if (g != null) {
            models.add(new StreamSigner.Model("generator", g.name(), g.modelHash()));
        }
        var s = styler ? tools.styler() : null;
        if (s != null) {
            models.add(new StreamSigner.Model("styler", s.getClass().getSimpleName(), s.modelHash()));
        }
        return models;
    }
}
