package io.jvisor.sandbox.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules limited to one argument: the command of {@code process}. */
class PolicyArgumentTest {

    private static Policy parse(String text) throws PolicyException {
        return Policy.parse(text, "x.policy");
    }

    @Test
    void aCommandIsMatchedByItsPathOrItsFileName() throws PolicyException {
        Policy p = parse("deny process\nallow process git\nallow process /opt/tool/run.sh\n");
        assertTrue(p.decide("process", "git").allowed());
        assertTrue(p.decide("process", "/usr/bin/git").allowed());
        assertTrue(p.decide("process", "/opt/tool/run.sh").allowed());
        assertFalse(p.decide("process", "run.sh").allowed(), "a rule naming a path matches that path only");
        assertFalse(p.decide("process", "gitk").allowed());
        assertFalse(p.decide("process", "/usr/bin/rm").allowed());
        assertEquals("'deny process' (x.policy:1)", p.decide("process", "rm").rule().describe());
        assertEquals("'allow process git' (x.policy:2)", p.decide("process", "git").rule().describe());
    }

    @Test
    void anAddressIsMatchedByNameOrIpAndPort() throws PolicyException {
        Policy p = parse("deny connect\nallow connect localhost:8080\nallow connect *.example.com:443\n"
                + "allow connect 10.0.0.1:*\n");
        assertTrue(p.decide("connect", "localhost/127.0.0.1:8080").allowed());
        assertFalse(p.decide("connect", "localhost/127.0.0.1:8081").allowed());
        assertTrue(p.decide("connect", "api.Example.com/93.184.216.34:443").allowed());
        assertFalse(p.decide("connect", "example.org/1.2.3.4:443").allowed());
        assertTrue(p.decide("connect", "/10.0.0.1:22").allowed(), "by IP, whatever the port");
        assertFalse(p.decide("connect", "/10.0.0.2:22").allowed());
        assertFalse(parse("allow connect ::1:80\n").decide("connect", "/0:0:0:0:0:0:0:1:80").allowed(),
                "an IPv6 address is matched as the JDK writes it, not abbreviated");
        assertTrue(parse("allow connect 0:0:0:0:0:0:0:1:80\n").decide("connect", "/0:0:0:0:0:0:0:1:80").allowed());
    }

    @Test
    void aHostIsMatchedByNameOrDomain() throws PolicyException {
        Policy p = parse("deny resolve\nallow resolve localhost\nallow resolve *.example.com\n");
        assertTrue(p.decide("resolve", "localhost").allowed());
        assertTrue(p.decide("resolve", "www.EXAMPLE.com").allowed());
        assertFalse(p.decide("resolve", "example.org").allowed());
    }

    @Test
    void withoutAnArgumentOnlyRulesForEveryArgumentDecide() throws PolicyException {
        Policy p = parse("allow process git\n");
        assertFalse(p.decide("process").allowed());
        assertEquals(null, p.decide("process").rule());
    }

    @Test
    void theLastMatchingRuleWinsAsForEveryOperation() throws PolicyException {
        Policy p = parse("allow process git\ndeny process\n");
        assertFalse(p.decide("process", "git").allowed());
    }

    @Test
    void onlyOperationsThatTakeAnArgumentAcceptOne() {
        PolicyException e = assertThrows(PolicyException.class, () -> parse("allow exit 3\n"));
        assertEquals("x.policy:1: operation 'exit' takes no argument, found '3'", e.getMessage());
        PolicyException two = assertThrows(PolicyException.class, () -> parse("allow process git svn\n"));
        assertEquals("x.policy:1: operation 'process' takes one argument, COMMAND, found also 'svn'", two.getMessage());
    }
}
