package io.branchline.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.encode.EncodedSegment;
import io.branchline.renderer.provenance.C2pa;
import io.branchline.renderer.provenance.Certificates;
import io.branchline.renderer.provenance.Credential;
import io.branchline.renderer.provenance.ManifestBox;
import io.branchline.renderer.provenance.ManifestReader;
import io.branchline.renderer.provenance.ManifestWriter;
import io.branchline.renderer.provenance.StreamSigner;
import io.branchline.renderer.provenance.StreamVerifier;
import io.branchline.renderer.provenance.StreamVerifier.Part;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rendered visit signed as a live stream: it verifies, it still decodes, and each kind of tampering is caught and named. */
class SignedStreamTest {

    private static Credential credential;
    private static Renders.Output rendered;
    private static final StreamSigner.Stream STREAM = new StreamSigner.Stream("stream-a", "ferry", "The Night Ferry",
            C2pa.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, List.of(new StreamSigner.Model("generator", "cppn", "ab12")), "policy-1", "0a0b0c0d");
    private static final StreamSigner.Visit VISIT = new StreamSigner.Visit("deck", 0, "k".repeat(64), "full",
            C2pa.TRAINED_ALGORITHMIC_MEDIA, List.of(new StreamSigner.Model("generator", "cppn", "ab12")), List.of("a ferry at night"), "01020304");

