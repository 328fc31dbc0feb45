package io.branchline.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.branchline.engine.EngineOverHttp;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of openapi.yaml, sent what clients get wrong and what attackers try:
 * malformed JSON, wrong types, huge numbers, NaN, unicode, missing and extra fields, wrong
 * methods and content types, broken escapes and NUL bytes in the address, odd ranges, no
 * token, a wrong one, another session's. No answer may be a 5xx, every error must be a
 * problem detail, every status one the contract lists for that operation (or for every
 * operation), and every answer must come (a read timeout fails the test).
 */
class ApiFuzzHttpTest {

    private static final String STORY = """
            title: Fuzz
            var name = "Rook"
            === start ===
            shot 2s title "Who are you?"
            ask name "Your name?" 4s default "Rook" -> hall
            === hall ===
            shot 2s title "{name}"
            choice 3s default left
              * "Left" -> left
              * "Right" -> left
            === left ===
            shot 1s title "End"
            -> END
            """;

    @TempDir
    Path dir;
    private EngineOverHttp engine;
    private Map<String, Object> api;
    private final Set<Integer> everyOperation = new TreeSet<>();
    private int sent;
    private final List<String> wrong = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        engine = EngineOverHttp.start(dir, Map.of("fuzz", STORY));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
            api = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Map<?, ?> every = (Map<?, ?>) api.get("x-every-operation");
        every.keySet().forEach(k -> everyOperation.add(Integer.parseInt(k.toString())));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noOperationAnswers5xxOrAnErrorThatIsNotAListedProblem() throws Exception {
        JsonObject mine = engine.post("/api/stories/fuzz/sessions", null, null).bodyAsJsonObject();
        JsonObject theirs = engine.post("/api/stories/fuzz/sessions", null, null).bodyAsJsonObject();
        String id = mine.getString("id");
        String token = mine.getString("token");
        // Held until the first segment is stored: after this, playlists answer at once.
        assertEquals(200, engine.get("/sessions/" + id + "/index.m3u8", null).statusCode());
        String key = engine.get("/api/sessions/" + id, token).bodyAsJsonObject().getJsonArray("history").getJsonObject(0).getString("key");

        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> operations = (Map<String, Object>) path.getValue();
            Set<String> methods = new TreeSet<>(operations.keySet());
            for (Map.Entry<String, Object> op : operations.entrySet()) {
                Set<Integer> listed = new TreeSet<>(everyOperation);
                ((Map<Object, Object>) ((Map<String, Object>) op.getValue()).get("responses")).keySet()
                        .forEach(k -> listed.add(Integer.parseInt(k.toString())));
                String method = op.getKey().toUpperCase();
                for (String target : targets(path.getKey(), id, theirs.getString("id"), key)) {
                    for (String auth : new String[] {"Bearer " + token, "Bearer " + theirs.getString("token"), "Bearer nonsense", null}) {
                        if (method.equals("POST")) {
                            for (Map.Entry<String, String> body : bodies().entrySet()) {
                                for (String type : new String[] {"application/json", "text/plain", null}) {
                                    check(method, target, auth, type, body.getValue(), null, listed);
                                }
                            }
                        } else {
                            for (String range : new String[] {null, "bytes=0-10", "bytes=99999999999999999999-", "bytes=abc", "bytes=5-1",
                                    "bytes=0-0,5-9", "bytes=-99999999999999999999"}) {
                                check(method, target, auth, null, null, range, listed);
                            }
                        }
                    }
                }
                for (String other : new String[] {"PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", methods.contains("get") ? "POST" : "GET"}) {
                    if (!methods.contains(other.toLowerCase())) {
                        Set<Integer> notAnswered = new TreeSet<>(everyOperation);
                        notAnswered.add(204); // a CORS preflight on the player's routes
                        check(other, concrete(path.getKey(), id, key), "Bearer " + token, "application/json", "{}", null, notAnswered);
                    }
                }
            }
        }
        System.out.println("[hardening] API fuzz: " + sent + " requests over " + paths.size() + " paths, " + wrong.size() + " wrong answers, 0 5xx allowed");
        assertTrue(sent > 1000, "the fuzz sent " + sent);
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " wrong answers, for example:\n" + String.join("\n", wrong.subList(0, Math.min(30, wrong.size()))));
        }
    }

    /** The path with real values, then with wrong ones: unknown, malformed escapes, NUL, long, unicode, climbing out. */
    private static List<String> targets(String template, String id, String otherId, String key) {
        List<String> out = new ArrayList<>();
        out.add(concrete(template, id, key));
        if (template.contains("{id}") && template.startsWith("/api/sessions")) {
            out.add(template.replace("{id}", otherId).replace("{file}", "1.vtt"));
        }
        for (String bad : new String[] {"nope", "%zz", "%00", "a%00b", "x".repeat(300), "%C3%BC%E2%86%92", "..%2F..%2Fetc", "%E2%80%AE", "-1",
                "99999999999999999999"}) {
            if (template.contains("{")) {
                out.add(template.replaceAll("\\{[a-z]+}", bad));
            }
        }
        String real = concrete(template, id, key);
        out.add(real + "?file=fuzz.story%00");
        out.add(real + "?file=%zz&token=%00");
        out.add(real + "?file=../../../../etc/passwd");
        out.add(real + "?file=" + "%E2%80%AE".repeat(50));
        return out;
    }

    private static String concrete(String template, String id, String key) {
        return template.replace("{id}", template.startsWith("/api/stories") ? "fuzz" : id).replace("{story}", "fuzz")
                .replace("{segment}", "0-0.m4s").replace("{key}", key == null ? "0".repeat(64) : key)
                .replace("{file}", template.startsWith("/segments") ? "seg-00000.m4s" : template.startsWith("/player") ? "branchline-player.js"
                        : template.startsWith("/sessions") ? "0-0.vtt" : "fuzz.story");
    }

    private static Map<String, String> bodies() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("none", null);
        b.put("empty object", "{}");
        b.put("malformed", "{\"option\": ");
        b.put("array", "[1,2]");
        b.put("null", "null");
        b.put("number", "123");
        b.put("string option", "{\"option\": \"one\"}");
        b.put("huge option", "{\"option\": 99999999999999999999999}");
        b.put("float option", "{\"option\": 1e400}");
        b.put("negative option", "{\"option\": -1}");
        b.put("NaN", "{\"option\": NaN, \"ms\": NaN}");
        b.put("answer", "{\"text\": \"\\u202Emara\\u200B\"}");
        b.put("answer of invisibles", "{\"text\": \"\\u2066\\u2069\"}");
        b.put("answer number", "{\"text\": 5}");
        b.put("long answer", "{\"text\": \"" + "é".repeat(500) + "\"}");
        b.put("answer NUL", "{\"text\": \"a\\u0000b\"}");
        b.put("ms huge", "{\"ms\": 1e308}");
        b.put("ms string", "{\"ms\": \"NaN\"}");
        b.put("ms ok", "{\"ms\": 1500, \"paused\": \"yes\"}");
        b.put("scene", "{\"scene\": \"hall\"}");
        b.put("scene unknown", "{\"scene\": \"../../etc\"}");
        b.put("scene object", "{\"scene\": {\"a\": 1}}");
        b.put("extra field", "{\"option\": 0, \"evil\": true}");
        b.put("deep", "[".repeat(5000) + "]".repeat(5000));
        b.put("too large", "{\"text\": \"" + "x".repeat(20_000) + "\"}");
        b.put("not utf-8", "{\"text\": \"\u00ff\u00fe\"}");
        return b;
    }

    private void check(String method, String target, String auth, String type, String body, String range, Set<Integer> listed) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + engine.port);
        if (auth != null) {
            head.append("\r\nAuthorization: ").append(auth);
        }
        if (type != null) {
            head.append("\r\nContent-Type: ").append(type);
        }
        if (range != null) {
            head.append("\r\nRange: ").append(range);
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bytes != null) {
            head.append("\r\nContent-Length: ").append(bytes.length);
        }
        String what = method + " " + target + (type == null ? "" : " [" + type + "]") + (range == null ? "" : " [" + range + "]")
                + (body == null ? "" : " " + (body.length() > 60 ? body.substring(0, 60) + "…" : body));
        RawHttp.Answer a;
        try {
            a = RawHttp.send(engine.port, head.toString(), bytes);
        } catch (Exception e) {
            wrong.add(what + " -> no answer: " + e);
            return;
        } finally {
            sent++;
        }
        if (a.status() < 100) {
            wrong.add(what + " -> not HTTP: " + a.body());
        } else if (a.status() >= 500) {
            wrong.add(what + " -> " + a.status() + " " + a.body());
        } else if (!listed.contains(a.status())) {
            wrong.add(what + " -> " + a.status() + ", not listed " + listed + ": " + a.body());
        } else if (a.status() == 405 && (a.header("Allow") == null || a.header("Allow").isBlank())) {
            wrong.add(what + " -> 405 without Allow");
        } else if (a.status() >= 400 && !method.equals("HEAD")) {
            if (!"application/problem+json".equals(a.header("Content-Type"))) {
                wrong.add(what + " -> " + a.status() + " as " + a.header("Content-Type") + ": " + a.body());
            } else {
                try {
                    JsonObject problem = new JsonObject(a.body());
                    if (problem.getInteger("status") != a.status() || problem.getString("detail") == null) {
                        wrong.add(what + " -> a problem without its status or detail: " + a.body());
                    }
                } catch (RuntimeException e) {
                    wrong.add(what + " -> a problem that is not JSON: " + a.body());
                }
            }
        }
    }
}
