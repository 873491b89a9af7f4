/**
 * Paravirtual guests: the hypervisor's backend of the hypercall API ({@code io.jvisor.api}).
 */
package io.jvisor.sandbox.paravirtual;
