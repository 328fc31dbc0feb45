package io.branchline.renderer.provenance;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A signing certificate for a server that has none from a certificate authority: self-signed,
 * Ed25519, and shaped as C2PA asks of a claim signer (version 3, an end entity, not a CA,
 * digital signature as its key usage, e-mail protection and document signing as its extended
 * key usages, key identifiers). A C2PA validator reports such a signer as untrusted until its
 * certificate is added to the validator's trust list; that is the only thing it reports.
 */
public final class Certificates {

    /** Document signing (RFC 9336). */
    private static final KeyPurposeId DOCUMENT_SIGNING = KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"));

    private Certificates() {
    }

    /** A self-signed certificate for {@code keys} (Ed25519) naming {@code commonName}, valid for {@code validity} from a day ago. */
    public static X509Certificate selfSigned(KeyPair keys, String commonName, Duration validity) {
        X500Name name = new X500Name("CN=" + commonName.replace(",", " ") + ",O=Branchline");
        Instant from = Instant.now().minus(Duration.ofDays(1));
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(from), Date.from(from.plus(validity)), name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_emailProtection, DOCUMENT_SIGNING}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
        } catch (OperatorCreationException | CertificateException | java.security.NoSuchAlgorithmException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("the signing certificate could not be made: " + e.getMessage(), e);
        }
    }
}
