package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.CriticalInstruction;

/**
 * A use of a critical instruction in a class, reported as the rewriter turns it into a trap.
 *
 * @param className        binary name of the class, e.g. {@code com.example.Main}
 * @param methodName       name of the method holding the use
 * @param methodDescriptor descriptor of that method
 * @param line             source line, or {@code -1} if the class carries no line numbers
 * @param form             how the member is used
 * @param target           the catalog entry used
 */
public record TrapSite(String className, String methodName, String methodDescriptor, int line,
        Form form, CriticalInstruction target) {

    /** How a critical member is used at a site. */
    public enum Form {
        /** a direct call or field read */
        CALL,
        /** a method handle constant: a method reference, a lambda's target, an {@code ldc} */
        HANDLE
    }
}
