package io.branchline.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags that put {@code serve} and {@code render-node} in a cluster (docs/scale-out.md). */
final class ClusterFlags {

    @Option(names = "--cluster", description = "join a cluster of Branchline processes on the clustered Vert.x event bus (Hazelcast);"
            + " off by default: a plain serve renders on its own cores and starts no cluster")
    boolean cluster;

    @Option(names = "--cluster-member", paramLabel = "HOST:PORT",
            description = "another member to find the cluster by (repeatable; TCP/IP, multicast is off); default: this host's own port range")
    List<String> members = new ArrayList<>();

    @Option(names = "--cluster-port", paramLabel = "N", defaultValue = "5701",
            description = "this member's cluster port; the next free one from it is taken (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--cluster-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address other members reach this one at (default ${DEFAULT-VALUE}: one machine only)")
    String host;

    @Option(names = "--cluster-config", paramLabel = "FILE",
            description = "a Hazelcast cluster.xml to use instead of the member list (for instance with Kubernetes discovery)")
    Path config;

    /** The options of the cluster manager. Only named here: the class that loads Hazelcast is reached only with --cluster. */
    io.branchline.engine.cluster.Clustering.Options options() {
        List<String> list = new ArrayList<>(members);
        if (list.isEmpty()) {
            // Members on one machine: the first few ports from the default, whichever are taken.
            for (int p = 5701; p < 5705; p++) {
                list.add(host + ":" + p);
            }
        }
        return new io.branchline.engine.cluster.Clustering.Options(list, port, host, config);
    }
}
