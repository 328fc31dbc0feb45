package io.branchline.engine.worker;

import io.branchline.engine.worker.WorkerProtocol.GenerateJob;
import io.branchline.engine.worker.WorkerProtocol.Hello;
import io.branchline.engine.worker.WorkerProtocol.ModelIdentity;
import io.branchline.renderer.RenderException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's side of the worker protocol: a Vert.x TCP event bus bridge that GPU workers in
 * any language connect to, the workers it knows, and the generate jobs they run.
 *
 * <p>Workers are told apart by their TCP connection: the bridge's events name the socket a
 * message came on, so a worker can send results only for its own jobs, and a closed connection
 * fails the jobs it had at once (the bridge itself does not fail them: its pending replies just
 * time out).
 */
public final class WorkerBridge {

    private static final System.Logger LOG = System.getLogger("branchline.workers");

    /** How long a job may go without a word from its worker, unless {@code -Dbranchline.worker.silenceMs} says otherwise. */
    public static final long DEFAULT_SILENCE_MS = 60_000;

    private final Vertx vertx;
    private final long silenceMs;
    private TcpEventBusBridge bridge;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private int port = -1;

    private record Worker(Hello hello, NetSocket socket) {
    }

    // All state below is guarded by this: the event loop changes it, render threads read it.
    private final Map<String, Worker> workers = new HashMap<>();
    private final Map<NetSocket, String> workerOfSocket = new IdentityHashMap<>();
    private final Map<String, NetSocket> helloSockets = new HashMap<>();
    private final Map<String, WorkerJob> jobs = new HashMap<>();
    private ModelIdentity identity;
    private long jobCounter;

    public WorkerBridge(Vertx vertx) {
        this(vertx, Long.getLong("branchline.worker.silenceMs", DEFAULT_SILENCE_MS));
    }

    public WorkerBridge(Vertx vertx, long silenceMs) {
        this.vertx = vertx;
        this.silenceMs = silenceMs;
    }

    /**
     * Starts the bridge on {@code host:port}; the future holds the port. The bridge does not tell
     * which port it got for 0, so a port must be named (a test finds a free one first).
     */
    public Future<Integer> listen(String host, int port) {
        if (port < 1 || port > 65535) {
            return Future.failedFuture(new IllegalArgumentException("the worker bridge needs a port from 1 to 65535, not " + port));
        }
        // The HTTP connection guard would close a worker's connection after the header deadline.
        io.branchline.engine.http.GuardedTransport.exempt(vertx, port);
        BridgeOptions options = new BridgeOptions()
                .addInboundPermitted(new PermittedOptions().setAddress(WorkerProtocol.HELLO))
                .addInboundPermitted(new PermittedOptions().setAddress(WorkerProtocol.RESULTS))
                .addOutboundPermitted(new PermittedOptions().setAddressRegex("branchline\\.worker\\.[A-Za-z0-9_.-]{1,64}"));
        bridge = TcpEventBusBridge.create(vertx, options, new NetServerOptions(), this::onBridgeEvent);
        consumers.add(vertx.eventBus().consumer(WorkerProtocol.HELLO, this::onHello));
        consumers.add(vertx.eventBus().consumer(WorkerProtocol.RESULTS, this::onResult));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
                .compose(v -> bridge.listen(port, host))
                .map(b -> {
                    this.port = port;
                    return port;
                });
    }

    /** Stops listening; jobs still running fail. */
    public Future<Void> close() {
        failAll("the engine is stopping");
        List<Future<Void>> closing = new ArrayList<>();
        consumers.forEach(c -> closing.add(c.unregister()));
        if (bridge != null) {
            closing.add(bridge.close());
        }
        return Future.all(closing).mapEmpty();
    }

    /** The model the workers declare; empty until the first worker says hello. It stays known while none is connected. */
    public synchronized Optional<ModelIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** How many workers are connected now. */
    public synchronized int workers() {
        return workers.size();
    }

    /**
     * Sends a generate job to the connected worker with the fewest jobs.
     *
     * @throws RenderException when no worker is connected, in words an operator can act on
     */
    WorkerJob submit(String prompt, long seed, io.branchline.renderer.RenderFormat format, long durationMs) {
        WorkerJob job;
        String address;
        synchronized (this) {
            Worker chosen = null;
            int least = Integer.MAX_VALUE;
            for (Worker w : workers.values()) {
                int load = (int) jobs.values().stream().filter(j -> j.worker().equals(w.hello().worker()) && !j.finished()).count();
                if (load < least) {
                    least = load;
                    chosen = w;
                }
            }
            if (chosen == null) {
                throw new RenderException("no GPU worker is connected to the worker bridge" + (port > 0 ? " on port " + port : "")
                        + "; start one (python3 workers/python/worker.py --port " + (port > 0 ? port : "PORT")
                        + ") and the render will be retried");
            }
            String id = Long.toString(++jobCounter, 36) + "-" + Long.toHexString(System.nanoTime() & 0xffffffL);
            job = new WorkerJob(GenerateJob.of(id, prompt, seed, format, durationMs), chosen.hello().worker(), silenceMs);
            jobs.put(id, job);
            address = chosen.hello().address();
        }
        vertx.eventBus().send(address, job.job().toJson());
        return job;
    }

    /** Forgets a job (painted, failed or cancelled); results that come later are dropped. */
    synchronized void forget(WorkerJob job) {
        jobs.remove(job.job().job());
    }

