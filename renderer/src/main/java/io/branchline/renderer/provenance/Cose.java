package io.branchline.renderer.provenance;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COSE_Sign1 (RFC 9052) as C2PA uses it for a claim signature: EdDSA (Ed25519), the
 * certificate chain in the protected header ({@code x5chain}, label 33), the claim as a
 * detached payload.
 */
public final class Cose {

    static final int TAG_SIGN1 = 18;
    static final int ALG = 1;
    static final int X5CHAIN = 33;
    static final int EDDSA = -8;

    /** A signature read back: the chain it names and whether it holds over the payload. */
    public record Checked(List<X509Certificate> chain, boolean valid, String problem) {
    }

    private Cose() {
    }

    /** A tagged COSE_Sign1 made of its protected header and signature (the payload detached: not repeated inside). */
    static byte[] sign1(byte[] protectedHeader, byte[] signature) {
        List<Object> sign1 = new ArrayList<>();
        sign1.add(protectedHeader);
        sign1.add(new LinkedHashMap<>());
        sign1.add(null);
        sign1.add(signature);
        return Cbor.encode(new Cbor.Tagged(TAG_SIGN1, sign1));
    }

    /** Checks a COSE_Sign1 over a detached {@code payload}; never throws for bad input, it says what is wrong. */
    public static Checked verify(byte[] cose, byte[] payload) {
        Object decoded;
        try {
            decoded = Cbor.decode(cose);
        } catch (IllegalArgumentException e) {
            return new Checked(List.of(), false, "the signature is not CBOR (" + e.getMessage() + ")");
        }
        if (decoded instanceof Cbor.Tagged) {
            Cbor.Tagged t = (Cbor.Tagged) decoded;
            if (t.tag() != TAG_SIGN1) {
                return new Checked(List.of(), false, "the signature has CBOR tag " + t.tag() + "; expected 18 (COSE_Sign1)");
            }
            decoded = t.value();
        }
        if (!(decoded instanceof List) || ((List<?>) decoded).size() != 4) {
            return new Checked(List.of(), false, "the signature is not a COSE_Sign1 (an array of 4)");
        }
        List<?> parts = (List<?>) decoded;
        if (!(parts.get(0) instanceof byte[]) || !(parts.get(3) instanceof byte[])) {
            return new Checked(List.of(), false, "the COSE_Sign1 lacks its protected header or signature bytes");
        }
        byte[] protectedHeader = (byte[]) parts.get(0);
        Map<?, ?> headers;
        try {
            Object h = Cbor.decode(protectedHeader);
            if (!(h instanceof Map)) {
                return new Checked(List.of(), false, "the protected header is not a map");
            }
            headers = (Map<?, ?>) h;
        } catch (IllegalArgumentException e) {
            return new Checked(List.of(), false, "the protected header is not CBOR (" + e.getMessage() + ")");
        }
        Object alg = headers.get(String.valueOf(ALG));
        if (!(alg instanceof Long) || (Long) alg != EDDSA) {
            return new Checked(List.of(), false, "the signature algorithm is " + alg + "; Branchline checks EdDSA (-8)");
        }
        List<X509Certificate> chain;
        try {
            chain = certificates(headers.get(String.valueOf(X5CHAIN)));
        } catch (CertificateException | IllegalArgumentException e) {
            return new Checked(List.of(), false, "the certificate chain (x5chain) cannot be read: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            return new Checked(List.of(), false, "the signature names no certificate (x5chain)");
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(chain.get(0).getPublicKey());
            ed.update(toBeSigned(protectedHeader, payload));
            boolean ok = ed.verify((byte[]) parts.get(3));
            return new Checked(chain, ok, ok ? null : "the claim signature does not match the claim and the signer's key");
        } catch (GeneralSecurityException e) {
            return new Checked(chain, false, "the signature cannot be checked with the signer's key: " + e.getMessage());
        }
    }

    /** The Sig_structure for a COSE_Sign1 with no external data. */
    static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
        List<Object> structure = new ArrayList<>();
        structure.add("Signature1");
        structure.add(protectedHeader);
        structure.add(new byte[0]);
        structure.add(payload);
        return Cbor.encode(structure);
    }

    private static List<X509Certificate> certificates(Object x5chain) throws CertificateException {
        List<byte[]> der = new ArrayList<>();
        if (x5chain instanceof byte[]) {
            der.add((byte[]) x5chain);
        } else if (x5chain instanceof List) {
            for (Object o : (List<?>) x5chain) {
                if (!(o instanceof byte[])) {
                    throw new IllegalArgumentException("an x5chain entry is not a byte string");
                }
                der.add((byte[]) o);
            }
        }
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (byte[] d : der) {
            chain.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(d)));
        }
        return chain;
    }
}
