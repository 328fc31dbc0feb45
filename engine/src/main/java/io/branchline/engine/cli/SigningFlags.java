package io.branchline.engine.cli;

import io.branchline.engine.trust.SigningIdentity;
import io.branchline.renderer.provenance.Credential;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that give {@code serve} and {@code render} an operator's own signing key (docs/trust.md). */
final class SigningFlags {

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = "an Ed25519 private key (PKCS#8 PEM) to sign video with; default: one made on first use in DIR/signing/")
    Path key;

    @Option(names = "--signing-cert", paramLabel = "FILE", description = "the certificate chain (PEM, the key's own first) that goes with --signing-key")
    Path cert;

    /** The operator's credential when both flags are given, else the one kept in {@code data}. */
    Credential credential(Path data, int serverId) throws IOException, SigningIdentity.Unusable {
        return SigningIdentity.resolve(data, key, cert, serverId);
    }
}
