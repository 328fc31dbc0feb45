package io.branchline.engine.cli;

import io.branchline.engine.cluster.RenderNodeVerticle;
import io.branchline.engine.cluster.SlowRender;
import io.branchline.engine.policy.PromptPolicy;
import io.branchline.engine.render.RenderSlots;
import io.branchline.engine.render.StoreRender;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.RenderTools;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branchline render-node --cluster}: renders the jobs an engine of the cluster leases it. */
@Command(name = "render-node", mixinStandardHelpOptions = true,
        description = {"Joins a cluster of Branchline processes and renders the scene visits its engine leases to it.",
                "It keeps them in its own store, which it serves at /segments/KEY/NAME for the engine to fetch and verify (docs/scale-out.md)."})
final class RenderNodeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ClusterFlags clusterFlags = new ClusterFlags();

    @Option(names = "--slots", paramLabel = "K", description = "renders at once (default: one per core this process may use, at most 8)")
    Integer slots;

    @Option(names = "--data", defaultValue = "node-data", paramLabel = "DIR",
            description = "this node's own store and keys (default ./${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "the port to serve segments at (default ${DEFAULT-VALUE}: any free port)")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "the address to serve segments at (default: the --cluster-host, where the engine reaches this node)")
    String host;

    @Option(names = "--name", paramLabel = "NAME", description = "this node's name in the engine's logs (default: node- and a random number)")
    String name;

    @Option(names = "--store-gb", paramLabel = "GB", defaultValue = "10", description = "disk space for rendered segments, in GB (default ${DEFAULT-VALUE})")
    long storeGb;

    @CommandLine.Mixin
    ModelsFlag modelsFlag = new ModelsFlag();

    @Option(names = "--gpu", description = {"render with ONNX Runtime's CUDA execution provider on GPU 0, and say so to the engine;",
            "refuses to start when CUDA cannot be used here (a build without -Pgpu, no GPU)"})
    boolean gpu;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (!clusterFlags.cluster) {
            throw new CommandLine.ParameterException(spec.commandLine(), "render-node works in a cluster only: add --cluster");
        }
        if (slots == null) {
            slots = RenderSlots.forThisMachine();
        }
        if (slots < 1 || storeGb < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--slots and --store-gb must be at least 1");
        }
        if (gpu) {
            try {
                io.branchline.renderer.neural.OrtRuntime.requireCuda();
            } catch (io.branchline.renderer.RenderException e) {
                spec.commandLine().getErr().println("branchline render-node: --gpu, but " + e.getMessage());
                return 1;
            }
        }
        String nodeId = name != null ? name : "node-" + Long.toUnsignedString(new java.security.SecureRandom().nextLong() % 1_000_000L);
        String bind = host != null ? host : clusterFlags.host;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SegmentStore store;
        RenderTools tools;
        io.branchline.engine.trust.Provenance provenance;
        try {
            store = SegmentStore.open(data.resolve("store"), storeGb << 30);
            int serverId = io.branchline.engine.trust.ServerId.loadOrCreate(data);
            var credential = io.branchline.engine.trust.SigningIdentity.resolve(data, null, null, serverId);
            tools = RenderTools.fromConfiguration(PromptPolicy.configured().version(), java.util.OptionalInt.of(serverId), modelsFlag.folder());
            provenance = new io.branchline.engine.trust.Provenance(credential, tools);
        } catch (IOException | IllegalStateException | io.branchline.engine.trust.SigningIdentity.Unusable e) {
            err.println("branchline render-node: cannot use the data folder " + data + ": " + e.getMessage());
            return 1;
        } catch (ModelsFlag.Unusable e) {
            err.println("branchline render-node: cannot use the models folder: " + e.getMessage());
            return 1;
        }
        Vertx vertx;
        long t0 = System.nanoTime();
        try {
            vertx = io.branchline.engine.cluster.Clustering.vertx(clusterFlags.options(), null).await();
        } catch (Exception e) {
            err.println("branchline render-node: could not join the cluster: " + e.getMessage());
            return 1;
        }
        long joined = (System.nanoTime() - t0) / 1_000_000;
        RenderNodeVerticle node = new RenderNodeVerticle(nodeId, SlowRender.fromProperties(new StoreRender(store, tools).signing(provenance)),
                store, slots, bind, port, bind).device(gpu ? "cuda" : "cpu");
        try {
            vertx.deployVerticle(node).await();
        } catch (Exception e) {
            err.println("branchline render-node: " + e.getMessage());
            vertx.close();
            return 1;
        }
        out.println("Render node " + nodeId + " joined the cluster in " + joined + " ms and renders with " + slots
                + (gpu ? " slots on CUDA," : " slots,")
                + " serving segments at " + node.url() + "  (Ctrl-C stops it)");
        out.flush();
        return new EngineStop(vertx, tools, store, out).untilAsked();
    }
}
