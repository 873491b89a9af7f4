package io.jvisor.agent.rewrite;

/** A class file that the rewriter cannot prescan or rewrite, and that must therefore not load. */
public final class RewriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String className;

    RewriteException(String className, String message, Throwable cause) {
        super(message, cause);
        this.className = className;
    }

    /** Binary name of the class, or {@code "<unknown>"} if the class file is too damaged to say. */
    public String className() {
        return className;
    }
}
