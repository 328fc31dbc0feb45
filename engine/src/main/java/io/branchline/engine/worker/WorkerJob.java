package io.branchline.engine.worker;

import io.branchline.engine.worker.WorkerProtocol.GenerateJob;
import io.branchline.renderer.RenderException;
import java.awt.image.BufferedImage;

/**
 * One generate job on its way through a worker: the frames as they arrive (PNG bytes, decoded
 * on the render thread that paints them, never on an event loop) and how it ended. The bridge's
 * event loop adds; a render thread waits and takes.
 */
final class WorkerJob {

    private final GenerateJob job;
    private final String worker;
    private final long silenceMs;
    private final byte[][] frames;
    private final boolean[] seen;
    private int received;
    private boolean done;
    private String failure;
    private long lastWordNanos = System.nanoTime();

    WorkerJob(GenerateJob job, String worker, long silenceMs) {
        this.job = job;
        this.worker = worker;
        this.silenceMs = silenceMs;
        this.frames = new byte[job.frames()][];
        this.seen = new boolean[job.frames()];
    }

    GenerateJob job() {
        return job;
    }

    String worker() {
        return worker;
    }

    /** Takes what the worker sent; a message that breaks the protocol fails the job with its reason. */
    synchronized void accept(WorkerProtocol.Result result) {
        if (failure != null) {
            return;
        }
        lastWordNanos = System.nanoTime();
        if (result instanceof WorkerProtocol.Frames f) {
            // The whole message is checked before any of it is taken: a bad message fails the job as a whole.
            for (int i = 0; i < f.png().size(); i++) {
                int index = f.first() + i;
                if (index >= frames.length) {
                    fail("frame " + index + " is out of range: the job asked for " + frames.length + " frames (0 to " + (frames.length - 1) + ")");
                    return;
                }
                if (seen[index]) {
                    fail("frame " + index + " was sent twice");
                    return;
                }
            }
            for (int i = 0; i < f.png().size(); i++) {
                seen[f.first() + i] = true;
                frames[f.first() + i] = f.png().get(i);
                received++;
            }
        } else if (result instanceof WorkerProtocol.Done d) {
            if (d.frames() != frames.length || received != frames.length) {
                fail("the worker said done after " + d.frames() + " frames (" + received + " received); the job asked for " + frames.length);
                return;
            }
            done = true;
        } else if (result instanceof WorkerProtocol.Failed f) {
            fail("the worker could not generate the shot: " + f.message());
            return;
        }
        notifyAll();
    }

    /** Ends the job with {@code reason} (worker gone, bad reply); the render thread waiting on it throws. */
    synchronized void fail(String reason) {
        if (failure == null && !done) {
            failure = reason;
            notifyAll();
        }
    }

    synchronized boolean finished() {
        return done || failure != null;
    }

    synchronized int received() {
        return received;
    }

    /**
     * Waits for frame {@code index} and decodes it. Fails when the worker fails, breaks the protocol
     * or is silent for longer than the silence limit.
     */
    BufferedImage frame(int index) {
        byte[] png;
        synchronized (this) {
            while (failure != null || frames[index] == null) {
                if (failure != null) {
                    throw new RenderException(describe() + " failed: " + failure);
                }
                if (done) {
                    throw new RenderException(describe() + ": frame " + index + " was already painted or never sent");
                }
                long left = silenceMs - (System.nanoTime() - lastWordNanos) / 1_000_000;
                if (left <= 0) {
                    failure = "no word from the worker for " + silenceMs + " ms (waiting for frame " + index + " of " + frames.length
                            + "; -Dbranchline.worker.silenceMs sets the limit)";
                    throw new RenderException(describe() + " failed: " + failure);
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RenderException(describe() + " was interrupted");
                }
            }
            png = frames[index];
            frames[index] = null;  // painted once, in order: free it
        }
        try {
            return WorkerProtocol.frame(job, index, png);
        } catch (WorkerProtocol.Refused e) {
            fail(e.getMessage());
            throw new RenderException(describe() + " failed: the worker's " + e.getMessage());
        }
    }

    private String describe() {
        return "generate job " + job.job() + " on GPU worker '" + worker + "'";
    }
}
