package io.jvisor.sandbox.cli;

/** jvisor cannot do what the command line asked; the message says why and what to do. */
final class FailedException extends RuntimeException {

    static final int STATUS = 125;

    private static final long serialVersionUID = 1L;

    FailedException(String message) {
        super(message);
    }

    FailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
