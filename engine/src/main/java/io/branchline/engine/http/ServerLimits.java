package io.branchline.engine.http;

import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * What one client may hold of the server: how long a connection may sit idle, how long a
 * request's headers may take to arrive, how many connections may be open at once, and how
 * large a request line and its headers may be. Without these, clients that open connections
 * and send nothing (or a header a byte at a time) use up the process's file descriptors and
 * every later client is refused.
 *
 * @param idleTimeoutMs   a connection with nothing read or written for this long is closed
 * @param headerTimeoutMs a connection whose request headers are not complete this long after it
 *                        opened (or after its previous answer) is closed
 * @param maxConnections  connections open at once; a connection beyond them is closed at once
 * @param maxUriBytes     the longest request line (414 beyond)
 * @param maxHeaderBytes  the most header bytes of a request (431 beyond)
 */
public record ServerLimits(long idleTimeoutMs, long headerTimeoutMs, int maxConnections, int maxUriBytes, int maxHeaderBytes) {

    /**
     * The defaults, each changed by a system property: {@code branchline.http.idleTimeoutMs}
     * (30 s: above the 15 s keep-alive of event streams), {@code branchline.http.headerTimeoutMs}
     * (10 s), {@code branchline.http.maxConnections} (three quarters of the process's file
     * descriptor limit, at most 10,000, so files and the rest still have descriptors),
     * {@code branchline.http.maxUriBytes} (8 kB) and {@code branchline.http.maxHeaderBytes} (16 kB).
     */
    public static ServerLimits fromSystemProperties() {
        return new ServerLimits(
                Long.getLong("branchline.http.idleTimeoutMs", 30_000),
                Long.getLong("branchline.http.headerTimeoutMs", 10_000),
                Integer.getInteger("branchline.http.maxConnections", defaultMaxConnections()),
                Integer.getInteger("branchline.http.maxUriBytes", 8 * 1024),
                Integer.getInteger("branchline.http.maxHeaderBytes", 16 * 1024));
    }

    public ServerLimits {
        if (idleTimeoutMs < 1 || headerTimeoutMs < 1 || maxConnections < 1 || maxUriBytes < 256 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("server limits out of range: " + idleTimeoutMs + " ms idle, " + headerTimeoutMs
                    + " ms for headers, " + maxConnections + " connections, " + maxUriBytes + " B request line, " + maxHeaderBytes + " B headers");
        }
    }

    /** A copy with other timeouts (tests make them short). */
    public ServerLimits withTimeouts(long idleMs, long headerMs) {
        return new ServerLimits(idleMs, headerMs, maxConnections, maxUriBytes, maxHeaderBytes);
    }

    /** A copy with another connection cap. */
    public ServerLimits withMaxConnections(int max) {
        return new ServerLimits(idleTimeoutMs, headerTimeoutMs, max, maxUriBytes, maxHeaderBytes);
    }

    HttpServerOptions options() {
        return new HttpServerOptions()
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeoutMs)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxInitialLineLength(maxUriBytes)
                .setMaxHeaderSize(maxHeaderBytes);
    }

    private static int defaultMaxConnections() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            return (int) Math.max(64, Math.min(10_000, limit * 3 / 4));
        }
        return 1000;
    }
}
