package io.branchline.engine.policy;

/** A policy folder an operator gave cannot be used: the message says which file and what was expected. */
public final class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }
}