    private void onBridgeEvent(BridgeEvent event) {
        JsonObject raw = event.getRawMessage();
        String address = raw == null ? null : raw.getString("address");
        if (event.type() == BridgeEventType.REGISTER && address != null && address.startsWith(WorkerProtocol.WORKER_PREFIX)) {
            // A second connection on a connected worker's address would take some of its jobs.
            synchronized (this) {
                Worker holder = workers.get(address.substring(WorkerProtocol.WORKER_PREFIX.length()));
                if (holder != null && holder.socket() != event.socket()) {
                    LOG.log(Level.WARNING, "a connection asked for the address of connected worker '" + holder.hello().worker() + "'; refused");
                    event.complete(false);
                    return;
                }
            }
        } else if (event.type() == BridgeEventType.SEND && WorkerProtocol.HELLO.equals(address)) {
            // The consumer answers the hello; here is the one place that knows the connection it came on.
            if (raw.getValue("body") instanceof JsonObject body && body.getValue("worker") instanceof String worker) {
                synchronized (this) {
                    helloSockets.put(worker, event.socket());
                }
            }
        } else if ((event.type() == BridgeEventType.SEND || event.type() == BridgeEventType.PUBLISH) && WorkerProtocol.RESULTS.equals(address)) {
            if (raw.getValue("body") instanceof JsonObject body && body.getValue("job") instanceof String id) {
                synchronized (this) {
                    WorkerJob job = jobs.get(id);
                    String sender = workerOfSocket.get(event.socket());
                    if (job != null && !job.worker().equals(sender)) {
                        LOG.log(Level.WARNING, "a worker (" + sender + ") sent results for job " + id + " of worker " + job.worker() + "; refused");
                        event.complete(false);
                        return;
                    }
                }
            }
        }
        event.complete(true);
    }

    private void onHello(Message<Object> message) {
        Hello hello;
        try {
            hello = WorkerProtocol.hello(message.body());
        } catch (WorkerProtocol.Refused e) {
            message.fail(400, e.getMessage());
            return;
        }
        NetSocket socket;
        synchronized (this) {
            socket = helloSockets.remove(hello.worker());
            if (socket == null) {
                message.fail(400, "hello: workers say hello through the TCP event bus bridge");
                return;
            }
            if (workers.containsKey(hello.worker())) {
                refuse(message, socket, 409, "a worker named '" + hello.worker() + "' is connected already; give each worker its own id");
                return;
            }
            if (!workers.isEmpty() && !identity.equals(hello.model())) {
                refuse(message, socket, 409, "the connected workers run " + identity + "; this worker runs " + hello.model()
                        + ". One engine serves one model at a time (it is part of every content key): stop the others first");
                return;
            }
            if (identity != null && !identity.equals(hello.model())) {
                LOG.log(Level.INFO, "the workers' model changed from " + identity + " to " + hello.model() + ": visits get new content keys");
            }
            identity = hello.model();
            workers.put(hello.worker(), new Worker(hello, socket));
            workerOfSocket.put(socket, hello.worker());
        }
        socket.closeHandler(v -> gone(socket));
        LOG.log(Level.INFO, "GPU worker '" + hello.worker() + "' connected, running " + hello.model());
        message.reply(new JsonObject().put("accepted", true).put("protocol", WorkerProtocol.VERSION).put("address", hello.address())
                .put("maxMessageBytes", WorkerProtocol.MAX_MESSAGE_BYTES));
    }

    /**
     * Refuses a hello and closes its connection a moment later (once the answer is out), so a
     * refused worker that stays holds no address where jobs could go.
     */
    private void refuse(Message<Object> message, NetSocket socket, int code, String why) {
        message.fail(code, why);
        vertx.setTimer(1000, t -> socket.close());
    }

    private void onResult(Message<Object> message) {
        WorkerProtocol.Result result;
        try {
            result = WorkerProtocol.result(message.body());
        } catch (WorkerProtocol.Refused e) {
            LOG.log(Level.WARNING, "a worker's message was refused: " + e.getMessage());
            if (message.body() instanceof JsonObject o && o.getValue("job") instanceof String id) {
                WorkerJob job;
                synchronized (this) {
                    job = jobs.get(id);
                }
                if (job != null) {
                    job.fail(e.getMessage());
                }
            }
            return;
        }
        WorkerJob job;
        synchronized (this) {
            job = jobs.get(result.job());
        }
        if (job != null) {
            job.accept(result);
            if (job.finished()) {
                // The painter holds the job; nothing more is routed to it.
                forget(job);
            }
        }
    }

    private void gone(NetSocket socket) {
        List<WorkerJob> lost = new ArrayList<>();
        String worker;
        synchronized (this) {
            worker = workerOfSocket.remove(socket);
            if (worker == null) {
                return;
            }
            workers.remove(worker);
            jobs.values().stream().filter(j -> j.worker().equals(worker) && !j.finished()).forEach(lost::add);
        }
        LOG.log(Level.INFO, "GPU worker '" + worker + "' disconnected" + (lost.isEmpty() ? "" : "; " + lost.size() + " jobs fail"));
        for (WorkerJob job : lost) {
            job.fail("the GPU worker disconnected in the middle of the job (" + job.received() + " of " + job.job().frames()
                    + " frames received); the render will be retried");
        }
    }

    private void failAll(String reason) {
        List<WorkerJob> all;
        synchronized (this) {
            all = new ArrayList<>(jobs.values());
        }
        all.forEach(j -> j.fail(reason));
    }
}
