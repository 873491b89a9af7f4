package io.jvisor.api;

/**
 * A guest's system properties and environment variables. Under jvisor the properties are the
 * guest's own (setting one changes nothing for the host or other guests) and the environment is
 * what its policy shows it; in pass-through mode both are the JVM's.
 *
 * <p>Obtained from {@link Hypercalls#environment()}; safe to use from any thread of its guest, and
 * may be kept for the guest's lifetime. Every method throws {@link NullPointerException} for a
 * {@code null} name or value.
 */
public interface Environment {

    /**
     * The value of one of the guest's system properties.
     *
     * @param name the property's name
     * @return its value, or {@code null} if it is not set
     */
    String property(String name);

    /**
     * Sets one of the guest's system properties.
     *
     * @param name  the property's name
     * @param value its new value
     * @return its previous value, or {@code null} if it was not set
     */
    String setProperty(String name, String value);

    /**
     * Removes one of the guest's system properties.
     *
     * @param name the property's name
     * @return its previous value, or {@code null} if it was not set
     */
    String clearProperty(String name);

    /**
     * The value of an environment variable the guest sees.
     *
     * @param name the variable's name
     * @return its value, or {@code null} if the guest has no such variable
     */
    String getenv(String name);
}
