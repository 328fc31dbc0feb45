package io.branchline.engine.session;

/**
 * The answer to something a viewer did: accepted, or refused with the reason and the HTTP
 * status that fits it (400 for a malformed input, 409 for one that comes at the wrong time,
 * 422 for an answer the prompt policy refuses).
 */
public record Outcome(boolean accepted, int status, String problem) {

    public static final Outcome OK = new Outcome(true, 200, null);

    public static Outcome badInput(String why) {
        return new Outcome(false, 400, why);
    }

    /** An answer well formed and in time that the prompt policy refuses; nothing changed. */
    public static Outcome refused(String why) {
        return new Outcome(false, 422, why);
    }

    public static Outcome conflict(String why) {
        return new Outcome(false, 409, why);
    }
}
