package io.branchline.renderer.provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a C2PA manifest store holding one manifest: its assertions (CBOR), a v2 claim that
 * lists each by hashed URI, and the claim's COSE signature.
 */
public final class ManifestWriter {

    /** One assertion: its label and data (written as CBOR). */
    public record Assertion(String label, Object data) {
    }

    /** The software that made the claim. */
    public record Generator(String name, String version) {
    }

    private ManifestWriter() {
    }

    /**
     * The JUMBF manifest store.
     *
     * @param label      the manifest's label, {@code urn:c2pa:UUID}: also its id in the live-video chain
     * @param instanceId the claim's instance id
     * @param title      the claim's {@code dc:title}, or null
     */
    static byte[] store(String label, String instanceId, String title, List<Assertion> assertions, Generator generator,
                               ClaimSigner signer) {
        List<byte[]> assertionBoxes = new ArrayList<>();
        List<Object> created = new ArrayList<>();
        for (Assertion a : assertions) {
            byte[] box = Jumbf.superbox(C2pa.CBOR_ASSERTION, a.label(), List.of(Jumbf.cbor(Cbor.encode(a.data()))));
            assertionBoxes.add(box);
            Map<String, Object> uri = new LinkedHashMap<>();
            uri.put("url", "self#jumbf=" + C2pa.ASSERTIONS_LABEL + "/" + a.label());
            uri.put("hash", BmffHash.sha256().digest(java.util.Arrays.copyOfRange(box, 8, box.length)));
            created.add(uri);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", generator.name());
        info.put("version", generator.version());
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("instanceID", instanceId);
        if (title != null) {
            claim.put("dc:title", title);
        }
        claim.put("claim_generator_info", info);
        claim.put("signature", "self#jumbf=/" + C2pa.STORE_LABEL + "/" + label + "/" + C2pa.SIGNATURE_LABEL);
        claim.put("created_assertions", created);
        claim.put("alg", "sha256");
        byte[] claimBytes = Cbor.encode(claim);
        byte[] signature = signer.sign(claimBytes);
        byte[] manifest = Jumbf.superbox(C2pa.MANIFEST, label, List.of(
                Jumbf.superbox(C2pa.ASSERTIONS, C2pa.ASSERTIONS_LABEL, assertionBoxes),
                Jumbf.superbox(C2pa.CLAIM, C2pa.CLAIM_LABEL, List.of(Jumbf.cbor(claimBytes))),
                Jumbf.superbox(C2pa.SIGNATURE, C2pa.SIGNATURE_LABEL, List.of(Jumbf.cbor(signature)))));
        return Jumbf.superbox(C2pa.STORE, C2pa.STORE_LABEL, List.of(manifest));
    }
}
