package io.branchline.engine.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.renderer.provenance.Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's signing key: made once, owner-only, kept across restarts; an operator's own is checked before use. */
class SigningIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsMadeOnceOwnerOnlyAndKept() throws Exception {
        Credential first = SigningIdentity.loadOrCreate(dir, 0x0a0b0c0d);
        Path key = dir.resolve("signing/key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        Credential again = SigningIdentity.loadOrCreate(dir, 0x0a0b0c0d);
        assertEquals(first.chain(), again.chain(), "a restart signs with the same certificate");
        assertEquals(first.key(), again.key());
        first.chain().get(0).checkValidity();
        assertEquals(-1, first.chain().get(0).getBasicConstraints(), "an end entity, not a CA");
        assertTrue(first.chain().get(0).getSubjectX500Principal().getName().contains("CN=Branchline server 0a0b0c0d"),
                "the certificate names the server by the id its watermark carries");
    }

    @Test
    void anOperatorsKeyMustMatchItsCertificate() throws Exception {
        SigningIdentity.loadOrCreate(dir.resolve("a"), 1);
        SigningIdentity.loadOrCreate(dir.resolve("b"), 2);
        Path keyA = dir.resolve("a/signing/key.pem");
        Path certB = dir.resolve("b/signing/cert.pem");
        SigningIdentity.Unusable mismatch = assertThrows(SigningIdentity.Unusable.class, () -> SigningIdentity.load(keyA, certB));
        assertTrue(mismatch.getMessage().contains("is not the one of the key"), mismatch.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
        SigningIdentity.Unusable notKey = assertThrows(SigningIdentity.Unusable.class, () -> SigningIdentity.load(garbage, certB));
        assertTrue(notKey.getMessage().contains("expected PEM (-----BEGIN PRIVATE KEY-----)"), notKey.getMessage());
        SigningIdentity.Unusable notCert = assertThrows(SigningIdentity.Unusable.class, () -> SigningIdentity.load(keyA, garbage));
        assertTrue(notCert.getMessage().contains("CERTIFICATE"), notCert.getMessage());
        SigningIdentity.Unusable half = assertThrows(SigningIdentity.Unusable.class, () -> SigningIdentity.resolve(dir, keyA, null, 1));
        assertTrue(half.getMessage().contains("go together"), half.getMessage());
        assertEquals(SigningIdentity.load(keyA, dir.resolve("a/signing/cert.pem")).chain(), SigningIdentity.loadOrCreate(dir.resolve("a"), 1).chain());
    }
}
