/**
 * The jvisor annotation processor, {@link io.jvisor.processor.JvisorProcessor}, and its parts, all
 * package-private: the {@code @Guest} descriptor, the check of {@code @Paravirtual} code against
 * the agent's critical-instruction catalog, and the generated savers of {@code @Saved} state.
 */
package io.jvisor.processor;
