package io.branchline.engine.worker;

import io.branchline.renderer.RenderFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The job protocol between the engine and GPU workers that connect through the TCP event bus
 * bridge, in any language: the addresses, the messages and what makes a message acceptable.
 * docs/scale-out.md ("Workers in any language") and docs/worker-protocol.schema.json describe
 * the same messages for people who write workers.
 *
 * <p>Plain data in, values or {@link Refused} out: nothing here needs Vert.x beyond its JSON type.
 */
public final class WorkerProtocol {

    /** The protocol's version; a worker that speaks another is refused at hello. */
    public static final int VERSION = 1;
    /** Workers announce themselves here (a send with a reply address). */
    public static final String HELLO = "branchline.workers.hello";
    /** Workers send frames, done and failed messages here. */
    public static final String RESULTS = "branchline.results";
    /** A worker's own address, {@code branchline.worker.<id>}, where its generate jobs arrive. */
    public static final String WORKER_PREFIX = "branchline.worker.";
    /** The one frame encoding of version 1. */
    public static final String ENCODING = "png";
    /**
     * The most a worker puts into one bridge message (JSON text). The bridge's own frame parser
     * has no limit (it buffers what the length header says), so the bound is ours: the worker
     * splits a shot's frames into several {@code frames} messages under it.
     */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;
    /**
     * Above this the engine refuses a single frame: a 1080x1920 frame is 6.2 MB of raw RGB, so
     * even a PNG that compresses nothing fits, and its base64 fits one message.
     */
    public static final int MAX_FRAME_BYTES = 8 << 20;

    private WorkerProtocol() {
    }

    /** A message that breaks the protocol; its text says what was wrong, for the worker's operator. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The model a worker declares it runs: it goes into content keys and Content Credentials.
     *
     * @param name    the model or pipeline's name (e.g. {@code branchline-reference-trivial})
     * @param version its version as the operator names it
     * @param hash    a digest of its weights or code, so that a changed model makes new keys
     */
    public record ModelIdentity(String name, String version, String hash) {

        /** The generator's model hash: the identity as one string, for content keys and provenance. */
        public String modelHash() {
            return "worker:" + name + "@" + version + "#" + hash;
        }

        @Override
        public String toString() {
            return name + " " + version + " (" + hash + ")";
        }
    }

    /** A worker's hello: its id (part of its address) and the model it runs. */
    public record Hello(String worker, ModelIdentity model) {

        public String address() {
            return WORKER_PREFIX + worker;
        }
    }

    /** A generate job: one generated shot. */
    public record GenerateJob(String job, String prompt, long seed, int width, int height, int fps, int frames, long durationMs) {

        public static GenerateJob of(String job, String prompt, long seed, RenderFormat format, long durationMs) {
            return new GenerateJob(job, prompt, seed, format.width(), format.height(), format.fps(), format.frames(durationMs), durationMs);
        }

        public JsonObject toJson() {
            return new JsonObject().put("type", "generate").put("protocol", VERSION).put("job", job).put("prompt", prompt)
                    .put("seed", seed).put("width", width).put("height", height).put("fps", fps).put("frames", frames)
                    .put("durationMs", durationMs).put("encoding", ENCODING).put("resultAddress", RESULTS)
                    .put("maxMessageBytes", MAX_MESSAGE_BYTES);
        }
    }

    /** What a worker sends about a job. */
    public sealed interface Result permits Frames, Done, Failed {
        String job();
    }

    /** Frames {@code first}, {@code first + 1}, … of a job, PNG bytes each. */
    public record Frames(String job, int first, List<byte[]> png) implements Result {
    }

    /** The job's end: the worker sent {@code frames} frames. */
    public record Done(String job, int frames) implements Result {
    }

    /** The worker could not make the job's frames; {@code message} says why. */
    public record Failed(String job, String message) implements Result {
    }

