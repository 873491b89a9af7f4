/**
 * Guest code for the rewriter's tests: small programs that use critical instructions the way real
 * guests do. They live outside {@code io.jvisor} on purpose, because the transformer never
 * rewrites jvisor's own classes. Tests never call them directly: they load rewritten copies
 * through a guest class loader and call them reflectively.
 */
package example.guest;
