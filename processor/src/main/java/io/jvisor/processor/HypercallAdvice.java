package io.jvisor.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What a paravirtual guest does instead of each privileged operation of the critical-instruction
 * catalog: the {@code hypercalls.properties} resource beside this class, keyed by the catalog's
 * {@code operation}, or by a row's {@code hook} where that row needs advice of its own.
 */
final class HypercallAdvice {

    private static final String RESOURCE = "hypercalls.properties";

    private final Properties byOperation;

    private HypercallAdvice(Properties byOperation) {
        this.byOperation = byOperation;
    }

    /** The advice shipped with the processor. */
    static HypercallAdvice load() {
        Properties p = new Properties();
        try (InputStream in = HypercallAdvice.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("jvisor-processor is incomplete: " + RESOURCE + " is missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HypercallAdvice(p);
    }

    /**
     * What to do instead of a call of a hook's member, or else of an operation, e.g.
     * {@code use Hypercalls.exit(int) instead}.
     *
     * @throws IllegalStateException if the resource has no line for either
     */
    String instead(String hook, String operation) {
        String advice = byOperation.getProperty(hook, byOperation.getProperty(operation));
        if (advice == null) {
            throw new IllegalStateException("jvisor-processor: " + RESOURCE + " has no advice for the catalog's operation '"
                    + operation + "'");
        }
        return advice;
    }
}