    /** Reads a hello body. */
    public static Hello hello(Object body) {
        JsonObject o = object(body, "hello");
        int protocol = integer(o, "protocol", "hello");
        if (protocol != VERSION) {
            throw new Refused("the worker speaks protocol " + protocol + "; this engine speaks protocol " + VERSION);
        }
        String worker = text(o, "worker", "hello");
        if (!worker.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new Refused("hello: 'worker' must be 1 to 64 letters, digits, '.', '_' or '-', not '" + worker + "'");
        }
        JsonObject model = o.getValue("model") instanceof JsonObject m ? m : null;
        if (model == null) {
            throw new Refused("hello: expected 'model', an object with name, version and hash");
        }
        ModelIdentity identity = new ModelIdentity(text(model, "name", "hello.model"), text(model, "version", "hello.model"),
                text(model, "hash", "hello.model"));
        for (String part : List.of(identity.name(), identity.version(), identity.hash())) {
            if (part.length() > 200 || !part.matches("[\\x21-\\x7e]+")) {
                throw new Refused("hello.model: name, version and hash must be printable ASCII without spaces, up to 200 characters each");
            }
        }
        return new Hello(worker, identity);
    }

    /** Reads a message a worker sent to {@link #RESULTS}. */
    public static Result result(Object body) {
        JsonObject o = object(body, "result");
        String type = text(o, "type", "result");
        String job = text(o, "job", type);
        return switch (type) {
            case "frames" -> {
                int first = integer(o, "first", "frames");
                if (!(o.getValue("frames") instanceof JsonArray array) || array.isEmpty()) {
                    throw new Refused("frames: expected 'frames', a non-empty array of base64 PNG images");
                }
                List<byte[]> png = new ArrayList<>(array.size());
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.getValue(i) instanceof String s)) {
                        throw new Refused("frames: frame " + (first + i) + " is not a base64 string");
                    }
                    try {
                        png.add(Base64.getDecoder().decode(s));
                    } catch (IllegalArgumentException e) {
                        throw new Refused("frames: frame " + (first + i) + " is not valid base64 (" + e.getMessage() + ")");
                    }
                }
                yield new Frames(job, first, png);
            }
            case "done" -> new Done(job, integer(o, "frames", "done"));
            case "failed" -> new Failed(job, o.getValue("message") instanceof String m ? m : "(the worker gave no message)");
            default -> throw new Refused("result: unknown type '" + type + "'; expected frames, done or failed");
        };
    }

    /**
     * Decodes frame {@code index} of {@code job} and checks it is a PNG of the job's size.
     *
     * @throws Refused naming the frame and what was wrong with it
     */
    public static BufferedImage frame(GenerateJob job, int index, byte[] png) {
        if (index < 0 || index >= job.frames()) {
            throw new Refused("frame " + index + " is out of range: the job asked for " + job.frames() + " frames (0 to " + (job.frames() - 1) + ")");
        }
        if (png.length > MAX_FRAME_BYTES) {
            throw new Refused("frame " + index + " is " + png.length + " bytes; at most " + MAX_FRAME_BYTES + " are accepted");
        }
        if (png.length < 8 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
            throw new Refused("frame " + index + " is not a PNG image (expected the PNG signature)");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            throw new Refused("frame " + index + " is not a readable PNG image (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw new Refused("frame " + index + " is not a readable PNG image");
        }
        if (image.getWidth() != job.width() || image.getHeight() != job.height()) {
            throw new Refused("frame " + index + " is " + image.getWidth() + "x" + image.getHeight() + "; the job asked for "
                    + job.width() + "x" + job.height());
        }
        return image;
    }

    private static JsonObject object(Object body, String what) {
        if (body instanceof JsonObject o) {
            return o;
        }
        throw new Refused(what + ": expected a JSON object as the message body");
    }

    private static String text(JsonObject o, String field, String what) {
        if (o.getValue(field) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new Refused(what + ": expected '" + field + "', a non-empty string");
    }

    private static int integer(JsonObject o, String field, String what) {
        Object v = o.getValue(field);
        if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new Refused(what + ": expected '" + field + "', a whole number from 0");
    }
}
