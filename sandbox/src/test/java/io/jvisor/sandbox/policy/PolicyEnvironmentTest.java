package io.jvisor.sandbox.policy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What environment a policy's {@code env} statements give a guest. */
class PolicyEnvironmentTest {

    private static final Map<String, String> HOST = Map.of("HOME", "/home/h", "PATH", "/bin", "SECRET", "s");

    private static Map<String, String> environment(String policy) throws PolicyException {
        return Policy.parse(policy, "x.policy").environment(HOST);
    }

    @Test
    void withoutEnvStatementsTheEnvironmentIsEmpty() throws PolicyException {
        assertEquals(Map.of(), environment("allow *\n"));
        assertEquals(Map.of(), Policy.preset("constrained").environment(HOST));
        assertEquals(Map.of(), Policy.preset("untrusted").environment(HOST));
    }

    @Test
    void theTrustedPresetPassesTheHostsEnvironment() {
        assertEquals(HOST, Policy.preset("trusted").environment(HOST));
    }

    @Test
    void namedVariablesPassAndValuesAreSetInOrder() throws PolicyException {
        assertEquals(Map.of("HOME", "/home/h", "LANG", "C"), environment("env HOME\nenv LANG=C\nenv MISSING\n"));
        assertEquals(Map.of("HOME", "/guest"), environment("env HOME\nenv HOME=/guest\n"));
        assertEquals(Map.of("EMPTY", "", "EQ", "a=b"), environment("env EMPTY=\nenv EQ=a=b\n"));
    }

    @Test
    void aPolicyFromAPresetKeepsThePresetsEnvironmentAndAddsItsOwn() throws PolicyException {
        Map<String, String> env = environment("preset trusted\nenv SECRET=hidden\n");
        assertEquals("hidden", env.get("SECRET"));
        assertEquals("/bin", env.get("PATH"));
    }
}
