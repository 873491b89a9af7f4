package io.jvisor.sandbox.policy;

/** A policy that cannot be read or has errors; the message names the source and line of each. */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    PolicyException(String message) {
        super(message);
    }

    PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
