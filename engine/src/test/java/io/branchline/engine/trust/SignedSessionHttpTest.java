package io.branchline.engine.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.branchline.engine.Signed;
import io.branchline.engine.cli.Main;
import io.branchline.renderer.provenance.C2pa;
import io.branchline.renderer.provenance.ManifestBox;
import io.branchline.renderer.provenance.ManifestReader;
import io.branchline.renderer.provenance.StreamVerifier;
import io.branchline.renderer.provenance.StreamVerifier.Part;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A session's stream as any HLS client gets it carries Content Credentials that verify, and verify says so over HTTP. */
class SignedSessionHttpTest {

    private static final String STORY = """
            title: Doors
            format: 240x426 30fps
            segment: 1s
            === hall ===
            shot 3s color "#203040"
              caption "Two doors"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("doors", STORY));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private String session() throws Exception {
        JsonObject created = engine.post("/api/stories/doors/sessions", null, null).bodyAsJsonObject();
        return created.getString("id");
    }

    /** The session's segments fetched as a player fetches them, until the playlist lists the end. */
    private List<Part> wholeStream(String id) throws Exception {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            engine.playlistWith(id, "segments/0-" + i + ".m4s");
            parts.add(new Part("0-" + i, engine.get("/sessions/" + id + "/segments/0-" + i + ".m4s", null).body().getBytes()));
        }
        engine.playlistWith(id, "#EXT-X-ENDLIST");
        return parts;
    }

    @Test
    void aSessionStreamsAsASignedChainThatVerifies() throws Exception {
        String id = session();
        List<Part> segments = wholeStream(id);
        Part init = new Part("init.mp4", engine.get("/sessions/" + id + "/init.mp4", null).body().getBytes());
        StreamVerifier.Report report = new StreamVerifier(Signed.CREDENTIAL.chain()).verify(init, segments);
        assertTrue(report.ok(), () -> report.failures().toString());
        assertEquals(3, report.segments());
        for (Part p : segments) {
            Signed.assertSignedSegment(p.bytes(), p.name());
        }

        ManifestReader.Manifest m = ManifestReader.read(ManifestBox.store(segments.get(2).bytes()));
        assertEquals(3L, m.assertion(C2pa.LIVE_VIDEO_SEGMENT).get("sequenceNumber"));
        assertEquals("hall", m.assertion(C2pa.VISIT).get("scene"));
        assertEquals("full", m.assertion(C2pa.VISIT).get("tier"));
        assertTrue(!m.assertion(C2pa.LIVE_VIDEO_SEGMENT).get("streamId").toString().contains(id), "the stream id does not give the session id away");
        @SuppressWarnings("unchecked")
        Map<String, Object> created = ((List<Map<String, Object>>) m.assertion(C2pa.ACTIONS).get("actions")).get(0);
        assertEquals(C2pa.DIGITAL_CREATION, created.get("digitalSourceType"), "a colour shot is no model's work");

        assertArrayEquals(segments.get(1).bytes(), engine.get("/sessions/" + id + "/segments/0-1.m4s", null).body().getBytes(),
                "a segment fetched again is the same bytes");
        String pem = engine.get("/.well-known/branchline-cert.pem", null).bodyAsString();
        assertEquals(SigningIdentity.pem(Signed.CREDENTIAL.chain()), pem);
    }

    @Test
    void storedVisitsAsBranchlinesPlayerReadsThemAreSignedToo() throws Exception {
        JsonObject created = engine.post("/api/stories/doors/sessions", null, null).bodyAsJsonObject();
        wholeStream(created.getString("id"));
        JsonObject view = engine.get("/api/sessions/" + created.getString("id"), created.getString("token")).bodyAsJsonObject();
        String key = view.getJsonArray("history").getJsonObject(0).getString("key");
        Part init = new Part("init.mp4", engine.get("/segments/" + key + "/init.mp4", null).body().getBytes());
        List<Part> segments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = String.format("seg-%05d.m4s", i);
            segments.add(new Part(name, engine.get("/segments/" + key + "/" + name, null).body().getBytes()));
        }
        StreamVerifier.Report report = new StreamVerifier(Signed.CREDENTIAL.chain()).verify(init, segments);
        assertTrue(report.ok(), () -> report.failures().toString());
        ManifestReader.Manifest m = ManifestReader.read(ManifestBox.store(segments.get(0).bytes()));
        assertEquals(key, m.assertion(C2pa.VISIT).get("contentKey"));
        assertEquals("doors", m.assertion(C2pa.VISIT).get("story"));
    }

    @Test
    void verifyChecksASessionByItsPlaylistUrl() throws Exception {
        String id = session();
        wholeStream(id);
        Path cert = Files.writeString(dir.resolve("cert.pem"), SigningIdentity.pem(Signed.CREDENTIAL.chain()));
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute("verify", "http://localhost:" + engine.port + "/sessions/" + id + "/main.m3u8", "--trust", cert.toString());
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("verified: the init segment and 3 media segments carry sound Content Credentials"), out.toString());
        assertTrue(out.toString().contains("the signer is the certificate"), out.toString());

        StringWriter bad = new StringWriter();
        int missing = new CommandLine(new Main()).setOut(new PrintWriter(bad)).setErr(new PrintWriter(bad))
                .execute("verify", "http://localhost:" + engine.port + "/sessions/nope/index.m3u8");
        assertEquals(2, missing, bad.toString());
        assertTrue(bad.toString().contains("answered 404"), bad.toString());
    }
}
