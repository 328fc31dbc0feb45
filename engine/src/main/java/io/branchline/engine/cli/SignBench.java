package io.branchline.engine.cli;

import io.branchline.renderer.provenance.BmffHash;
import io.branchline.renderer.provenance.C2pa;
import io.branchline.renderer.provenance.Certificates;
import io.branchline.renderer.provenance.Credential;
import io.branchline.renderer.provenance.ManifestBox;
import io.branchline.renderer.provenance.ManifestWriter;
import io.branchline.renderer.provenance.StreamSigner;
import io.branchline.renderer.provenance.StreamVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline bench sign --from DIR}: what signing and verifying a segment costs, on segments a render wrote. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Times signing each media segment of a rendered folder as serve does (its C2PA manifest: the BMFF hash, the claim, the Ed25519 signature), the parts of it, and verifying it.",
                "Render a folder first: ./branchline render STORY --out DIR."})
final class SignBench implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "a folder ./branchline render wrote (its path/ segments are used)")
    Path from;

    @Option(names = "--rounds", paramLabel = "ROUNDS", defaultValue = "20", description = "times each segment is signed, after as many untimed (default ${DEFAULT-VALUE})")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(from.resolve("path"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".m4s")).sorted().toList()) {
                segments.add(ManifestBox.strip(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("bench sign: cannot read " + from.resolve("path") + " (" + e.getMessage()
                    + "); expected a folder ./branchline render wrote");
            return 2;
        }
        if (segments.isEmpty() || rounds < 1) {
            spec.commandLine().getErr().println("bench sign: no segments under " + from.resolve("path") + ", or --rounds below 1");
            return 2;
        }
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Credential credential = new Credential(keys.getPrivate(), List.of(Certificates.selfSigned(keys, "bench", Duration.ofDays(1))));
        StreamSigner signer = new StreamSigner(credential, new ManifestWriter.Generator("Branchline", "bench"));
        StreamSigner.Stream stream = new StreamSigner.Stream("bench", "bench", "Bench", C2pa.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
                List.of(new StreamSigner.Model("generator", "CppnFrameGenerator", "0".repeat(64))), null, "0a0b0c0d");
        StreamSigner.Visit visit = new StreamSigner.Visit("scene", 0, "0".repeat(64), "full", C2pa.TRAINED_ALGORITHMIC_MEDIA,
                stream.models(), List.of("a prompt of some length, as authors write them"), "01020304");
        StreamVerifier verifier = new StreamVerifier(credential.chain());
        long bytes = segments.stream().mapToLong(s -> s.length).sum();
        long[] sign = new long[segments.size() * rounds];
        long[] hash = new long[sign.length];
        long[] verify = new long[sign.length];
        long added = 0;
        for (int pass = 0; pass < 2; pass++) {
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < segments.size(); i++) {
                    byte[] seg = segments.get(i);
                    long t0 = System.nanoTime();
                    byte[] signed = signer.signSegment(seg, i + 1, stream, visit);
                    long t1 = System.nanoTime();
                    BmffHash.of(seg);
                    long t2 = System.nanoTime();
                    StreamVerifier.Report report = verifier.verifyOne(new StreamVerifier.Part("s", signed));
                    long t3 = System.nanoTime();
                    if (!report.ok()) {
                        throw new IllegalStateException("a signed segment did not verify: " + report.failures());
                    }
                    if (pass == 1) {
                        sign[n] = t1 - t0;
                        hash[n] = t2 - t1;
                        verify[n] = t3 - t2;
                        added += signed.length - seg.length;
                        n++;
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%d segments from %s, %.0f kB on average; each signed %d times after as many untimed%n", segments.size(), from,
                bytes / 1024.0 / segments.size(), rounds);
        out.printf(Locale.ROOT, "sign a segment (whole manifest):  %s%n", figures(sign));
        out.printf(Locale.ROOT, "  of which the BMFF hash:         %s%n", figures(hash));
        out.printf(Locale.ROOT, "verify a segment on its own:      %s%n", figures(verify));
        out.printf(Locale.ROOT, "bytes added per segment: %.0f (%.2f %% of the segment)%n", added / (double) sign.length,
                100.0 * added / (bytes * (double) rounds));
        out.flush();
        return 0;
    }

    private static String figures(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "mean %.3f ms, p50 %.3f ms, p95 %.3f ms, max %.3f ms", mean, s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.95)] / 1e6, s[s.length - 1] / 1e6);
    }
}
