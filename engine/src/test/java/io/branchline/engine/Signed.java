package io.branchline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.encode.Boxes;
import io.branchline.renderer.provenance.Certificates;
import io.branchline.renderer.provenance.Credential;
import io.branchline.renderer.provenance.StreamVerifier;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;

/** The signing key the tests' engines sign with, and what a signed session segment looks like. */
public final class Signed {

    /** One key for all tests in a run: made once, as a server makes its own on first start. */
    public static final Credential CREDENTIAL = credential();

    private Signed() {
    }

    private static Credential credential() {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Credential(keys.getPrivate(), List.of(Certificates.selfSigned(keys, "test engine", Duration.ofDays(2))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The top-level box types of an MP4 file or fragment, in order. */
    public static List<String> boxes(byte[] file) {
        return Boxes.children(ByteBuffer.wrap(file), 0, file.length).stream().map(Boxes.Box::type).toList();
    }

    /** A session's media segment as served: a type box, the fragment, its C2PA manifest last, sound on its own. */
    public static void assertSignedSegment(byte[] segment, String what) {
        assertEquals(List.of("ftyp", "moof", "mdat", "uuid"), boxes(segment), what);
        StreamVerifier.Report report = new StreamVerifier(CREDENTIAL.chain()).verifyOne(new StreamVerifier.Part(what, segment));
        assertTrue(report.ok(), () -> what + ": " + report.failures());
    }
}
