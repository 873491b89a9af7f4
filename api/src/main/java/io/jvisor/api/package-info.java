/**
 * The hypercall API: what a paravirtual guest, a program that knows it runs under jvisor, calls
 * instead of the JDK's privileged methods, and the annotations that describe it to the jvisor
 * annotation processor.
 *
 * <p>A guest reaches its devices through {@link io.jvisor.api.Hypercalls}: its {@link Console},
 * its {@link Disk}, the {@link Network}, its {@link Environment} (properties and environment
 * variables), its {@link Clock}, its {@link Quotas}, and {@link io.jvisor.api.Hypercalls#exit(int)}.
 * Under {@code jvisor run} the hypervisor serves each call directly, without the traps that full
 * virtualisation rewrites privileged calls into. Run without jvisor, every hypercall fails with
 * {@link NoHypervisorException}, unless the program chose pass-through to the JDK
 * ({@link io.jvisor.api.Hypercalls#passThrough()}).
 *
 * <p>{@link Guest} describes a guest's main class, {@link Paravirtual} marks code that must use
 * hypercalls only (the processor rejects any direct privileged call in it), and {@link Saved}
 * marks the fields a snapshot keeps.
 *
 * <p>This package depends on the JDK only: a guest compiles against it alone.
 */
package io.jvisor.api;
