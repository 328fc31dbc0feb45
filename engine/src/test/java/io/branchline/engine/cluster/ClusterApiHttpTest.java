package io.branchline.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.engine.http.HttpVerticle;
import io.branchline.engine.metrics.EngineMetrics;
import io.branchline.engine.stories.StoryCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/cluster} and the cluster's lines of the engine's {@code /metrics}, over HTTP,
 * from what two fake nodes said and advertised, on a clock the test moves; and the answer of a
 * plain engine.
 */
class ClusterApiHttpTest {

    @TempDir
    Path dir;
    private Vertx vertx;
    private WebClient client;
    private final AtomicLong clock = new AtomicLong(1_000_000);

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private int serve(ClusterNodes nodes, EngineMetrics metrics) {
        HttpVerticle http = new HttpVerticle(new StoryCatalog(dir), null, null, metrics, "localhost", 0);
        if (nodes != null) {
            http.cluster(nodes::toJson);
        }
        vertx.deployVerticle(http).await();
        return http.actualPort();
    }

    private HttpResponse<Buffer> get(int port, String path) {
        return client.get(port, "localhost", path).send().await();
    }

    @Test
    void aPlainEngineSaysItIsNotClustered() {
        HttpResponse<Buffer> r = get(serve(null, new EngineMetrics()), "/api/cluster");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.getHeader("Content-Type"));
        assertEquals(new JsonObject().put("clustered", false).put("nodes", new JsonArray()), r.bodyAsJsonObject());
    }

    @Test
    void theNodesAreListedAsTheyAdvertiseThemselvesWithTheLeasesOfTheBook() {
        ClusterNodes nodes = new ClusterNodes("engine-1", "1.4.0", clock::get);
        EngineMetrics metrics = new EngineMetrics();
        ClusterMeters.bind(nodes, metrics.registry());
        int port = serve(nodes, metrics);

        nodes.joined(new ClusterWire.Hello("gpu-a", "1.4.0", 4, "http://10.0.0.5:7001", "cuda"));
        nodes.joined(new ClusterWire.Hello("gpu-b", "1.4.0", 2, "http://10.0.0.6:7001"));
        clock.addAndGet(2_000);
        nodes.advertised(new ClusterWire.Status("gpu-a", 4, 3, 3, 17, 1, 2));
        nodes.advertised(new ClusterWire.Status("stranger", 9, 9, 9, 9, 9, 9)); // never said hello: not listed
        nodes.book(5, Map.of("gpu-a", 3));
        nodes.granted(21);
        nodes.renewed(40);
        nodes.lapsed(2);
        clock.addAndGet(500);

        JsonObject cluster = get(port, "/api/cluster").bodyAsJsonObject();
        assertEquals(true, cluster.getBoolean("clustered"));
        assertEquals("engine-1", cluster.getString("engine"));
        assertEquals("1.4.0", cluster.getString("version"));
        JsonArray list = cluster.getJsonArray("nodes");
        assertEquals(2, list.size(), list.encode());
        assertEquals(new JsonObject().put("id", "gpu-a").put("url", "http://10.0.0.5:7001").put("version", "1.4.0").put("device", "cuda")
                .put("slots", 4).put("busy", 3).put("leasesHeld", 3).put("rendered", 17).put("failures", 1).put("leasesLost", 2).put("lastSeenMsAgo", 500),
                list.getJsonObject(0));
        JsonObject b = list.getJsonObject(1);
        assertEquals("gpu-b", b.getString("id"));
        assertEquals(2, b.getInteger("slots"));
        assertEquals("cpu", b.getString("device"), "a node's hello without a device (an older node, or no --gpu) is a CPU node");
        assertEquals(0, b.getInteger("busy"));
        assertEquals(2_500, b.getLong("lastSeenMsAgo"), "gpu-b was last heard at its hello");
        assertEquals(new JsonObject().put("queued", 5).put("leased", 3), cluster.getJsonObject("jobs"));
        assertEquals(new JsonObject().put("granted", 21).put("renewed", 40).put("lapsed", 2), cluster.getJsonObject("leases"));

        String text = get(port, "/metrics").bodyAsString();
        for (String line : new String[] {
                "branchline_cluster_nodes 2.0",
                "branchline_cluster_node_slots{node=\"gpu-a\"} 4.0",
                "branchline_cluster_node_busy_slots{node=\"gpu-a\"} 3.0",
                "branchline_cluster_node_leases_held{node=\"gpu-a\"} 3.0",
                "branchline_cluster_node_renders{node=\"gpu-a\"} 17.0",
                "branchline_cluster_node_render_failures{node=\"gpu-a\"} 1.0",
                "branchline_cluster_node_leases_lost{node=\"gpu-a\"} 2.0",
                "branchline_cluster_node_last_seen_seconds{node=\"gpu-b\"} 2.5",
                "branchline_cluster_jobs_queued 5.0",
                "branchline_cluster_jobs_leased 3.0",
                "branchline_cluster_leases_granted_total 21.0",
                "branchline_cluster_leases_renewed_total 40.0",
                "branchline_cluster_leases_lapsed_total 2.0"}) {
            assertTrue(text.contains(line + "\n"), "/metrics has " + line + "\n" + text);
        }
    }
}
