package io.branchline.engine.trust;

import io.branchline.renderer.provenance.Certificates;
import io.branchline.renderer.provenance.Credential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key and certificate a server signs its video with. Made on first start in the data
 * folder ({@code signing/key.pem}, owner-only, and {@code signing/cert.pem}) and kept, so a
 * restart signs with the same key; or an operator's own, given as PEM files.
 */
public final class SigningIdentity {

    public static final String FOLDER = "signing";
    public static final String KEY = "key.pem";
    public static final String CERT = "cert.pem";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    /** A key or certificate that cannot be used, with what was wrong and what was expected. */
    public static final class Unusable extends Exception {
        public Unusable(String message) {
            super(message);
        }
    }

    private SigningIdentity() {
    }

    /**
     * The operator's key and certificate when both are given, else the identity kept in
     * {@code dataFolder} (made when there is none).
     */
    public static Credential resolve(Path dataFolder, Path keyFile, Path certFile, int serverId) throws IOException, Unusable {
        if ((keyFile == null) != (certFile == null)) {
            throw new Unusable("--signing-key and --signing-cert go together: give both, or neither (then a key and certificate are made in "
                    + dataFolder.resolve(FOLDER) + ")");
        }
        return keyFile != null ? load(keyFile, certFile) : loadOrCreate(dataFolder, serverId);
    }

    /**
     * The identity kept in {@code dataFolder}, made when there is none; a new certificate names
     * the server by the id its watermark carries ({@link ServerId}), so the two marks name one server.
     */
    public static Credential loadOrCreate(Path dataFolder, int serverId) throws IOException, Unusable {
        Path dir = dataFolder.resolve(FOLDER);
        Path key = dir.resolve(KEY);
        Path cert = dir.resolve(CERT);
        if (Files.isRegularFile(key) && Files.isRegularFile(cert)) {
            return load(key, cert);
        }
        Files.createDirectories(dir);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
        X509Certificate certificate = Certificates.selfSigned(pair, "Branchline server " + io.branchline.renderer.mark.MarkPayload.hex(serverId),
                VALIDITY);
        write(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        try {
            write(cert, pem("CERTIFICATE", certificate.getEncoded()), false);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new Credential(pair.getPrivate(), List.of(certificate));
    }

    /** An operator's key and certificate chain (PEM; the signer's certificate first). */
    public static Credential load(Path keyFile, Path certFile) throws IOException, Unusable {
        PrivateKey key = readKey(keyFile);
        List<X509Certificate> chain = readCertificates(certFile);
        try {
            byte[] probe = "branchline".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(chain.get(0).getPublicKey());
            v.update(probe);
            if (!v.verify(signature)) {
                throw new Unusable("the certificate " + certFile + " is not the one of the key " + keyFile + "; expected the key's own certificate first");
            }
        } catch (GeneralSecurityException e) {
            throw new Unusable("the certificate " + certFile + " does not hold an Ed25519 key matching " + keyFile + " (" + e.getMessage() + ")");
        }
        return new Credential(key, chain);
    }

    /** The certificates of a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, Unusable {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new Unusable(file + " holds no certificate; expected PEM (-----BEGIN CERTIFICATE-----)");
            }
            return chain;
        } catch (CertificateException e) {
            throw new Unusable(file + " is not a readable certificate; expected PEM (-----BEGIN CERTIFICATE-----): " + e.getMessage());
        }
    }

    /** The PEM text of certificates. */
    public static String pem(List<X509Certificate> chain) {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                b.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.toString();
    }

    private static PrivateKey readKey(Path file) throws IOException, Unusable {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new Unusable(file + " is not an unencrypted PKCS#8 private key; expected PEM (-----BEGIN PRIVATE KEY-----) with an Ed25519 key,"
                    + " as 'openssl genpkey -algorithm ed25519' writes");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Unusable(file + " does not hold an Ed25519 private key (" + e.getMessage() + "); Branchline signs with Ed25519");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /**
     * Writes a file whole ({@link io.branchline.renderer.AtomicFiles}: its temporary file is made
     * owner-only, so the key is never readable by others, not even for a moment); the certificate
     * is public and made readable once in place.
     */
    private static void write(Path file, String text, boolean secret) throws IOException {
        io.branchline.renderer.AtomicFiles.write(file, text.getBytes(StandardCharsets.US_ASCII));
        if (!secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its own defaults apply.
            }
        }
    }
}
