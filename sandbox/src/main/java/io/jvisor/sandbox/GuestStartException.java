package io.jvisor.sandbox;

/** A guest that cannot start: a missing or corrupt jar, no main class, a class jvisor refused. */
public final class GuestStartException extends Exception {

    private static final long serialVersionUID = 1L;

    GuestStartException(String message) {
        super(message);
    }

    GuestStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
