package io.jvisor.processor;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The advice resource and the agent's catalog agree. */
class HypercallAdviceTest {

    private static Set<String> rewrittenOperations() {
        return Catalog.standard().entries().stream().filter(CriticalInstruction::isRewritten)
                .map(CriticalInstruction::operation).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyRowThatGuestCodeCanReachHasAdvice() {
        HypercallAdvice advice = HypercallAdvice.load();
        for (CriticalInstruction row : Catalog.standard().entries()) {
            if (row.isRewritten()) {
                assertFalse(advice.instead(row.hook(), row.operation()).isBlank(), row.displayName());
            }
        }
    }

    @Test
    void aRowWithAdviceOfItsOwnGetsItsOwn() {
        HypercallAdvice advice = HypercallAdvice.load();
        assertEquals("use Hypercalls.environment().property(String) instead", advice.instead("getProperty", "property-read"));
        assertEquals("use the class loader of a class of your own instead (Main.class.getClassLoader()): it is the loader of "
                + "your class path", advice.instead("getSystemClassLoader", "property-read"));
    }

    @Test
    void theResourceAdvisesOnNothingElse() throws IOException {
        Properties p = new Properties();
        try (InputStream in = HypercallAdvice.class.getResourceAsStream("hypercalls.properties")) {
            p.load(in);
        }
        Set<String> beyondOperations = new TreeSet<>(p.stringPropertyNames());
        beyondOperations.removeAll(rewrittenOperations());
        beyondOperations.removeAll(Catalog.standard().entries().stream().filter(CriticalInstruction::isRewritten)
                .map(CriticalInstruction::hook).collect(Collectors.toSet()));
        assertEquals(Set.of(), beyondOperations, "keys that are neither an operation nor the hook of a rewritten row");
    }
}
