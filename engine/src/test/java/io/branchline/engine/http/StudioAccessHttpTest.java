package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.session.SessionService;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.stories.StoryCatalog;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio is for authors, as a browser would meet it, without a browser: another site's
 * page gets no CORS grant and is refused; a request to a name the server does not answer to
 * (DNS rebinding) is refused; without the author token the studio stays shut; the player's
 * routes stay open to every site.
 */
class StudioAccessHttpTest {

    private static final String TOKEN = "k".repeat(43);
    private static final String EVIL = "Origin: https://evil.example";

    @TempDir
    Path dir;
    private Vertx vertx;
    private SegmentStore store;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("stories/doors"));
        Files.writeString(dir.resolve("stories/doors/doors.story"), "title: Doors\n=== start ===\nshot 1s title \"Hello\"\n-> END\n");
        StoryCatalog catalog = new StoryCatalog(dir.resolve("stories"));
        catalog.refresh();
        store = SegmentStore.open(dir.resolve("store"), 1L << 30);
        vertx = Vertx.vertx();
        EngineMetrics metrics = new EngineMetrics();
        SessionService sessions = new SessionService(vertx, catalog, store, new RenderTools(() -> null, () -> null), dir.resolve("sessions"), metrics);
        HttpVerticle http = new HttpVerticle(catalog, sessions, store, metrics, "localhost", 0).authorToken(AuthorToken.of(TOKEN));
        vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        port = http.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        store.close();
    }

    private RawHttp.Answer get(String target, String... headers) throws Exception {
        return RawHttp.get(port, target, headers);
    }

    private static void assertProblem(RawHttp.Answer a, int status) {
        assertEquals(status, a.status(), a.body());
        assertEquals("application/problem+json", a.header("Content-Type"), a.body());
        assertTrue(a.body().contains("\"status\":" + status), a.body());
    }

    @Test
    void anotherSitesPageGetsNoCorsGrantOnStudioRoutesAndIsRefused() throws Exception {
        String auth = "Authorization: Bearer " + TOKEN;
        for (String route : new String[] {"/api/stories/doors/studio", "/api/stories/doors/source?file=doors.story", "/api/stories/doors/stats",
                "/api/stories/doors/changes"}) {
            RawHttp.Answer a = get(route, EVIL, auth);
            assertProblem(a, 403);
            assertNull(a.header("Access-Control-Allow-Origin"), route);
        }
        RawHttp.Answer preflight = RawHttp.send(port, "OPTIONS /api/stories/doors/source HTTP/1.1\r\nHost: localhost\r\n" + EVIL
                + "\r\nAccess-Control-Request-Method: GET", null);
        assertNull(preflight.header("Access-Control-Allow-Origin"), "no preflight grant: " + preflight);
        // The player's own routes stay open to any site (--allow-origin, * by default).
        assertEquals("*", get("/api/stories/doors", EVIL).header("Access-Control-Allow-Origin"));
        // The studio's own page, same origin, is answered.
        assertEquals(200, get("/api/stories/doors/studio", "Origin: http://localhost:" + port, auth).status());
    }

    @Test
    void aNameTheServerDoesNotAnswerToIsRefused() throws Exception {
        RawHttp.Answer rebound = RawHttp.send(port, "GET /api/stories/doors/studio HTTP/1.1\r\nHost: evil.example:" + port, null);
        assertProblem(rebound, 421);
        assertProblem(RawHttp.send(port, "GET /api/stories HTTP/1.1\r\nHost: attacker.test", null), 421);
        assertEquals(200, RawHttp.send(port, "GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1:" + port, null).status());
        assertEquals(200, RawHttp.send(port, "GET /api/stories HTTP/1.1\r\nHost: [::1]:" + port, null).status());
        assertEquals(200, RawHttp.send(port, "GET /api/stories HTTP/1.1\r\nHost: localhost:" + port, null).status());
    }

    @Test
    void theStudioAsksForTheAuthorToken() throws Exception {
        assertProblem(get("/api/stories/doors/studio"), 401);
        assertProblem(get("/api/stories/doors/source?file=doors.story"), 401);
        assertProblem(get("/api/stories/doors/stats"), 401);
        assertProblem(get("/studio/doors"), 401);
        assertProblem(get("/api/stories/doors/studio", "Authorization: Bearer wrong"), 401);
        assertEquals(200, get("/api/stories/doors/studio", "Authorization: Bearer " + TOKEN).status());

        RawHttp.Answer opened = get("/studio/doors?author=" + TOKEN);
        assertEquals(303, opened.status());
        assertEquals("/studio/doors", opened.header("Location"), "the token leaves the address");
        String cookie = opened.header("Set-Cookie");
        assertTrue(cookie.toLowerCase().contains("httponly") && cookie.contains("SameSite=Strict"), cookie);
        String sent = "Cookie: " + cookie.split(";")[0];
        assertEquals(200, get("/studio/doors", sent).status());
        assertEquals(200, get("/api/stories/doors/studio", sent).status());
        assertTrue(get("/api/stories/doors/source?file=doors.story", sent).body().contains("=== start ==="));
        // The player needs no token.
        assertEquals(200, get("/api/stories/doors").status());
    }

    @Test
    void theEditorsRoutesAskForTheAuthorTokenAndRefuseOtherSites() throws Exception {
        Path file = dir.resolve("stories/doors/doors.story");
        String before = Files.readString(file);
        byte[] check = "{\"file\":\"doors.story\",\"text\":\"title: X\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] save = ("{\"text\":\"title: X\",\"version\":\"" + io.branchline.engine.studio.StudioSources.version(before.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String json = "\r\nContent-Type: application/json\r\nContent-Length: ";
        assertProblem(RawHttp.send(port, "POST /api/stories/doors/check HTTP/1.1\r\nHost: localhost" + json + check.length, check), 401);
        assertProblem(RawHttp.send(port, "PUT /api/stories/doors/source/doors.story HTTP/1.1\r\nHost: localhost" + json + save.length, save), 401);
        String auth = "\r\nAuthorization: Bearer " + TOKEN;
        RawHttp.Answer elsewhere = RawHttp.send(port, "PUT /api/stories/doors/source/doors.story HTTP/1.1\r\nHost: localhost\r\n" + EVIL
                + auth + json + save.length, save);
        assertProblem(elsewhere, 403);
        assertNull(elsewhere.header("Access-Control-Allow-Origin"));
        assertEquals(before, Files.readString(file), "nothing was written");
        assertEquals(200, RawHttp.send(port, "POST /api/stories/doors/check HTTP/1.1\r\nHost: localhost" + auth + json + check.length, check)
                .status());
    }

    @Test
    void malformedSourceNamesAreProblemsNotErrors() throws Exception {
        String auth = "Authorization: Bearer " + TOKEN;
        assertProblem(get("/api/stories/doors/source?file=doors.story%00", auth), 400);
        assertProblem(get("/api/stories/doors/source?file=%zz", auth), 400);
        assertProblem(get("/api/stories/doors/source?file=../../etc/passwd", auth), 404);
    }
}
