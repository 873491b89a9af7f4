package io.jvisor.api;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * A guest's console: its standard output, standard error and standard input. Under jvisor these
 * are the guest's own streams (what the host shows or captures of them is the host's choice); in
 * pass-through mode they are {@code System.out}, {@code System.err} and {@code System.in}.
 *
 * <p>Obtained from {@link Hypercalls#console()}; an implementation is safe to use from any thread
 * of its guest, and may be kept for the guest's lifetime.
 */
public interface Console {

    /** The guest's standard output, never {@code null}. */
    PrintStream out();

    /** The guest's standard error, never {@code null}. */
    PrintStream err();

    /** The guest's standard input, never {@code null}; at its end when the guest has no input. */
    InputStream in();
}
