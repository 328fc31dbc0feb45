package io.branchline.engine.cli;

import io.branchline.engine.cluster.ClusterNodes;
import io.branchline.engine.cluster.Clustering;
import io.branchline.engine.cluster.LeaseDispatchVerticle;
import io.branchline.engine.cluster.RemoteRender;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.store.SegmentStore;
import io.branchline.renderer.ContentKey;
import io.branchline.renderer.RenderCancel;
import io.branchline.story.eval.ResolvedShot;
import io.branchline.story.model.Step;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branchline bench cluster}: the throughput of render nodes on the clustered event bus.
 *
 * <p>This process is the engine's clustered half, wired as {@code serve --cluster} wires it: a
 * Hazelcast member with the lease dispatcher and the remote render function, which fetches each
 * visit a node rendered over HTTP, verifies it by SHA-256 and stores it. For 1, 2 and 4 nodes it
 * starts that many {@code render-node --cluster} processes on loopback, gives them a fixed batch of
 * distinct scene renders (all queued at once, as a scheduler with work to spare does), and reports
 * jobs per minute, the speed-up over one node, the dispatch time (a job and a free slot both there →
 * the node begins it, on this process's clock) and how the renders spread over the nodes. Sessions
 * and the viewers' side are left out: a fixed batch measures the nodes and the dispatch, not which
 * visits a prediction chose.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Times 1, 2 and 4 render-node processes on loopback rendering one fixed batch of distinct scenes.",
                "This process is the engine's clustered half (lease dispatcher, fetch and verify of every visit).",
                "It prints jobs per minute, the speed-up over one node and the dispatch time p50/p99 (job and free slot there -> node begins it).",
                "--delay-ms slows each render by a sleep, standing in for a GPU model; --delay-ms 0 measures real CPU renders."})
final class ClusterBench implements Callable<Integer> {

    @Option(names = "--nodes", split = ",", paramLabel = "N,N", defaultValue = "1,2,4", description = "node counts to run (default ${DEFAULT-VALUE})")
    List<Integer> nodeCounts;

    @Option(names = "--slots", paramLabel = "K", defaultValue = "2", description = "renders at once on each node (default ${DEFAULT-VALUE})")
    int slots;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "96", description = "timed renders a run, after one untimed wave of warm-up (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "1500", description = "sleep before each render, standing in for a GPU (default ${DEFAULT-VALUE}; 0: real CPU renders only)")
    long delayMs;

    @Option(names = "--scene", paramLabel = "KIND:SECONDS:WxH:FPS", defaultValue = "color:1:72x128:6",
            description = "each job's scene, KIND:SECONDS:WxH:FPS with KIND color or title (default ${DEFAULT-VALUE})")
    String scene;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Quieter logs for a table: the dispatcher's INFO lines (a node said hello), and the warnings of
     * Hazelcast and the clustered event bus as each run's nodes stop (connection refused). Held so
     * they are not collected.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(java.util.logging.Logger.getLogger("branchline.cluster"),
            java.util.logging.Logger.getLogger("com.hazelcast"), java.util.logging.Logger.getLogger("io.vertx.core.eventbus.impl.clustered"));

    /** One run's figures. */
    private record Run(int nodes, double wallS, double jobsPerMinute, long[] dispatchMicros, long lapsed, String perNode, double renderMs,
                       String load) {
    }

    /** The line a node logs for each render it finished, with how long the render took on it (its sleep included). */
    private static final java.util.regex.Pattern RENDERED = java.util.regex.Pattern.compile("rendered ([0-9a-f]{64}) in (\\d+) ms");

