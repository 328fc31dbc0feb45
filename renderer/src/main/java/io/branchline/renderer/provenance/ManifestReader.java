package io.branchline.renderer.provenance;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the active manifest of a C2PA manifest store and checks it on its own: the claim's
 * signature and every hashed URI to an assertion. What it binds to (the file's bytes, the
 * segment before) is for {@link StreamVerifier}.
 */
public final class ManifestReader {

    /**
     * A manifest read back.
     *
     * @param label      its label ({@code urn:c2pa:…})
     * @param claim      the claim, decoded
     * @param assertions each assertion's data, decoded, by label
     * @param signer     the signer's certificate chain (empty when unreadable)
     * @param problems   what does not hold, each said in full; empty when the manifest is sound
     */
    public record Manifest(String label, Map<String, Object> claim, Map<String, Object> assertions, List<X509Certificate> signer,
                           List<String> problems) {

        public boolean sound() {
            return problems.isEmpty();
        }

        /** An assertion's data as a map, or null. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> assertion(String label) {
            Object a = assertions.get(label);
            return a instanceof Map ? (Map<String, Object>) a : null;
        }
    }

    private ManifestReader() {
    }

    /** The active (last) manifest of {@code store}, checked. Never throws for malformed input: its problems say what is wrong. */
    public static Manifest read(byte[] store) {
        List<String> problems = new ArrayList<>();
        Jumbf.Superbox root;
        try {
            root = Jumbf.read(store);
        } catch (IllegalArgumentException e) {
            return broken("the manifest store is not well-formed JUMBF: " + e.getMessage());
        }
        if (!C2pa.STORE.equals(root.type())) {
            return broken("the C2PA box does not hold a manifest store (JUMBF type " + root.type() + ")");
        }
        if (root.boxes().isEmpty()) {
            return broken("the manifest store holds no manifest");
        }
        Jumbf.Superbox manifest = root.boxes().get(root.boxes().size() - 1);
        String label = manifest.label();
        Jumbf.Superbox assertionStore = manifest.child(C2pa.ASSERTIONS_LABEL);
        Jumbf.Superbox claimBox = manifest.child(C2pa.CLAIM_LABEL);
        Jumbf.Superbox signatureBox = manifest.child(C2pa.SIGNATURE_LABEL);
        if (assertionStore == null || claimBox == null || signatureBox == null) {
            return broken("manifest " + label + " lacks its " + (assertionStore == null ? "assertions" : claimBox == null ? "claim (v2)" : "signature"));
        }
        byte[] claimBytes = claimBox.content("cbor");
        byte[] signature = signatureBox.content("cbor");
        Map<String, Object> claim = asMap(claimBytes == null ? null : safeDecode(claimBytes));
        if (claim == null || signature == null) {
            return broken("manifest " + label + " has a claim or signature that is not CBOR");
        }
        Cose.Checked checked = Cose.verify(signature, claimBytes);
        if (!checked.valid()) {
            problems.add("manifest " + label + ": " + checked.problem());
        }
        Map<String, Object> assertions = new LinkedHashMap<>();
        Map<String, byte[]> boxes = new LinkedHashMap<>();
        for (Jumbf.Superbox a : assertionStore.boxes()) {
            byte[] cbor = a.content("cbor");
            assertions.put(a.label(), cbor == null ? null : safeDecode(cbor));
            boxes.put(a.label(), a.inner());
        }
        Object created = claim.get("created_assertions");
        if (!(created instanceof List) || ((List<?>) created).isEmpty()) {
            problems.add("manifest " + label + ": the claim lists no assertions (created_assertions)");
        } else {
            List<String> listed = new ArrayList<>();
            for (Object o : (List<?>) created) {
                Map<String, Object> uri = asMap(o);
                String url = uri == null ? null : String.valueOf(uri.get("url"));
                String prefix = "self#jumbf=" + C2pa.ASSERTIONS_LABEL + "/";
                String name = url != null && url.startsWith(prefix) ? url.substring(prefix.length()) : null;
                if (name == null || !boxes.containsKey(name)) {
                    problems.add("manifest " + label + ": the claim names an assertion that is not there: " + url);
                    continue;
                }
                listed.add(name);
                Object hash = uri.get("hash");
                byte[] actual = BmffHash.sha256().digest(boxes.get(name));
                if (!(hash instanceof byte[]) || !MessageDigest.isEqual((byte[]) hash, actual)) {
                    problems.add("manifest " + label + ": assertion " + name + " was changed after it was signed (its hash does not match the claim)");
                }
            }
            for (String present : boxes.keySet()) {
                if (!listed.contains(present)) {
                    problems.add("manifest " + label + ": assertion " + present + " is not covered by the claim");
                }
            }
        }
        return new Manifest(label, claim, assertions, checked.chain(), List.copyOf(problems));
    }

    private static Manifest broken(String problem) {
        return new Manifest(null, Map.of(), Map.of(), List.of(), List.of(problem));
    }

    private static Object safeDecode(byte[] cbor) {
        try {
            return Cbor.decode(cbor);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : null;
    }
}
