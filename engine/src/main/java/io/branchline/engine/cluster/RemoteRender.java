package io.branchline.engine.cluster;

import io.branchline.engine.render.RenderAddresses;
import io.branchline.engine.render.RenderFunction;
import io.branchline.engine.render.RenderJob;
import io.branchline.engine.render.RenderOutcome;
import io.branchline.engine.store.SceneTransfer;
import io.branchline.engine.store.SegmentStore;
import io.branchline.engine.store.StoredScene;
import io.branchline.engine.store.TieredStore;
import io.branchline.renderer.RenderCancel;
import io.branchline.renderer.RenderException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * The engine's render function in clustered mode: hands the job to the render nodes through the
 * {@link LeaseDispatchVerticle}, waits for a node to report it done, then fetches the visit's
 * files from that node over HTTP, verifies each by its SHA-256 and commits it into the engine's
 * own store ({@link SceneTransfer}); only then are its segments announced, so a playlist never
 * lists a segment the engine does not hold, verified. Blocking, like every render function: the
 * render worker runs it on a thread of its own.
 *
 * <p>A node that reported done but cannot hand the files over (it died just after) costs a retry:
 * the job is submitted again, up to {@link #ATTEMPTS} times.
 */
public final class RemoteRender implements RenderFunction {

    static final int ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger("branchline.cluster");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final SegmentStore store;
    private final LeaseDispatchVerticle dispatch;

    public RemoteRender(SegmentStore store, LeaseDispatchVerticle dispatch) {
        this.store = store;
        this.dispatch = dispatch;
    }

    @Override
    public RenderOutcome render(RenderJob job, IntConsumer segmentReady, RenderCancel cancel) {
        java.util.Optional<RenderOutcome> stored = RenderOutcome.alreadyStored(store, job);
        if (stored.isPresent()) {
            return stored.get();
        }
        long t0 = System.nanoTime();
        String key = job.tierKey();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            LeaseDispatchVerticle.Finished finished = await(dispatch.submit(job), key, cancel);
            ClusterWire.Done done = finished.done();
            if (done.outcome() == null) {
                if (done.failure() == RenderAddresses.FAILED_INPUT) {
                    throw new RenderException(done.message());
                }
                throw new IllegalStateException("render node " + done.node() + " failed to render " + key + ": " + done.message());
            }
            try {
                StoredScene scene = fetch(finished.url(), done.stored() != null ? done.stored() : key, done.node());
                TieredStore.keepBest(store, job.key());
                scene.segments().forEach(s -> segmentReady.accept(s.index()));
                return new RenderOutcome(job.key(), scene.segments().size(), scene.frames(), (System.nanoTime() - t0) / 1_000_000, false);
            } catch (IOException e) {
                last = e;
                LOG.log(Level.WARNING, "could not take " + key + " from render node " + done.node() + " (" + e.getMessage()
                        + (attempt < ATTEMPTS ? "); rendering it again" : "); giving up"));
            }
        }
        throw new IllegalStateException("the render nodes rendered " + key + " " + ATTEMPTS + " times but none could hand it over: "
                + last.getMessage(), last);
    }

    private LeaseDispatchVerticle.Finished await(CompletableFuture<LeaseDispatchVerticle.Finished> answer, String key, RenderCancel cancel) {
        while (true) {
            if (cancel.cancelled()) {
                dispatch.withdraw(key);
                cancel.check(0); // throws RenderCancelled
            }
            try {
                return answer.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the cancel token again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dispatch.withdraw(key);
                throw new IllegalStateException("interrupted while " + key + " was rendered on a node", e);
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                throw new IllegalStateException("the engine stopped waiting for " + key, e);
            }
        }
    }

    private StoredScene fetch(String url, String key, String node) throws IOException {
        String base = url + "/segments/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/";
        byte[] manifest = get(base + "scene.json");
        return SceneTransfer.importScene(store, key, manifest, name -> get(base + URLEncoder.encode(name, StandardCharsets.UTF_8)), node);
    }

    private static byte[] get(String url) throws IOException {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: GET " + url, e);
        }
    }
}
