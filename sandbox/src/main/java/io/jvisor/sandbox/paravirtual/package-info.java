/**
 * Paravirtual guests: the hypervisor's backend of the hypercall API ({@code io.jvisor.api}), and
 * the guest descriptor ({@code META-INF/jvisor/guest.properties}) that defaults how a guest runs.
 */
package io.jvisor.sandbox.paravirtual;
