package io.branchline.engine.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.render.RenderOutcome;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;

/**
 * The lease protocol between the engine and its render nodes on the clustered event bus
 * (docs/scale-out.md). Every message is a {@link Buffer} of JSON written and read by this
 * class's own mapper, with Jackson's default limits (nesting depth included): a node is another
 * machine, and its messages are read as carefully as any other input. Buffers need no codec
 * registered on either side.
 */
public final class ClusterWire {

    /** Node to engine: {@link Hello}; the reply is {@link Welcome}, or a failure {@link #WRONG_VERSION}. */
    public static final String HELLO = "branchline.cluster.hello";
    /** Node to engine: {@link Pull}; the reply is {@link Leases} (empty after a wait of up to {@link #PULL_WAIT_MS} when no job waits). */
    public static final String PULL = "branchline.cluster.pull";
    /** Node to engine: {@link Renew}; the reply is {@link Renewed}. */
    public static final String RENEW = "branchline.cluster.renew";
    /** Node to engine: {@link Done}; the reply is an empty object once the engine holds the segments. */
    public static final String DONE = "branchline.cluster.done";

    /**
     * Node to engine, sent (no reply) once it is greeted and then every renewal period: what it
     * has and has done, for the engine's {@code /metrics} and {@code GET /api/cluster}.
     */
    public static final String STATUS = "branchline.cluster.status";
    /** Node to engine, sent (no reply) as a leased job's render begins on a worker thread: the engine times dispatch by it. */
    public static final String STARTED = "branchline.cluster.started";

    /** Failure code of a hello or pull from a node of another version. */
    public static final int WRONG_VERSION = 409;
    /** Failure code of a pull or renewal from a node the engine has not greeted (it restarted): say hello again. */
    public static final int UNKNOWN_NODE = 404;

    /** How long a pull waits for a job on the engine before it is answered with none. */
    public static final long PULL_WAIT_MS = 1_000;

    /**
     * A node says who it is. {@code url} is where it serves {@code /segments/KEY/NAME};
     * {@code device} is {@code cuda} for a node started with {@code --gpu}, else {@code cpu}
     * (absent from older nodes: {@code cpu}).
     */
    public record Hello(String node, String version, int slots, String url, String device) {
        public Hello {
            device = device == null ? "cpu" : device;
        }

        /** A node that renders on whatever its ONNX Runtime build offers. */
        public Hello(String node, String version, int slots, String url) {
            this(node, version, slots, url, "cpu");
        }
    }

    /** The engine's answer to a hello: how long a lease lasts and how often to renew it. */
    public record Welcome(String engine, long leaseMs, long renewMs) {
    }

    /**
     * What a node advertises: its slots, how many render now, the leases it holds, and since it
     * started the renders it finished, those that failed and the leases it lost.
     */
    public record Status(String node, int slots, int busy, int leases, long rendered, long failures, long leasesLost) {
    }

    /** Node {@code node} began to render job {@code id}. */
    public record Started(String node, String id) {
    }

    /** A node with {@code free} slots asks for work. */
    public record Pull(String node, String version, int free) {
    }

    /** One job leased to the node that pulled it, until the engine's clock says {@code until}. */
    public record Leased(String id, RenderJob job, int attempt) {
    }

    public record Leases(List<Leased> leases) {
    }

    /** A node still renders these jobs. */
    public record Renew(String node, List<String> ids) {
    }

    /** The jobs whose lease the node no longer holds: it stops rendering them. */
    public record Renewed(List<String> lost) {
    }

    /**
     * A node finished job {@code id}: {@code outcome} when it rendered (its segments are in its
     * store, under the job's tier key), else {@code failure} (a {@code RenderAddresses} code) and
     * {@code message}. {@code stored} is the key its store holds the visit under: the job's tier key, or
     * that of a better tier the node had already.
     */
    public record Done(String node, String id, RenderOutcome outcome, String stored, int failure, String message) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer node may add fields; versions are checked on hello
            .build();

    private ClusterWire() {
    }

    /** The mapper of the wire: Jackson's defaults, default nesting limits. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    public static Buffer write(Object message) {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(message));
        } catch (IOException e) {
            throw new IllegalStateException("a cluster message could not be written: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not such a message */
    public static <T> T read(Buffer bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes.getBytes(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " message: " + e.getMessage(), e);
        }
    }
}
