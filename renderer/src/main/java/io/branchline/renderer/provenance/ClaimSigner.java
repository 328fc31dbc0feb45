package io.branchline.renderer.provenance;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs claims with a credential's Ed25519 key. The JDK's Ed25519 takes about 1 ms a signature
 * here, BouncyCastle's about 0.07 ms, and a server signs every segment it serves, so signing
 * uses BouncyCastle; checking ({@link Cose#verify}) uses the JDK, so every test that verifies
 * a signature checks one implementation against another. The protected header (the algorithm
 * and the certificate chain) is encoded once.
 */
final class ClaimSigner {

    private final Ed25519PrivateKeyParameters key;
    private final byte[] protectedHeader;

    ClaimSigner(Credential credential) {
        try {
            AsymmetricKeyParameter k = PrivateKeyFactory.createKey(credential.key().getEncoded());
            if (!(k instanceof Ed25519PrivateKeyParameters)) {
                throw new IllegalArgumentException("the signing key is not an Ed25519 key");
            }
            this.key = (Ed25519PrivateKeyParameters) k;
        } catch (IOException e) {
            throw new IllegalArgumentException("the signing key cannot be read: " + e.getMessage(), e);
        }
        Map<Object, Object> headers = new LinkedHashMap<>();
        headers.put(Cose.ALG, Cose.EDDSA);
        List<byte[]> chain = credential.chainDer();
        headers.put(Cose.X5CHAIN, chain.size() == 1 ? chain.get(0) : new java.util.ArrayList<Object>(chain));
        this.protectedHeader = Cbor.encode(headers);
    }

    /** A tagged COSE_Sign1 over {@code claim} (detached). */
    byte[] sign(byte[] claim) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        byte[] tbs = Cose.toBeSigned(protectedHeader, claim);
        signer.update(tbs, 0, tbs.length);
        return Cose.sign1(protectedHeader, signer.generateSignature());
    }
}
