package io.branchline.engine.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A clustered Vert.x on Hazelcast, the only class that names Hazelcast: a plain {@code serve}
 * never loads it, so it never loads Hazelcast either.
 *
 * <p>Without a {@code cluster.xml} the members are found by TCP/IP from the list given, multicast
 * off (it rarely crosses the networks this runs on, and it would join strangers' clusters on a
 * LAN). With one (Hazelcast's own format, for instance with the Kubernetes discovery plugin), it
 * is used as it is, and the Vert.x maps it needs are added.
 */
public final class Clustering {

    /**
     * How to join the cluster.
     *
     * @param members    HOST:PORT of other members to try (loopback, LAN); empty for none: a cluster of its own until others join it
     * @param port       this member's Hazelcast port; the next free one from it is taken
     * @param host       this member's address, for Hazelcast and the event bus (other members reach it there)
     * @param configFile a Hazelcast XML configuration to use instead of the member list; null for none
     */
    public record Options(List<String> members, int port, String host, Path configFile) {
    }

    /** Hazelcast's own INFO lines (member lists, partition tables) drown ours; warnings still show. Held so it is not collected. */
    private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");

    private Clustering() {
    }

    /** Builds a clustered Vert.x with {@code builder}'s transport and the options' Hazelcast configuration. */
    public static Future<Vertx> vertx(Options options, io.vertx.core.transport.Transport transport) {
        Config config;
        try {
            config = config(options);
        } catch (IOException e) {
            return Future.failedFuture(new IllegalArgumentException("cannot read the cluster configuration "
                    + options.configFile() + ": " + e.getMessage(), e));
        }
        if (!Boolean.getBoolean("branchline.clusterDebug")) {
            HAZELCAST_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        HazelcastClusterManager manager = new HazelcastClusterManager(config);
        VertxOptions vertxOptions = new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(options.host()).setPort(0));
        var builder = Vertx.builder().with(vertxOptions).withClusterManager(manager);
        if (transport != null) {
            builder = builder.withTransport(transport);
        }
        return builder.buildClustered();
    }

    /** The Hazelcast configuration of {@code options}. */
    static Config config(Options options) throws IOException {
        Config config;
        if (options.configFile() != null) {
            config = new FileSystemXmlConfig(options.configFile().toFile());
            // The Vert.x maps and multimap (backups, value collection) as its own default has them.
            Config defaults = ConfigUtil.loadConfig();
            defaults.getMultiMapConfigs().forEach((name, mm) -> config.getMultiMapConfigs().putIfAbsent(name, mm));
            defaults.getMapConfigs().forEach((name, m) -> config.getMapConfigs().putIfAbsent(name, m));
        } else {
            config = ConfigUtil.loadConfig();
            config.getNetworkConfig().setPort(options.port()).setPortAutoIncrement(true);
            JoinConfig join = config.getNetworkConfig().getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1).setMembers(
                    options.members().isEmpty() ? List.of(options.host()) : options.members());
            config.setProperty("hazelcast.local.localAddress", options.host());
        }
        config.setClusterName(System.getProperty("branchline.clusterName", config.getClusterName()));
        // No calls home (there is no network beyond the registries here, and none is wanted), and a
        // first member that does not sit waiting for others before it forms its cluster.
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "1");
        // A member killed with -9 is noticed in seconds, not the default minute.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.logging.type", "jdk");
        return config;
    }
}