    @BeforeAll
    static void renderAndKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        credential = new Credential(keys.getPrivate(), List.of(Certificates.selfSigned(keys, "test server", Duration.ofDays(30))));
        rendered = Renders.render(Renders.SMALL, List.of(Renders.generate("a ferry at night", 3000)));
    }

    private static StreamSigner signer() {
        return new StreamSigner(credential, new ManifestWriter.Generator("Branchline", "test"));
    }

    private static List<Part> signedSegments(StreamSigner.Stream stream) {
        List<Part> parts = new ArrayList<>();
        long seq = 1;
        for (EncodedSegment s : rendered.segments()) {
            parts.add(new Part("seg-" + seq + ".m4s", signer().signSegment(s.bytes(), seq, stream, VISIT)));
            seq++;
        }
        return parts;
    }

    private static Part signedInit(StreamSigner.Stream stream) {
        return new Part("init.mp4", signer().signInit(rendered.init(), stream));
    }

    private static StreamVerifier.Report verify(Part init, List<Part> segments) {
        return new StreamVerifier(List.of()).verify(init, segments);
    }

    @Test
    void aSignedStreamVerifiesAndStillDecodes(@TempDir Path dir) throws Exception {
        Part init = signedInit(STREAM);
        List<Part> segments = signedSegments(STREAM);
        StreamVerifier.Report report = verify(init, segments);
        assertTrue(report.ok(), () -> report.failures().toString());
        assertEquals(3, report.segments());

        ManifestReader.Manifest m = ManifestReader.read(ManifestBox.store(segments.get(1).bytes()));
        assertEquals(2L, m.assertion(C2pa.LIVE_VIDEO_SEGMENT).get("sequenceNumber"));
        assertEquals(StreamSigner.manifestId("stream-a", 1), m.assertion(C2pa.LIVE_VIDEO_SEGMENT).get("previousManifestId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> created = ((List<Map<String, Object>>) m.assertion(C2pa.ACTIONS).get("actions")).get(0);
        assertEquals("c2pa.created", created.get("action"));
        assertEquals(C2pa.TRAINED_ALGORITHMIC_MEDIA, created.get("digitalSourceType"));
        assertEquals("deck", m.assertion(C2pa.VISIT).get("scene"));
        assertEquals(Map.of("serverId", "0a0b0c0d", "visitId", "01020304"), m.assertion(C2pa.VISIT).get("watermark"),
                "the manifest names the watermark its frames carry");

        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(init.bytes());
        segments.forEach(s -> whole.writeBytes(s.bytes()));
        Path file = Renders.write(dir, "signed.mp4", whole.toByteArray());
        FfmpegTools.Run run = FfmpegTools.ffmpeg("-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err().strip(), "ffmpeg decodes the signed stream with no complaint");
        assertEquals(rendered.segments().stream().mapToInt(EncodedSegment::frames).sum(), Renders.frames(file).size());

        String out = System.getProperty("branchline.c2paSample");
        if (out != null) {
            Files.createDirectories(Path.of(out));
            Files.write(Path.of(out, "init.mp4"), init.bytes());
            for (Part p : segments) {
                Files.write(Path.of(out, p.name()), p.bytes());
            }
        }
    }

    @Test
    void signingTheSameSegmentAtTheSamePlaceGivesTheSameBytes() {
        assertTrue(Arrays.equals(signedSegments(STREAM).get(0).bytes(), signedSegments(STREAM).get(0).bytes()));
        assertTrue(Arrays.equals(signedInit(STREAM).bytes(), signedInit(STREAM).bytes()));
    }

    @Test
    void aChangedByteIsCaught() {
        List<Part> segments = new ArrayList<>(signedSegments(STREAM));
        byte[] changed = segments.get(1).bytes().clone();
        changed[changed.length / 3] ^= 0x01;
        segments.set(1, new Part("seg-2.m4s", changed));
        StreamVerifier.Report report = verify(signedInit(STREAM), segments);
        assertFalse(report.ok());
        assertEquals(1, report.failures().size(), report.failures().toString());
        assertEquals("seg-2.m4s", report.failures().get(0).file());
        assertTrue(report.failures().get(0).message().contains("do not match the signed hash"), report.failures().toString());
    }

    @Test
    void aDroppedSegmentIsCaught() {
        List<Part> segments = new ArrayList<>(signedSegments(STREAM));
        segments.remove(1);
        StreamVerifier.Report report = verify(signedInit(STREAM), segments);
        assertEquals(1, report.failures().size(), report.failures().toString());
        assertTrue(report.failures().get(0).message().contains("segment 2 is missing (dropped)"), report.failures().toString());
    }

    @Test
    void swappedSegmentsAreCaught() {
        List<Part> segments = new ArrayList<>(signedSegments(STREAM));
        Part second = segments.get(1);
        segments.set(1, segments.get(2));
        segments.set(2, second);
        StreamVerifier.Report report = verify(signedInit(STREAM), segments);
        assertFalse(report.ok());
        assertTrue(report.failures().stream().anyMatch(f -> f.message().contains("missing (dropped)")
                || f.message().contains("out of order")), report.failures().toString());
        assertTrue(report.failures().stream().anyMatch(f -> f.message().contains("out of order")), report.failures().toString());
    }

    @Test
    void aReplayedSegmentIsCaught() {
        List<Part> segments = new ArrayList<>(signedSegments(STREAM));
        segments.add(2, segments.get(1));
        StreamVerifier.Report report = verify(signedInit(STREAM), segments);
        assertEquals(1, report.failures().size(), report.failures().toString());
        assertTrue(report.failures().get(0).message().contains("replayed"), report.failures().toString());
    }

    @Test
    void aSwappedInitIsCaught() {
        StreamSigner.Stream other = new StreamSigner.Stream("stream-b", "ferry", "The Night Ferry", C2pa.COMPOSITE, List.of(), null, null);
        StreamVerifier.Report report = verify(signedInit(other), signedSegments(STREAM));
        assertFalse(report.ok());
        assertTrue(report.failures().get(0).message().contains("not to stream stream-b"), report.failures().toString());
        assertTrue(report.failures().get(0).message().contains("the init segment was swapped"), report.failures().toString());
    }

    @Test
    void aSegmentOfAnotherStreamIsCaught() {
        List<Part> segments = new ArrayList<>(signedSegments(STREAM));
        StreamSigner.Stream other = new StreamSigner.Stream("stream-b", "ferry", "The Night Ferry", C2pa.COMPOSITE, List.of(), null, null);
        segments.set(1, signedSegments(other).get(1));
        StreamVerifier.Report report = verify(signedInit(STREAM), segments);
        assertTrue(report.failures().stream().anyMatch(f -> f.message().contains("a segment of another stream")), report.failures().toString());
    }

    @Test
    void anUnsignedSegmentAndAnotherKeyAreCaught() throws Exception {
        List<Part> segments = new ArrayList<>(signedSegments(STREAM));
        segments.set(0, new Part("seg-1.m4s", rendered.segments().get(0).bytes()));
        StreamVerifier.Report report = verify(signedInit(STREAM), segments);
        assertTrue(report.failures().stream().anyMatch(f -> f.file().equals("seg-1.m4s") && f.message().contains("not signed")),
                report.failures().toString());

        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Credential impostor = new Credential(other.getPrivate(), List.of(Certificates.selfSigned(other, "impostor", Duration.ofDays(1))));
        StreamVerifier.Report trusted = new StreamVerifier(credential.chain()).verify(
                new Part("init.mp4", new StreamSigner(impostor, new ManifestWriter.Generator("Branchline", "test")).signInit(rendered.init(), STREAM)),
                signedSegments(STREAM));
        assertTrue(trusted.failures().stream().anyMatch(f -> f.message().contains("not among the trusted certificates")), trusted.failures().toString());
    }

    @Test
    void aChangedAssertionIsCaughtByItsHashInTheClaim() {
        Part init = signedInit(STREAM);
        byte[] bytes = init.bytes().clone();
        byte[] needle = "The Night Ferry".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(bytes, needle);
        bytes[at] = 'X';
        StreamVerifier.Report report = new StreamVerifier(List.of()).verifyOne(new Part("init.mp4", bytes));
        assertFalse(report.ok());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
