/**
 * The service provider interface of the hypercall API: how a hypervisor serves
 * {@link io.jvisor.api.Hypercalls}. A guest never uses this package.
 */
package io.jvisor.api.spi;
