package io.branchline.renderer.provenance;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who signs: an Ed25519 private key and its certificate chain (the signer's certificate first).
 * The chain travels in every signature, so a verifier needs nothing but the file to check it.
 */
public record Credential(PrivateKey key, List<X509Certificate> chain) {

    public Credential {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs its certificate");
        }
        if (!key.getAlgorithm().equals("EdDSA") && !key.getAlgorithm().equals("Ed25519")) {
            throw new IllegalArgumentException("the signing key is " + key.getAlgorithm() + "; expected an Ed25519 key");
        }
        chain = List.copyOf(chain);
    }

    /** The certificates in DER, the signer's first. */
    List<byte[]> chainDer() {
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("the certificate cannot be encoded", e);
            }
        }
        return der;
    }
}
