package io.branchline.renderer.provenance;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks a signed stream: each manifest on its own (signature, assertion hashes), that it
 * binds the bytes it travels with (BMFF hash), that every segment follows the one before it
 * (sequence number, previous manifest id, stream id) starting from the init segment, that
 * one key signed it all, and, when a trust list is given, that the key is on it.
 */
public final class StreamVerifier {

    /** A file to check: a name to report it by, and its bytes. */
    public record Part(String name, byte[] bytes) {
    }

    /** One thing checked about one file. */
    public record Finding(String file, boolean ok, String message) {
    }

    /** All that was checked; {@link #ok()} only when every finding holds. */
    public record Report(List<Finding> findings, X509Certificate signer, int segments) {
        public boolean ok() {
            return findings.stream().allMatch(Finding::ok);
        }

        public List<Finding> failures() {
            return findings.stream().filter(f -> !f.ok()).toList();
        }
    }

    private final List<X509Certificate> trusted;

    /** @param trusted certificates whose signatures are trusted; empty: trust is not checked (and said so) */
    public StreamVerifier(List<X509Certificate> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Checks an init segment and the media segments that follow it, in playlist order. */
    public Report verify(Part init, List<Part> segments) {
        List<Finding> findings = new ArrayList<>();
        ManifestReader.Manifest initManifest = manifest(init, findings);
        X509Certificate signer = initManifest == null || initManifest.signer().isEmpty() ? null : initManifest.signer().get(0);
        String streamId = null;
        String previous = null;
        long sequence = 0;
        if (initManifest != null) {
            Map<String, Object> stream = initManifest.assertion(C2pa.STREAM);
            streamId = stream == null ? null : String.valueOf(stream.get("streamId"));
            if (stream == null) {
                findings.add(new Finding(init.name(), false, "the init segment's manifest has no " + C2pa.STREAM + " assertion naming its stream"));
            }
            previous = initManifest.label();
            trust(init.name(), signer, findings);
        }
        for (Part segment : segments) {
            ManifestReader.Manifest m = manifest(segment, findings);
            if (m == null) {
                previous = null;
                continue;
            }
            X509Certificate own = m.signer().isEmpty() ? null : m.signer().get(0);
            if (signer != null && own != null && !signer.equals(own)) {
                findings.add(new Finding(segment.name(), false, "signed by " + own.getSubjectX500Principal().getName()
                        + ", not by the key that signed the init segment (" + signer.getSubjectX500Principal().getName() + ")"));
            } else if (signer == null) {
                signer = own;
                trust(segment.name(), signer, findings);
            }
            Map<String, Object> live = m.assertion(C2pa.LIVE_VIDEO_SEGMENT);
            if (live == null) {
                findings.add(new Finding(segment.name(), false, "its manifest has no " + C2pa.LIVE_VIDEO_SEGMENT
                        + " assertion: it is not a segment of a signed stream"));
                previous = m.label();
                continue;
            }
            Object seqValue = live.get("sequenceNumber");
            long seq = seqValue instanceof Number ? ((Number) seqValue).longValue() : -1;
            String stream = String.valueOf(live.get("streamId"));
            String prev = String.valueOf(live.get("previousManifestId"));
            if (streamId != null && !streamId.equals(stream)) {
                findings.add(new Finding(segment.name(), false, "belongs to stream " + stream + ", not to stream " + streamId
                        + " of the init segment: " + (sequence == 0 && previous != null && previous.equals(initManifest.label())
                        ? "the init segment was swapped for another stream's (or every segment was)"
                        : "a segment of another stream was put in")));
            } else if (seq < 1) {
                findings.add(new Finding(segment.name(), false, "has no valid sequence number (" + seqValue + ")"));
            } else if (sequence > 0 && seq == sequence) {
                findings.add(new Finding(segment.name(), false, "repeats sequence number " + seq + " of the segment before it: a segment was replayed"));
            } else if (sequence > 0 && seq < sequence) {
                findings.add(new Finding(segment.name(), false, "has sequence number " + seq + " after " + sequence + ": segments are out of order"));
            } else if (seq > sequence + 1 && (sequence > 0 || previous != null)) {
                findings.add(new Finding(segment.name(), false, "has sequence number " + seq + " after " + sequence + ": "
                        + (seq - sequence - 1 == 1 ? "segment " + (sequence + 1) + " is" : "segments " + (sequence + 1) + " to " + (seq - 1) + " are")
                        + " missing (dropped)"));
            } else if (previous != null && !previous.equals(prev)) {
                findings.add(new Finding(segment.name(), false, sequence == 0
                        ? "does not follow this init segment (it follows manifest " + prev + ", the init segment is " + previous
                          + "): the init segment was swapped"
                        : "does not follow the segment before it (it names " + prev + " as its previous manifest, the one before it is "
                          + previous + "): segments were swapped or one was put in"));
            } else {
                findings.add(new Finding(segment.name(), true, "segment " + seq + " follows " + (sequence == 0 ? "the init segment" : "segment " + sequence)));
            }
            sequence = Math.max(sequence, seq);
            previous = m.label();
        }
        return new Report(List.copyOf(findings), signer, segments.size());
    }

    /** Checks one file on its own: its manifest, its signature, its hash. */
    public Report verifyOne(Part file) {
        List<Finding> findings = new ArrayList<>();
        ManifestReader.Manifest m = manifest(file, findings);
        X509Certificate signer = m == null || m.signer().isEmpty() ? null : m.signer().get(0);
        if (signer != null) {
            trust(file.name(), signer, findings);
        }
        return new Report(List.copyOf(findings), signer, m == null ? 0 : 1);
    }

    /** Reads and checks the manifest of one file, adding what it found; null when there is none to go on with. */
    private static ManifestReader.Manifest manifest(Part part, List<Finding> findings) {
        byte[] store;
        try {
            store = ManifestBox.store(part.bytes());
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(part.name(), false, "is not a readable MP4 file or fragment: " + e.getMessage()));
            return null;
        }
        if (store == null) {
            findings.add(new Finding(part.name(), false, "carries no C2PA manifest: it is not signed"));
            return null;
        }
        ManifestReader.Manifest m = ManifestReader.read(store);
        for (String p : m.problems()) {
            findings.add(new Finding(part.name(), false, p));
        }
        if (m.label() == null) {
            return null;
        }
        Map<String, Object> hash = m.assertion(C2pa.BMFF_HASH);
        if (hash == null || !(hash.get("hash") instanceof byte[])) {
            findings.add(new Finding(part.name(), false, "its manifest has no " + C2pa.BMFF_HASH + " binding it to the file's bytes"));
        } else if (!MessageDigest.isEqual((byte[]) hash.get("hash"), BmffHash.of(part.bytes()))) {
            findings.add(new Finding(part.name(), false, "its bytes do not match the signed hash: the file was changed after it was signed"));
        } else if (m.sound()) {
            findings.add(new Finding(part.name(), true, "signature and hash hold (manifest " + m.label() + ")"));
        }
        return m;
    }

    private void trust(String file, X509Certificate signer, List<Finding> findings) {
        if (signer == null) {
            return;
        }
        String who = signer.getSubjectX500Principal().getName() + " (SHA-256 " + fingerprint(signer) + ")";
        if (trusted.isEmpty()) {
            findings.add(new Finding(file, true, "signed by " + who + "; no trust list given, so who signed is reported, not judged"));
        } else if (trusted.contains(signer)) {
            findings.add(new Finding(file, true, "signed by " + who + ", a trusted certificate"));
        } else {
            findings.add(new Finding(file, false, "signed by " + who + ", which is not among the trusted certificates"));
        }
    }

    /** The SHA-256 of a certificate's DER, in hex. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(BmffHash.sha256().digest(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            return "(unreadable)";
        }
    }
}
