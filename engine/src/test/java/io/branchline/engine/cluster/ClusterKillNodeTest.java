package io.branchline.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.ChildProcess;
import io.branchline.engine.Signed;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine ({@code serve --cluster}) and two render nodes ({@code render-node --cluster}), each
 * a process of its own on loopback. Node a starts alone and renders slowly (a minute's sleep
 * before each render), so once it says it is rendering it surely holds that lease when it is
 * killed with {@code kill -9}, however busy the machine; node b, quick, joins after that, so the
 * order does not depend on which node pulls first. Viewers create sessions; a watcher reads every
 * session's playlist all along and fetches each segment it lists. Checked: the jobs the killed node
 * held are rendered by the other node and land in the engine's store, every session's playlist
 * comes to list segments, every segment any playlist listed was served whole (signed fMP4), and
 * every session is still there.
 */
@Tag("cluster")
@SuppressWarnings("try")   // close() may be interrupted; resources held for their scope only
class ClusterKillNodeTest {

    /** Three ways on from the hall, each its own visit: renders enough to kill a node in the middle of one. */
    private static final String STORY = """
            title: Clustered
            format: 144x256 12fps
            segment: 1s
            === hall ===
            shot 1s color "#203040"
            choice 2s default left
              * "Left" -> left
              * "Right" -> right
              * "Up" -> up
            === left ===
            shot 2s title "Left"
            -> END
            === right ===
            shot 2s title "Right"
            -> END
            === up ===
            shot 2s title "Up"
            -> END
            """;
    private static final Pattern ENGINE_READY = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern NODE_READY = Pattern.compile("serving segments at http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern RENDERING = Pattern.compile("rendering ([0-9a-f]{64}) \\(attempt");
    private static final Pattern RENDERED = Pattern.compile("rendered ([0-9a-f]{64}) in");
    private static final int SESSIONS = 6;
    /** Node a's sleep before each render: far longer than node b takes to start on a busy machine. */
    private static final long SLOW_MS = 120_000;
    private static final long QUICK_MS = 500;
    private static final java.time.Duration STARTUP = java.time.Duration.ofSeconds(60);

    record Created(String id, String token) {
    }

    @TempDir
    Path dir;

    @Test
    void aNodeKilledInTheMiddleOfARenderLosesNoJobAndNoSessionAndNoPlaylistListsABadSegment() throws Exception {
        Path stories = Files.createDirectories(dir.resolve("stories/clustered"));
        Files.writeString(stories.resolve("clustered.story"), STORY);
        int base = 20_000 + new Random().nextInt(20_000);
        List<String> members = new ArrayList<>();
        for (int p = base; p < base + 3; p++) {
            members.addAll(List.of("--cluster-member", "127.0.0.1:" + p));
        }
        List<String> jvm = List.of("-Dbranchline.clusterName=kill-test-" + base,
                "-Dbranchline.log=INFO"); // the nodes' "rendering KEY" lines, which this test reads
        long t0 = System.nanoTime();
        List<String> engineArgs = new ArrayList<>(List.of("serve", dir.resolve("stories").toString(), "--port", "0", "--host", "127.0.0.1",
                "--data", dir.resolve("engine").toString(), "--cluster", "--cluster-port", String.valueOf(base)));
        engineArgs.addAll(members);
        try (ChildProcess engine = ChildProcess.start(jvm, engineArgs, dir.resolve("engine.log"), ENGINE_READY, STARTUP);
             ChildProcess a = node(jvm, SLOW_MS, "a", base + 1, members)) {
            System.out.printf("engine and node a ready after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            ChildProcess[] b = new ChildProcess[1];
            try {
                run(engine, a, () -> b[0] = node(jvm, QUICK_MS, "b", base + 2, members));
            } catch (Exception | AssertionError e) {
                throw new AssertionError(e + "\n--- engine ---\n" + engine.tail() + "\n--- node a ---\n" + a.tail()
                        + (b[0] == null ? "" : "\n--- node b ---\n" + b[0].tail()), e);
            } finally {
                if (b[0] != null) {
                    b[0].close();
                }
            }
        }
    }

    interface NodeStarter {
        ChildProcess start() throws Exception;
    }

    private ChildProcess node(List<String> jvm, long delayMs, String name, int port, List<String> members) throws Exception {
        jvm = new ArrayList<>(jvm);
        jvm.add("-Dbranchline.nodeRenderDelayMs=" + delayMs);
        List<String> args = new ArrayList<>(List.of("render-node", "--cluster", "--cluster-port", String.valueOf(port), "--slots", "2",
                "--name", name, "--data", dir.resolve("node-" + name).toString()));
        args.addAll(members);
        return ChildProcess.start(jvm, args, dir.resolve("node-" + name + ".log"), NODE_READY, STARTUP);
    }

    private void run(ChildProcess engine, ChildProcess a, NodeStarter startB) throws Exception {
        Set<String> held;
        ChildProcess b;
        List<Created> created = Collections.synchronizedList(new ArrayList<>());
        Set<String> verified = ConcurrentHashMap.newKeySet();
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(engine, created, verified, bad, watching), "playlist-watcher");
        watcher.start();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                HttpResponse<String> r = engine.post("/api/stories/clustered/sessions", null, null);
                assertEquals(201, r.statusCode(), r.body());
                JsonObject body = new JsonObject(r.body());
                Created c = new Created(body.getString("id"), body.getString("token"));
                created.add(c);
            }
            // Node a, the only node, in the middle of a render: a lease taken, a minute from rendered.
            held = await(() -> inFlight(a), 60, "node a to be rendering");
            b = startB.start();
            assertEquals(held, inFlight(a), "node a, which takes a minute a render, is still rendering what it took once node b is up");
            long killedAt = System.nanoTime();
            a.kill();
            System.out.printf("killed node a while it rendered %s%n", held);
            Path scenes = engine.log.getParent().resolve("engine/store/scenes");
            for (String id : held) {
                await(() -> Files.exists(scenes.resolve(id).resolve("scene.json")) ? Set.of(id) : Set.of(), 60,
                        "the engine's store to hold " + id + ", which node a was rendering when it was killed");
            }
            System.out.printf("the killed node's jobs were in the engine's store %d ms after the kill%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            for (String id : held) {
                assertTrue(Pattern.compile("rendered " + id + " in \\d+ ms \\(attempt [2-9]").matcher(b.logText()).find(),
                        "node b rendered " + id + " again, on a later attempt");
            }
            // Every session's playlist comes to list segments, each of them verified by the watcher.
            for (Created c : List.copyOf(created)) {
                try {
                    await(() -> listed(engine, c).stream().filter(verified::contains).count() >= 2 ? Set.of(c.id) : Set.of(), 60,
                            "session " + c.id + "'s playlist to list its segments");
                } catch (AssertionError e) {
                    HttpResponse<byte[]> p = engine.get("/sessions/" + c.id + "/index.m3u8");
                    throw new AssertionError(e.getMessage() + "; its playlist answers " + p.statusCode() + ":\n" + new String(p.body())
                            + "\nsession: " + new String(engine.get("/api/sessions/" + c.id, c.token).body()) + "\nverified: " + verified + "\nbad: " + bad);
                }
            }
        } finally {
            watching.set(false);
            watcher.join(10_000);
        }
        assertEquals(List.of(), bad, "segments a playlist listed that were not served whole");
        for (Created c : created) {
            assertEquals(200, engine.get("/api/sessions/" + c.id, c.token).statusCode(), "session " + c.id + " is still there");
        }
        assertTrue(!engine.logText().contains("failed inside Branchline") && !engine.logText().contains("giving up"),
                "no render failed on the engine");
        System.out.printf("%d sessions, %d listed segments fetched and verified%n", created.size(), verified.size());
        // What an operator sees: the engine lists both nodes, node b with the renders it advertised, and b's own /metrics agrees.
        JsonObject cluster = await(() -> {
            JsonObject c = new JsonObject(new String(engine.get("/api/cluster").body()));
            JsonObject nodeB = c.getJsonArray("nodes").stream().map(JsonObject.class::cast).filter(n -> n.getString("id").equals("b"))
                    .findFirst().orElse(new JsonObject());
            return nodeB.getLong("rendered", 0L) >= held.size() ? Set.of(c.encode()) : Set.of();
        }, 10, "the engine's /api/cluster to list node b's renders").stream().map(JsonObject::new).findFirst().orElseThrow();
        assertEquals(true, cluster.getBoolean("clustered"));
        assertEquals(Set.of("a", "b"), cluster.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("id"))
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(cluster.getJsonObject("leases").getLong("lapsed") >= held.size(), "the killed node's leases lapsed: " + cluster.encode());
        String metrics = new String(b.get("/metrics").body());
        assertTrue(Pattern.compile("(?m)^branchline_node_renders_total [1-9]").matcher(metrics).find(), metrics);
        assertTrue(new String(engine.get("/metrics").body()).contains("branchline_cluster_node_renders{node=\"b\"}"));
    }

