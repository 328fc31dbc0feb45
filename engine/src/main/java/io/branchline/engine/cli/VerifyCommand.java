package io.branchline.engine.cli;

import io.branchline.engine.trust.SigningIdentity;
import io.branchline.engine.trust.StreamSource;
import io.branchline.renderer.provenance.StreamVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code branchline verify PATH|URL}: checks the C2PA Content Credentials of a rendered folder, a session's playlist or one file. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks the Content Credentials Branchline signs its video with.",
                "Every manifest and signature is checked, that each file's bytes match their signed hash, and that the segments follow one another from the init segment (none dropped, swapped, replayed or put in).",
                "PATH|URL is a folder ./branchline render wrote, an HLS playlist (file or URL, such as http://localhost:8080/sessions/ID/index.m3u8), or one init or media segment (checked on its own)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:everything holds (with --watermark: a watermark was found)", "1:something does not hold (each failure is printed; with --watermark: none found)",
                "2:bad usage, or the input cannot be read"})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH|URL", arity = "0..1", description = "a rendered folder, a playlist (file or http(s) URL), or one .mp4/.m4s file")
    String where;

    @Option(names = "--watermark", arity = "1..*", paramLabel = "FILE",
            description = {"read the invisible watermark instead: from a video file (any that ffmpeg decodes: a re-encoded, downscaled copy,",
                    "a frame as PNG), or an init segment followed by its media segments; prints the server id and visit id it carries"})
    List<String> watermark;

    @Option(names = "--trust", paramLabel = "CERT.pem", description = "a certificate (PEM) to trust; the signer must be one of them")
    List<Path> trust = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "list every check that holds, not only those that fail")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (watermark != null) {
            if (where != null) {
                watermark = new ArrayList<>(watermark);
                watermark.add(where);
            }
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
            int code;
            try (java.io.PrintStream po = new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8);
                 java.io.PrintStream pe = new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8)) {
                code = WatermarkCheck.run(watermark, po, pe);
            }
            out.print(o.toString(java.nio.charset.StandardCharsets.UTF_8));
            err.print(e.toString(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            err.flush();
            return code;
        }
        if (where == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "verify needs PATH|URL (or --watermark FILE)");
        }
        List<X509Certificate> trusted = new ArrayList<>();
        for (Path t : trust) {
            try {
                trusted.addAll(SigningIdentity.readCertificates(t));
            } catch (IOException | SigningIdentity.Unusable e) {
                err.println("verify: cannot use --trust " + t + ": " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        StreamVerifier verifier = new StreamVerifier(trusted);
        StreamVerifier.Report report;
        String origin = null;
        boolean single = !StreamSource.isUrl(where) && Files.isRegularFile(Path.of(where)) && !where.endsWith(".m3u8");
        try {
            if (single) {
                report = verifier.verifyOne(new StreamVerifier.Part(Path.of(where).getFileName().toString(), StreamSource.readBytes(Path.of(where))));
            } else {
                StreamSource.Stream stream = StreamSource.read(where);
                report = verifier.verify(stream.init(), stream.segments());
                origin = stream.origin();
            }
        } catch (StreamSource.Unreadable e) {
            err.println("verify: " + e.getMessage());
            err.flush();
            return 2;
        }
        for (StreamVerifier.Finding f : report.findings()) {
            if (verbose || !f.ok() || f.message().startsWith("signed by")) {
                out.println((f.ok() ? "  ok    " : "  FAIL  ") + f.file() + ": " + f.message());
            }
        }
        if (origin != null && report.signer() != null) {
            out.println("  " + serverCertificate(origin, report.signer()));
        }
        int failures = report.failures().size();
        if (failures == 0) {
            out.println("verified: " + (single ? "the file carries" : "the init segment and " + report.segments() + " media segments carry")
                    + " sound Content Credentials");
        } else {
            out.println("NOT verified: " + failures + (failures == 1 ? " check fails" : " checks fail"));
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    /** Whether the signer is the certificate the server publishes: a hint, not trust (the same server says both). */
    private static String serverCertificate(String origin, X509Certificate signer) {
        URI uri = URI.create(origin + "/.well-known/branchline-cert.pem");
        try {
            byte[] pem = StreamSource.fetch(uri);
            Path tmp = Files.createTempFile("branchline-cert", ".pem");
            try {
                Files.write(tmp, pem);
                List<X509Certificate> published = SigningIdentity.readCertificates(tmp);
                return published.contains(signer) ? "note: the signer is the certificate " + uri + " publishes (pin it with --trust)"
                        : "note: the signer is NOT the certificate " + uri + " publishes";
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (StreamSource.Unreadable | IOException | SigningIdentity.Unusable e) {
            return "note: the server's certificate could not be read from " + uri + " (" + e.getMessage() + ")";
        }
    }
}
