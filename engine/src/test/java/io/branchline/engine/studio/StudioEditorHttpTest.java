package io.branchline.engine.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's editor over real HTTP: unsaved text is checked without being written, a save
 * writes the file and is refused when the file changed on disk since it was opened, and names
 * that are not the story's files, texts too large and bodies that are not what was asked are
 * problems that say what was expected.
 */
class StudioEditorHttpTest {

    private static final String MAIN = """
            title: Doors
            include "rooms.story"
            === hall ===
            shot 2s title "Hall"
            choice 1s default left
              * "Left" -> left
              * "Right" -> right
            """;
    private static final String ROOMS = """
            === left ===
            shot 1s title "Left"
            -> END
            === right ===
            shot 1s title "Right"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private Path rooms;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("stories/doors"));
        rooms = dir.resolve("stories/doors/rooms.story");
        Files.writeString(rooms, ROOMS);
        engine = EngineOverHttp.start(dir, Map.of("doors", MAIN), 1, s -> s);
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private HttpResponse<Buffer> check(String body) throws Exception {
        return engine.post("/api/stories/doors/check", null, body);
    }

    private HttpResponse<Buffer> put(String file, String body) throws Exception {
        return EngineOverHttp.await(engine.client.put(engine.port, "localhost", "/api/stories/doors/source/" + file)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String says) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"), r.bodyAsString());
        assertTrue(r.bodyAsString().contains(says), r.bodyAsString());
    }

    @Test
    void unsavedTextIsCheckedAndNothingIsWritten() throws Exception {
        String broken = ROOMS.replace("-> END\n=== right", "-> nowhere\n=== right");
        HttpResponse<Buffer> r = check(new JsonObject().put("file", "rooms.story").put("text", broken).encode());
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject answer = r.bodyAsJsonObject();
        assertFalse(answer.getBoolean("ok"));
        JsonObject error = answer.getJsonArray("diagnostics").getJsonObject(0);
        assertEquals("error", error.getString("severity"));
        assertEquals("rooms.story", error.getString("source"), "named as the editor names the file");
        assertEquals(3, error.getInteger("line"));
        assertTrue(error.getString("message").contains("nowhere"), error.encode());
        assertEquals(ROOMS, Files.readString(rooms), "a check writes nothing");

        JsonObject clean = check(new JsonObject().put("file", "rooms.story").put("text", ROOMS).encode()).bodyAsJsonObject();
        assertTrue(clean.getBoolean("ok"), clean.encode());
        assertEquals(0, clean.getInteger("errors"));
    }

    @Test
    void aSaveWritesTheFileAndTheStoryIsCompiledAgain() throws Exception {
        HttpResponse<Buffer> opened = engine.get("/api/stories/doors/source?file=rooms.story", null);
        String version = opened.getHeader("ETag").replace("\"", "");
        String edited = ROOMS.replace("\"Left\"", "\"Left wing\"");
        HttpResponse<Buffer> saved = put("rooms.story", new JsonObject().put("text", edited).put("version", version).encode());
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        assertEquals(edited, Files.readString(rooms));
        String next = saved.bodyAsJsonObject().getString("version");
        assertEquals(StudioSources.version(Files.readAllBytes(rooms)), next);
        try (var left = Files.list(rooms.getParent())) {
            assertEquals(java.util.List.of("doors.story", "rooms.story"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left beside it");
        }
        engine.catalog.refresh();
        assertTrue(engine.catalog.story("doors").orElseThrow().result().ok());

        // Saved again from the version the save answered: accepted.
        assertEquals(200, put("rooms.story", new JsonObject().put("text", ROOMS).put("version", next).encode()).statusCode());
    }

    @Test
    void aFileChangedOnDiskSinceItWasOpenedIsNotOverwritten() throws Exception {
        String version = engine.get("/api/stories/doors/source?file=rooms.story", null).getHeader("ETag").replace("\"", "");
        String elsewhere = ROOMS + "// changed in another editor\n";
        Files.writeString(rooms, elsewhere);
        HttpResponse<Buffer> r = put("rooms.story", new JsonObject().put("text", ROOMS).put("version", version).encode());
        assertProblem(r, 409, "changed on disk since the editor opened it");
        assertEquals(elsewhere, Files.readString(rooms), "the other editor's change is kept");
        assertEquals("\"" + StudioSources.version(elsewhere.getBytes()) + "\"", r.getHeader("ETag"), "the version on disk now");
        Files.delete(rooms);
        assertProblem(put("rooms.story", new JsonObject().put("text", ROOMS).put("version", version).encode()), 409, "changed on disk");
        assertFalse(Files.exists(rooms), "a removed file is not brought back behind the author's back");
    }

    @Test
    void badInputIsAProblemThatSaysWhatWasExpected() throws Exception {
        Files.writeString(dir.resolve("stories/secret.story"), "title: Secret\n=== a ===\nshot 1s title \"x\"\n-> END\n");
        String version = StudioSources.version(Files.readAllBytes(rooms));
        JsonObject text = new JsonObject().put("text", ROOMS).put("version", version);
        assertProblem(put("nope.story", text.encode()), 404, "one of the story's files");
        assertProblem(put("..%2Fsecret.story", text.encode()), 404, "one of the story's files");
        assertProblem(put("%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", text.encode()), 404, "one of the story's files");
        assertProblem(check(new JsonObject().put("file", "../secret.story").put("text", ROOMS).encode()), 404, "one of the story's files");
        assertProblem(check(new JsonObject().put("file", "/etc/passwd").put("text", ROOMS).encode()), 404, "one of the story's files");
        assertProblem(put("rooms.story", new JsonObject().put("text", ROOMS).put("version", "sha256:0").encode()), 409, "changed on disk");
        assertProblem(put("rooms.story", new JsonObject().put("text", ROOMS).encode()), 400, "the ETag the file was read with");
        assertProblem(check("not json"), 400, "expected a JSON object");
        assertProblem(check(new JsonObject().put("file", "rooms.story").put("text", 42).encode()), 400, "the file's whole text");
        String huge = "// " + "x".repeat(StudioSources.MAX_TEXT_BYTES) + "\n";
        assertProblem(check(new JsonObject().put("file", "rooms.story").put("text", huge).encode()), 413, "at most 1024 kB");
        assertProblem(put("rooms.story", new JsonObject().put("text", huge).put("version", version).encode()), 413, "at most 1024 kB");
        assertProblem(engine.post("/api/stories/gone/check", null, text.encode()), 404, "no story 'gone'");
        assertEquals(ROOMS, Files.readString(rooms), "nothing was written");
    }
}