    @Override
    public Integer call() throws Exception {
        if (slots < 1 || jobs < 1 || delayMs < 0 || nodeCounts.stream().anyMatch(n -> n < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected --slots, --jobs and --nodes of at least 1 and --delay-ms of at least 0");
        }
        String[] parts = scene.split(":");
        if (parts.length != 4 || !(parts[0].equals("color") || parts[0].equals("title")) || !parts[2].matches("\\d+x\\d+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scene takes KIND:SECONDS:WxH:FPS, for example color:2:144x256:12, not " + scene);
        }
        PrintWriter out = spec.commandLine().getOut();
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
        Path dir = Files.createTempDirectory("branchline-cluster-bench");
        int base = 30_000 + new java.util.Random().nextInt(20_000);
        List<String> members = new ArrayList<>();
        for (int p = base; p <= base + nodeCounts.stream().mapToInt(Integer::intValue).max().orElse(1); p++) {
            members.add("127.0.0.1:" + p);
        }
        String clusterName = "bench-" + base;
        System.setProperty("branchline.clusterName", clusterName);
        SegmentStore store = SegmentStore.open(dir.resolve("engine/store"), 4L << 30);
        long t0 = System.nanoTime();
        Vertx vertx = Clustering.vertx(new Clustering.Options(members, base, "127.0.0.1", null), null).await();
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE)); // after Clustering, which sets Hazelcast's own
        out.printf(Locale.ROOT, "cluster bench: engine joined its cluster in %d ms; %s scenes, %s, %d slots a node, %d timed jobs a run%n",
                (System.nanoTime() - t0) / 1_000_000, scene, delayMs > 0 ? "each render slowed by a " + delayMs + " ms sleep" : "real CPU renders, no sleep",
                slots, jobs);
        out.printf(Locale.ROOT, "  %d processors, load average %s at the start; logs in %s%n", Runtime.getRuntime().availableProcessors(), load(), dir);
        out.flush();
        List<Run> runs = new ArrayList<>();
        ExecutorService waiters = Executors.newCachedThreadPool();
        try {
            int round = 0;
            for (int n : nodeCounts) {
                runs.add(run(vertx, store, dir, ++round, n, base, members, waiters, out));
            }
        } finally {
            waiters.shutdownNow();
            vertx.close().await();
            store.close();
            removeStores(dir);
        }
        double one = runs.stream().filter(r -> r.nodes() == 1).mapToDouble(Run::jobsPerMinute).findFirst().orElse(Double.NaN);
        out.println();
        out.println("'of ideal': jobs/min over nodes x slots x 60 s / the sleep (what the slots could do if a render were its sleep alone);");
        out.println("'render ms': a timed render's mean time on its node, its sleep included.");
        out.println("nodes  wall s  jobs/min  vs 1 node  of ideal  render ms  dispatch p50 ms  p90 ms  p99 ms  lapsed  renders by node           load avg");
        for (Run r : runs) {
            long[] d = r.dispatchMicros();
            double ideal = delayMs > 0 ? r.nodes() * slots * 60_000.0 / delayMs : Double.NaN;
            out.printf(Locale.ROOT, "%5d  %6.1f  %8.1f  %8.2fx  %8s  %9.0f  %15.2f  %6.2f  %6.2f  %6d  %-24s  %s%n", r.nodes(), r.wallS(),
                    r.jobsPerMinute(), r.jobsPerMinute() / one, Double.isNaN(ideal) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * r.jobsPerMinute() / ideal),
                    r.renderMs(), percentile(d, 0.50) / 1000.0,
                    percentile(d, 0.90) / 1000.0, percentile(d, 0.99) / 1000.0, r.lapsed(), r.perNode(), r.load());
        }
        out.flush();
        return 0;
    }

    private Run run(Vertx vertx, SegmentStore store, Path dir, int round, int n, int base, List<String> members, ExecutorService waiters,
                    PrintWriter out) throws Exception {
        LeaseDispatchVerticle dispatch = new LeaseDispatchVerticle("bench-engine");
        String deployment = vertx.deployVerticle(dispatch).await();
        List<Long> dispatchMicros = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean timing = new java.util.concurrent.atomic.AtomicBoolean();
        dispatch.view().onDispatch(us -> {
            if (timing.get()) {
                dispatchMicros.add(us);
            }
        });
        RemoteRender render = new RemoteRender(store, dispatch);
        List<Process> nodes = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                nodes.add(startNode(dir.resolve("run-" + round), "n" + i, base + i, members));
            }
            awaitNodes(dispatch.view(), n, nodes, dir.resolve("run-" + round));
            out.printf(Locale.ROOT, "  %d node(s) said hello %d ms after their start%n", n, (System.nanoTime() - t0) / 1_000_000);
            out.flush();
            renderAll(render, jobs(round, 0, n * slots), waiters); // warm-up: one wave, untimed
            // Nodes advertise their counts every renewal period: wait for the latest before reading them (here and after the run).
            Thread.sleep(LeaseDispatchVerticle.RENEW_MS + 500);
            long lapsedBefore = dispatch.view().lapsed();
            long[] before = dispatch.view().nodes().stream().mapToLong(ClusterNodes.Node::rendered).toArray();
            timing.set(true);
            long start = System.nanoTime();
            List<RenderJob> batch = jobs(round, 1, jobs);
            renderAll(render, batch, waiters);
            double wallS = (System.nanoTime() - start) / 1e9;
            timing.set(false);
            String loadNow = load();
            Thread.sleep(LeaseDispatchVerticle.RENEW_MS + 500);
            List<ClusterNodes.Node> after = dispatch.view().nodes();
            String perNode = java.util.stream.IntStream.range(0, after.size()).boxed().sorted(java.util.Comparator.comparing(i -> after.get(i).id()))
                    .map(i -> after.get(i).id() + "=" + (after.get(i).rendered() - (i < before.length ? before[i] : 0)))
                    .collect(Collectors.joining(","));
            long[] d = dispatchMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            Run r = new Run(n, wallS, jobs / wallS * 60, d, dispatch.view().lapsed() - lapsedBefore, perNode,
                    meanRenderMs(dir.resolve("run-" + round), batch.stream().map(RenderJob::tierKey).collect(Collectors.toSet())), loadNow);
            out.printf(Locale.ROOT, "  %d node(s): %d jobs in %.1f s = %.1f jobs/min; dispatch p50 %.2f ms, p99 %.2f ms over %d jobs%n", n, jobs,
                    wallS, r.jobsPerMinute(), percentile(d, 0.5) / 1000.0, percentile(d, 0.99) / 1000.0, d.length);
            out.flush();
            return r;
        } finally {
            for (Process p : nodes) {
                p.destroy();
            }
            for (Process p : nodes) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            vertx.undeploy(deployment).await();
        }
    }

    private Process startNode(Path dir, String name, int port, List<String> members) throws IOException {
        Files.createDirectories(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-Dbranchline.clusterName="
                + System.getProperty("branchline.clusterName"), "-Dbranchline.nodeRenderDelayMs=" + delayMs,
                "-Dbranchline.log=INFO", // the nodes' "rendered KEY in N ms" lines, which give the render times
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "render-node", "--cluster", "--cluster-port",
                String.valueOf(port), "--slots", String.valueOf(slots), "--name", name, "--data", dir.resolve(name).toString()));
        for (String m : members) {
            command.addAll(List.of("--cluster-member", m));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static void awaitNodes(ClusterNodes view, int n, List<Process> nodes, Path logs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (view.nodes().size() < n) {
            for (Process p : nodes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a render node ended with " + p.exitValue() + " before it said hello; see the logs in " + logs);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + view.nodes().size() + " of " + n + " render nodes said hello within 120 s; see " + logs);
            }
            Thread.sleep(50);
        }
    }

    /** Renders every job at once (each waits on a thread of its own, as the engine's render slots do) and waits for all. */
    private static void renderAll(RemoteRender render, List<RenderJob> batch, ExecutorService waiters) throws Exception {
        List<Future<?>> all = new ArrayList<>();
        for (RenderJob job : batch) {
            all.add(waiters.submit(() -> render.render(job, i -> { }, new RenderCancel())));
        }
        for (Future<?> f : all) {
            f.get(10, TimeUnit.MINUTES);
        }
    }

    /** {@code count} distinct jobs of this run and phase: their keys differ, so none is found already rendered. */
    private List<RenderJob> jobs(int round, int phase, int count) {
        String[] p = scene.split(":");
        long ms = Long.parseLong(p[1]) * 1000;
        String[] wh = p[2].split("x");
        List<RenderJob> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String color = String.format("#%06x", (round * 7919 + phase * 104_729 + i * 2_654_435L) & 0xffffff);
            ResolvedShot shot = p[0].equals("color")
                    ? new ResolvedShot("color", ms, null, null, color, null, null, null, null, null, Step.Transition.CUT, null, 1, null, false, 1)
                    : new ResolvedShot("title", ms, null, "Render " + round + "." + phase + "." + i, null, null, null, null, null,
                    "A caption under the title", Step.Transition.CUT, null, 1, null, false, 1);
            String key = ContentKey.sha256("cluster-bench|" + ProcessHandle.current().pid() + "|" + round + "|" + phase + "|" + i + "|" + scene);
            out.add(new RenderJob(key, "/nowhere", Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Integer.parseInt(p[3]), 1000, "AI-generated",
                    List.of(shot), RenderJob.ON_DEMAND, false, null, 1, 0));
        }
        return out;
    }

    /** Removes the engine's and the nodes' stores (tens of MB a run); the logs stay. */
    private static void removeStores(Path dir) throws IOException {
        List<Path> stores;
        try (var all = Files.walk(dir)) {
            stores = all.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("store")).toList();
        }
        for (Path store : stores) {
            try (var inside = Files.walk(store)) {
                for (Path p : inside.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The mean of the render times the nodes of a run logged for the jobs {@code keys}. */
    private static double meanRenderMs(Path logs, java.util.Set<String> keys) throws IOException {
        long sum = 0;
        int count = 0;
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                java.util.regex.Matcher m = RENDERED.matcher(Files.readString(log));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        continue;
                    }
                    sum += Long.parseLong(m.group(2));
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / (double) count;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