    /** The jobs node a took and has not finished. */
    private static Set<String> inFlight(ChildProcess node) {
        String log = node.logText();
        Set<String> taken = new LinkedHashSet<>();
        Matcher m = RENDERING.matcher(log);
        while (m.find()) {
            taken.add(m.group(1));
        }
        Matcher done = RENDERED.matcher(log);
        while (done.find()) {
            taken.remove(done.group(1));
        }
        return taken;
    }

    /** The playlist's media URIs (init and segments), resolved against the session. */
    private static List<String> listed(ChildProcess engine, Created c) throws Exception {
        HttpResponse<byte[]> r = engine.get("/sessions/" + c.id + "/index.m3u8");
        if (r.statusCode() != 200) {
            return List.of();
        }
        List<String> uris = new ArrayList<>();
        for (String line : new String(r.body()).split("\n")) {
            Matcher map = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(line);
            if (map.find()) {
                uris.add(map.group(1));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                uris.add(line.trim());
            }
        }
        return uris.stream().map(u -> u.startsWith("/") ? u : "/sessions/" + c.id + "/" + u).toList();
    }

    /** Reads every playlist all along and fetches each segment it lists once: it must be there, whole and signed. */
    private static void watch(ChildProcess engine, List<Created> created, Set<String> verified, List<String> bad, AtomicBoolean watching) {
        while (watching.get()) {
            try {
                for (Created c : List.copyOf(created)) {
                    List<String> uris;
                    try {
                        uris = listed(engine, c);
                    } catch (java.net.http.HttpTimeoutException held) {
                        continue; // a playlist is held (up to 10 s) until its first segment is listed; read it again
                    }
                    for (String uri : uris) {
                        if (verified.contains(uri) || !uri.endsWith(".m4s")) {
                            continue;
                        }
                        HttpResponse<byte[]> seg = engine.get(uri);
                        if (seg.statusCode() != 200) {
                            bad.add(uri + " answered " + seg.statusCode());
                        } else if (!Signed.boxes(seg.body()).equals(List.of("ftyp", "moof", "mdat", "uuid"))
                                && !Signed.boxes(seg.body()).subList(0, 1).equals(List.of("moof"))) {
                            bad.add(uri + " is not a whole fragment: " + Signed.boxes(seg.body()));
                        }
                        verified.add(uri);
                    }
                }
                Thread.sleep(200);
            } catch (Exception e) {
                bad.add("the watcher failed: " + e);
                return;
            }
        }
    }

    interface Probe {
        Set<String> get() throws Exception;
    }

    private static Set<String> await(Probe probe, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Set<String> got = probe.get();
            if (!got.isEmpty()) {
                return new HashSet<>(got);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited " + seconds + " s for " + what);
    }
}
