package io.jvisor.sandbox.policy;

import io.jvisor.agent.catalog.Catalog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTest {

    /** Every operation of the catalog, in table order. */
    private static final List<String> OPERATIONS = List.copyOf(Catalog.standard().operations());

    /**
     * What each preset decides for each operation, written from the intent stated in the preset
     * files' comments (not from their rules), so that a change of a preset's rules that breaks its
     * documented promise fails here.
     */
    private static final Map<String, Map<String, Boolean>> PRESET_INTENT = new LinkedHashMap<>();

    /** The catalog's operations as this table knows them: a new one must be placed in it. */
    private static final List<String> INTENT_OPERATIONS = List.of("exit", "halt", "shutdown-hook", "stdout", "stderr",
            "stdin", "set-stdio", "property-read", "property-write", "env-read", "process", "connect", "bind", "resolve",
            "file-read", "file-write", "method-handle", "define-class", "native", "global-state", "thread-read");

    static {
        // trusted: "the guest may do everything a catalog operation covers"
        PRESET_INTENT.put("trusted", intent(Set.copyOf(INTENT_OPERATIONS)));
        // constrained: "what an ordinary command-line program needs": exit, console, input, hooks
        // constrained: "... it starts no process unless a policy allows the command"
        // constrained: "... its files (a disk of its own) are its own"
        // constrained: "... no native code, and no change to what the host and every other guest share"
        PRESET_INTENT.put("constrained", intent(Set.of("exit", "halt", "shutdown-hook", "stdout", "stderr", "stdin",
                "set-stdio", "property-read", "property-write", "env-read", "file-read", "file-write", "method-handle",
                "define-class", "thread-read")));
        // isolated: "like constrained, but the guest reads no input from the host"
        PRESET_INTENT.put("isolated", intent(Set.of("exit", "halt", "shutdown-hook", "stdout", "stderr", "set-stdio",
                "property-read", "property-write", "env-read", "file-read", "file-write", "method-handle", "define-class",
                "thread-read")));
        // untrusted: "may write to its console and end itself, nothing more. It reads no input,
        // cannot swap its standard streams, leaves no shutdown hook ... may not read or change system
        // properties, read its environment, read or write files (even on its own disk)"
        // untrusted: "... Its method handles go to the same traps as its calls."
        PRESET_INTENT.put("untrusted", intent(Set.of("exit", "halt", "stdout", "stderr", "method-handle")));
    }

    private static Map<String, Boolean> intent(Set<String> allowed) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String op : INTENT_OPERATIONS) {
            m.put(op, allowed.contains(op));
        }
        return m;
    }

    private static Policy parse(String text) throws PolicyException {
        return Policy.parse(text, "x.policy");
    }

    private static PolicyException parseError(String text) {
        return assertThrows(PolicyException.class, () -> parse(text));
    }

    // ------------------------------------------------------------------------------------------
    // presets

    @Nested
    class Presets {

        @Test
        void theIntentTableCoversExactlyTheCatalogAndThePresetList() {
            // If the catalog grows an operation, this table (and the presets' intent) must be
            // revisited: fail loudly instead of silently deciding new operations.
            assertEquals(Policy.PRESETS, List.copyOf(PRESET_INTENT.keySet()));
            for (Map.Entry<String, Map<String, Boolean>> e : PRESET_INTENT.entrySet()) {
                assertEquals(Set.copyOf(OPERATIONS), e.getValue().keySet(), "operations of " + e.getKey());
            }
            assertTrue(Policy.PRESETS.contains(Policy.DEFAULT_PRESET));
            assertEquals("constrained", Policy.DEFAULT_PRESET);
        }

        static Stream<Arguments> presetDecisions() {
            List<Arguments> rows = new ArrayList<>();
            for (String preset : Policy.PRESETS) {
                for (String op : OPERATIONS) {
                    rows.add(Arguments.of(preset, op));
                }
            }
            return rows.stream();
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("presetDecisions")
        void everyPresetDecidesEveryOperationAsDocumented(String preset, String op) {
            Policy policy = Policy.preset(preset);
            Decision d = policy.decide(op);
            boolean expected = PRESET_INTENT.get(preset).get(op);
            assertEquals(expected, d.allowed(), preset + " " + op + ": " + d.reason());
            assertEquals(op, d.operation());
            // Presets decide every operation of the catalog by an explicit rule, never by falling
            // through; the rule comes from the preset's own file.
            assertNotNull(d.rule(), preset + " " + op + " is decided by no rule");
            assertEquals("preset " + preset, d.rule().source());
            assertTrue(d.rule().matches(op));
            assertEquals(d.allowed(), d.rule().allow());
        }

        @ParameterizedTest
        @ValueSource(strings = {"trusted", "constrained", "isolated", "untrusted"})
        void presetLoadsWithItsNameAndRules(String preset) {
            Policy p = Policy.preset(preset);
            assertEquals("preset " + preset, p.name());
            assertFalse(p.rules().isEmpty());
            for (Rule r : p.rules()) {
                assertEquals("preset " + preset, r.source());
                assertTrue(r.line() > 0);
            }
            assertTrue(p.toString().contains(preset), p.toString());
        }

        @Test
        void presetRulesAreImmutable() {
            Policy p = Policy.preset("untrusted");
            assertThrows(UnsupportedOperationException.class, () -> p.rules().clear());
        }

        @Test
        void unknownPresetNameIsAnIllegalArgument() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policy.preset("paranoid"));
            assertTrue(e.getMessage().contains("'paranoid'"), e.getMessage());
            assertTrue(e.getMessage().contains("trusted, constrained, isolated, untrusted"), e.getMessage());
            assertThrows(NullPointerException.class, () -> Policy.preset(null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"trusted", "constrained", "isolated", "untrusted"})
        void fileStartingFromAPresetDecidesLikeThePreset(String preset) throws PolicyException {
            Policy fromFile = parse("preset " + preset + "\n");
            Policy direct = Policy.preset(preset);
            for (String op : OPERATIONS) {
                assertEquals(direct.decide(op), fromFile.decide(op), op);
            }
            assertEquals("x.policy (from preset " + preset + ")", fromFile.name());
        }

        @Test
        void ruleAfterPresetOverridesIt() throws PolicyException {
            Policy p = parse("preset trusted\ndeny exit\n");
            Decision exit = p.decide("exit");
            assertFalse(exit.allowed());
            assertEquals(new Rule(false, "exit", "x.policy", 2), exit.rule());
            Decision halt = p.decide("halt");
            assertTrue(halt.allowed());
            assertEquals("preset trusted", halt.rule().source());
        }
    }

    // ------------------------------------------------------------------------------------------
    // parsing

    @Nested
    class Parsing {

        @Test
        void commentsAndBlankLinesAreIgnored() throws PolicyException {
            Policy p = parse("# a policy\n\n   \n\t\nallow exit   # the guest may end itself\n  # deny exit\n#deny exit\n");
            assertEquals(List.of(new Rule(true, "exit", "x.policy", 5)), p.rules());
            assertTrue(p.decide("exit").allowed());
        }

        @Test
        void emptyTextDeniesEverything() throws PolicyException {
            Policy p = parse("");
            assertTrue(p.rules().isEmpty());
            assertEquals("x.policy", p.name());
            for (String op : OPERATIONS) {
                assertFalse(p.decide(op).allowed(), op);
                assertNull(p.decide(op).rule(), op);
            }
        }

        @Test
        void crlfLineEndingsAreAccepted() throws PolicyException {
            Policy p = parse("# windows\r\nallow exit\r\n\r\ndeny halt\r\n");
            assertEquals(List.of(new Rule(true, "exit", "x.policy", 2), new Rule(false, "halt", "x.policy", 4)), p.rules());
        }

        @Test
        void crlfErrorsStillNameTheRightLine() {
            PolicyException e = parseError("allow exit\r\nallow exitt\r\n");
            assertTrue(e.getMessage().startsWith("x.policy:2: unknown operation 'exitt'"), e.getMessage());
        }

        @Test
        void noTrailingNewlineIsFine() throws PolicyException {
            assertEquals(List.of(new Rule(true, "stdout", "x.policy", 1)), parse("allow stdout").rules());
        }

        @Test
        void tabsAndExtraSpacesSeparateWords() throws PolicyException {
            assertEquals(List.of(new Rule(false, "stdin", "x.policy", 1)), parse("  deny\t\t stdin  ").rules());
        }

        @Test
        void wildcardMatchesEveryOperation() throws PolicyException {
            Policy allowAll = parse("allow *\n");
            Policy denyAll = parse("deny *\n");
            for (String op : OPERATIONS) {
                assertTrue(allowAll.decide(op).allowed(), op);
                assertEquals(new Rule(true, "*", "x.policy", 1), allowAll.decide(op).rule());
                assertFalse(denyAll.decide(op).allowed(), op);
                assertEquals(new Rule(false, "*", "x.policy", 1), denyAll.decide(op).rule());
            }
        }

        @Test
        void lastMatchingRuleWins() throws PolicyException {
            Policy p = parse("allow exit\ndeny exit\nallow exit\ndeny *\nallow stdout\n");
            // deny * on line 4 overrides the earlier allows of exit
            Decision exit = p.decide("exit");
            assertFalse(exit.allowed());
            assertEquals(4, exit.rule().line());
            // allow stdout on line 5 overrides deny * on line 4
            Decision stdout = p.decide("stdout");
            assertTrue(stdout.allowed());
            assertEquals(new Rule(true, "stdout", "x.policy", 5), stdout.rule());

            Policy q = parse("deny *\nallow exit\ndeny exit\n");
            assertFalse(q.decide("exit").allowed());
            assertEquals(3, q.decide("exit").rule().line());
            Policy r = parse("deny exit\nallow exit\n");
            assertTrue(r.decide("exit").allowed());
            assertEquals(2, r.decide("exit").rule().line());
        }

        @Test
        void rulesKeepTheirOrder() throws PolicyException {
            Policy p = parse("allow exit\ndeny halt\nallow *\n");
            assertEquals(List.of(
                    new Rule(true, "exit", "x.policy", 1),
                    new Rule(false, "halt", "x.policy", 2),
                    new Rule(true, "*", "x.policy", 3)), p.rules());
        }

        @Test
        void noMatchingRuleDenies() throws PolicyException {
            Policy p = parse("allow exit\n");
            Decision d = p.decide("stdin");
            assertFalse(d.allowed());
            assertNull(d.rule());
            assertEquals("stdin", d.operation());
            assertTrue(d.reason().contains("no policy rule allows 'stdin'"), d.reason());
        }

        @Test
        void denialReasonNamesTheRuleTextAndWhereItWasWritten() throws PolicyException {
            Policy p = parse("# header\nallow *\ndeny exit\n");
            Decision d = p.decide("exit");
            assertFalse(d.allowed());
            assertTrue(d.reason().contains("'deny exit' (x.policy:3)"), d.reason());
            assertEquals("denied by policy rule 'deny exit' (x.policy:3)", d.reason());
            Decision a = p.decide("halt");
            assertEquals("allowed by policy rule 'allow *' (x.policy:2)", a.reason());
        }

        @Test
        void ruleDescribeNamesSourceAndLine() {
            Rule r = new Rule(false, "exit", "guest.policy", 7);
            assertEquals("deny exit", r.text());
            assertEquals("'deny exit' (guest.policy:7)", r.describe());
            assertEquals("'allow *' (preset trusted:3)", new Rule(true, "*", "preset trusted", 3).describe());
        }

        @Test
        void ruleMatching() {
            Rule exit = new Rule(true, "exit", "s", 1);
            assertTrue(exit.matches("exit"));
            assertFalse(exit.matches("halt"));
            assertFalse(exit.matches("*"));
            Rule any = new Rule(true, "*", "s", 1);
            for (String op : OPERATIONS) {
                assertTrue(any.matches(op), op);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // errors

    @Nested
    class Errors {

        @Test
        void envNeedsANameOrAStar() {
            assertEquals("x.policy:1: expected 'env NAME=VALUE', 'env NAME' or 'env *'", parseError("env\n").getMessage());
            assertEquals("x.policy:1: expected 'env NAME=VALUE', 'env NAME' or 'env *'", parseError("env =x\n").getMessage());
            assertEquals("x.policy:1: expected 'env NAME=VALUE', 'env NAME' or 'env *'", parseError("env A B\n").getMessage());
        }

        @Test
        void presetAfterARuleIsAnError() {
            PolicyException e = parseError("allow exit\npreset trusted\n");
            assertEquals("x.policy:2: 'preset' must come once, before every rule", e.getMessage());
        }

        @Test
        void twoPresetsAreAnError() {
            PolicyException e = parseError("preset trusted\npreset untrusted\n");
            assertEquals("x.policy:2: 'preset' must come once, before every rule", e.getMessage());
        }

        @Test
        void presetAfterACommentIsFine() throws PolicyException {
            Policy p = parse("# comment\n\npreset isolated\nallow stdin\n");
            assertTrue(p.decide("stdin").allowed());
        }

        @Test
        void unknownPreset() {
            PolicyException e = parseError("# first\npreset paranoid\n");
            assertTrue(e.getMessage().startsWith("x.policy:2: unknown preset 'paranoid'"), e.getMessage());
            assertTrue(e.getMessage().contains("trusted, constrained, isolated, untrusted"), e.getMessage());
        }

        @Test
        void presetWithoutOrWithTooManyNames() {
            assertEquals("x.policy:1: expected 'preset NAME'", parseError("preset\n").getMessage());
            assertEquals("x.policy:1: expected 'preset NAME'", parseError("preset trusted untrusted\n").getMessage());
        }

        @Test
        void unknownOperation() {
            PolicyException e = parseError("allow exit\n\ndeny exitt\n");
            assertTrue(e.getMessage().startsWith("x.policy:3: unknown operation 'exitt'"), e.getMessage());
            // the message lists what is known
            for (String op : OPERATIONS) {
                assertTrue(e.getMessage().contains(op), e.getMessage());
            }
        }

        @Test
        void operationsAreCaseSensitive() {
            PolicyException e = parseError("allow EXIT\n");
            assertTrue(e.getMessage().startsWith("x.policy:1: unknown operation 'EXIT'"), e.getMessage());
        }

        @Test
        void unknownStatement() {
            PolicyException e = parseError("allow exit\npermit exit\n");
            assertEquals("x.policy:2: unknown statement 'permit' (expected preset, allow, deny, ring, env, disk or mount)", e.getMessage());
        }

        @Test
        void ruleWithoutOperation() {
            assertEquals("x.policy:1: expected 'allow OPERATION'", parseError("allow\n").getMessage());
            assertEquals("x.policy:1: expected 'deny OPERATION'", parseError("deny   # nothing\n").getMessage());
        }

        @Test
        void argumentAfterAnOperationIsAnError() {
            PolicyException e = parseError("allow exit 3\n");
            assertEquals("x.policy:1: operation 'exit' takes no argument, found '3'", e.getMessage());
            PolicyException w = parseError("deny * now\n");
            assertEquals("x.policy:1: operation '*' takes no argument, found 'now'", w.getMessage());
        }

        @Test
        void allErrorsOfAFileAreReportedTogether() {
            String text = String.join("\n",
                    "preset paranoid",      // 1: unknown preset
                    "allow exit",           // 2: fine
                    "deny exitt",           // 3: unknown operation
                    "# comment",            // 4
                    "permit stdout",        // 5: unknown statement
                    "allow stdin now",      // 6: argument after operation
                    "preset trusted",       // 7: preset after a rule
                    "deny",                 // 8: missing operation
                    "");
            PolicyException e = parseError(text);
            List<String> lines = Arrays.asList(e.getMessage().split("\\R"));
            assertEquals(6, lines.size(), e.getMessage());
            assertTrue(lines.get(0).startsWith("x.policy:1: unknown preset 'paranoid'"), lines.get(0));
            assertTrue(lines.get(1).startsWith("x.policy:3: unknown operation 'exitt'"), lines.get(1));
            assertTrue(lines.get(2).startsWith("x.policy:5: unknown statement 'permit'"), lines.get(2));
            assertEquals("x.policy:6: operation 'stdin' takes no argument, found 'now'", lines.get(3));
            assertEquals("x.policy:7: 'preset' must come once, before every rule", lines.get(4));
            assertEquals("x.policy:8: expected 'deny OPERATION'", lines.get(5));
        }

        @Test
        void everyErrorLineCarriesTheSourcePrefix() {
            PolicyException e = assertThrows(PolicyException.class,
                    () -> Policy.parse("bogus\nallow nothing\n", "guest.policy"));
            for (String line : e.getMessage().split("\\R")) {
                assertTrue(line.matches("guest\\.policy:\\d+: .+"), line);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // describe()

    @Nested
    class Describe {

        @Test
        void describeListsEveryCatalogOperationOnceWithTheDecidingRule() throws PolicyException {
            Policy p = parse("allow *\ndeny exit\ndeny stdin\n");
            String text = p.describe();
            List<String> lines = Arrays.asList(text.split("\\R"));
            assertEquals("policy: x.policy", lines.get(0));
            assertEquals(List.of("  environment: empty", "  files: a disk of the guest's own"),
                    lines.subList(lines.size() - 2, lines.size()));
            List<String> body = lines.subList(1, lines.size() - 2);
            assertEquals(OPERATIONS.size(), body.size(), text);

            Map<String, String> byOp = new LinkedHashMap<>();
            for (String line : body) {
                String[] words = line.trim().split("\\s+", 3);
                assertEquals(3, words.length, line);
                assertTrue(byOp.put(words[1], line) == null, "listed twice: " + words[1] + "\n" + text);
                Decision d = p.decide(words[1]);
                assertEquals(d.allowed() ? "allow" : "deny", words[0], line);
                assertEquals("by " + d.rule().describe(), words[2], line);
            }
            assertEquals(OPERATIONS, List.copyOf(byOp.keySet()), "catalog order, each once");
            assertTrue(byOp.get("exit").contains("by 'deny exit' (x.policy:2)"), byOp.get("exit"));
            assertTrue(byOp.get("stdin").contains("by 'deny stdin' (x.policy:3)"), byOp.get("stdin"));
            assertTrue(byOp.get("halt").contains("by 'allow *' (x.policy:1)"), byOp.get("halt"));
        }

        @Test
        void diskAndMountStatementsAreKeptAndDescribed() throws PolicyException {
            Policy p = parse("preset constrained\nmount /srv/data /data\nmount /srv/out /out read-write\n");
            assertFalse(p.hostFiles());
            assertEquals(List.of(new io.jvisor.sandbox.device.disk.VirtualDisk.Mount("/data", java.nio.file.Path.of("/srv/data"), false),
                    new io.jvisor.sandbox.device.disk.VirtualDisk.Mount("/out", java.nio.file.Path.of("/srv/out"), true)), p.mounts());
            assertTrue(p.describe().contains("  mount: /srv/out at /out read-write"), p.describe());
            assertTrue(parse("preset constrained\ndisk host\n").hostFiles());
            assertTrue(Policy.preset("trusted").hostFiles());
            assertTrue(parse("preset trusted\n").hostFiles(), "a file from a preset takes its disk");
            assertFalse(parse("preset trusted\ndisk virtual\n").hostFiles());
        }

        @Test
        void badDiskAndMountStatementsAreErrors() {
            assertEquals("x.policy:1: expected 'disk virtual' (a disk of the guest's own) or 'disk host' (the host's files)",
                    parseError("disk mine\n").getMessage());
            assertEquals("x.policy:1: expected 'mount HOST_PATH GUEST_PATH [read-only|read-write]'",
                    parseError("mount /srv/data /data rw\n").getMessage());
            assertEquals("x.policy:1: the guest path of a mount must be absolute, found 'data'",
                    parseError("mount /srv/data data\n").getMessage());
        }

        @Test
        void aPathRuleDecidesThePathAndEverythingBelowIt() throws PolicyException {
            Policy p = parse("allow *\ndeny file-write /etc\nallow file-write /etc/app/\n");
            assertFalse(p.decide("file-write", "/etc").allowed());
            assertFalse(p.decide("file-write", "/etc/passwd").allowed());
            assertTrue(p.decide("file-write", "/etc/app/x.conf").allowed());
            assertTrue(p.decide("file-write", "/etcetera").allowed(), "a sibling that shares a prefix is not below");
            assertTrue(p.decide("file-read", "/etc/passwd").allowed());
            assertFalse(p.allowsEverywhere("file-write"));
            assertTrue(p.allowsEverywhere("file-read"));
        }

        @Test
        void describeSaysWhenNoRuleMatches() throws PolicyException {
            String text = parse("allow exit\n").describe();
            List<String> body = Arrays.asList(text.split("\\R")).subList(1, OPERATIONS.size() + 1);
            for (String line : body) {
                if (line.trim().split("\\s+")[1].equals("exit")) {
                    assertTrue(line.trim().startsWith("allow"), line);
                } else {
                    assertTrue(line.trim().startsWith("deny"), line);
                    assertTrue(line.endsWith("(no rule matches)"), line);
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"trusted", "constrained", "isolated", "untrusted"})
        void presetDescribeAgreesWithIntent(String preset) {
            String text = Policy.preset(preset).describe();
            List<String> body = Arrays.asList(text.split("\\R")).subList(1, OPERATIONS.size() + 1);
            Map<String, Boolean> described = body.stream()
                    .map(l -> l.trim().split("\\s+"))
                    .collect(Collectors.toMap(w -> w[1], w -> w[0].equals("allow"), (a, b) -> a, LinkedHashMap::new));
            assertEquals(PRESET_INTENT.get(preset), described, text);
            assertTrue(text.startsWith("policy: preset " + preset), text);
            assertFalse(text.contains("(no rule matches)"), text);
        }
    }

    // ------------------------------------------------------------------------------------------
    // rings

    @Nested
    class Rings {

        private static final String PLUGIN_HOST = "preset constrained\n"
                + "deny file-write\n"
                + "ring 1 package com.example.host\n"
                + "ring 2 jar lib/tools.jar\n"
                + "ring 1 allow file-write /data\n"
                + "ring 2 allow connect *:443\n"
                + "ring 2 deny exit\n";

        @Test
        void ringStatementsAssignPackagesAndClassPathEntries() throws PolicyException {
            Policy p = parse(PLUGIN_HOST);
            assertEquals(List.of(new RingAssignment(1, false, "com.example.host", "x.policy", 3),
                    new RingAssignment(2, true, "lib/tools.jar", "x.policy", 4)), p.ringAssignments());
            assertEquals(1, p.ring("com.example.host.Main", "/app/host.jar"));
            assertEquals(1, p.ring("com.example.host.spi.Plugin", "/app/host.jar"), "a package below");
            assertEquals(Policy.GUEST_RING, p.ring("com.example.hostile.Main", "/app/host.jar"), "a package sharing a prefix");
            assertEquals(Policy.GUEST_RING, p.ring("com.example.Other", "/app/host.jar"));
            assertEquals(2, p.ring("org.tools.Util", "/app/lib/tools.jar"));
            assertEquals(Policy.GUEST_RING, p.ring("org.tools.Util", "/app/lib/mytools.jar"), "a file name sharing a suffix");
            assertEquals(Policy.GUEST_RING, p.ring("org.tools.Util", ""));
            assertTrue(p.hasRings());
            assertFalse(Policy.preset("constrained").hasRings());
        }

        @Test
        void aJarStatementMatchesTheEntrysFileNameOrTheEndOfItsPath() throws PolicyException {
            Policy p = parse("ring 1 jar host.jar\nring 2 jar /opt/app/classes/\n");
            assertEquals(1, p.ring("a.B", "/srv/app/host.jar"));
            assertEquals(1, p.ring("a.B", "host.jar"));
            assertEquals(2, p.ring("a.B", "/opt/app/classes"));
            assertEquals(Policy.GUEST_RING, p.ring("a.B", "/srv/app/ghost.jar"));
        }

        @Test
        void theLastRingStatementThatNamesAClassDecides() throws PolicyException {
            Policy p = parse("ring 1 package com.example\nring 2 package com.example.plugins\n");
            assertEquals(1, p.ring("com.example.Main", ""));
            assertEquals(2, p.ring("com.example.plugins.P", ""));
        }

        @Test
        void aRingsAllowGrantsItAndTheRingsBelowItsDenyTakesFromItAndTheRingsAbove() throws PolicyException {
            Policy p = parse(PLUGIN_HOST);
            assertTrue(p.decide("file-write", "/data/x", 1).allowed());
            assertFalse(p.decide("file-write", "/data/x", 2).allowed());
            assertFalse(p.decide("file-write", "/data/x", 3).allowed());
            assertFalse(p.decide("file-write", "/etc/x", 1).allowed(), "only below /data");
            assertTrue(p.decide("connect", "example.com/1.2.3.4:443", 1).allowed());
            assertTrue(p.decide("connect", "example.com/1.2.3.4:443", 2).allowed());
            assertFalse(p.decide("connect", "example.com/1.2.3.4:443", 3).allowed());
            assertTrue(p.decide("exit", null, 1).allowed());
            assertFalse(p.decide("exit", null, 2).allowed());
            assertFalse(p.decide("exit", null, 3).allowed());
            assertEquals("'ring 1 allow file-write /data' (x.policy:5)", p.decide("file-write", "/data/x", 1).rule().describe());
            assertEquals(p.decide("file-write", "/data/x", 3), p.decide("file-write", "/data/x"), "no ring: the guest ring");
        }

        @Test
        void aLowerRingMayDoEverythingAHigherRingMayWhateverTheRules() throws PolicyException {
            String[] rules = {"allow exit", "deny exit", "ring 1 allow exit", "ring 1 deny exit", "ring 2 allow exit",
                "ring 2 deny exit", "ring 3 allow exit", "ring 3 deny exit"};
            for (String a : rules) {
                for (String b : rules) {
                    for (String c : rules) {
                        Policy p = parse(a + "\n" + b + "\n" + c + "\n");
                        for (int ring = 1; ring < Policy.GUEST_RING; ring++) {
                            assertTrue(!p.decide("exit", null, ring + 1).allowed() || p.decide("exit", null, ring).allowed(),
                                    () -> String.join(" / ", a, b, c));
                        }
                    }
                }
            }
        }

        @Test
        void dependsOnRingOnlyWhereRingOneAndTheGuestRingDiffer() throws PolicyException {
            Policy p = parse(PLUGIN_HOST);
            assertTrue(p.dependsOnRing("file-write", "/data/x"));
            assertFalse(p.dependsOnRing("file-write", "/etc/x"));
            assertTrue(p.dependsOnRing("exit", null));
            assertFalse(p.dependsOnRing("stdout", null));
            assertFalse(Policy.preset("trusted").dependsOnRing("exit", null));
        }

        @Test
        void aRingRuleReadsAsWritten() throws PolicyException {
            Policy p = parse("ring 2 deny process git\n");
            assertEquals(List.of(new Rule(false, "process", "git", 2, "x.policy", 1)), p.rules());
            assertEquals("ring 2 deny process git", p.rules().get(0).text());
        }

        @Test
        void describeShowsWhereALowerRingIsDecidedOtherwiseAndTheAssignments() throws PolicyException {
            String text = parse(PLUGIN_HOST).describe();
            assertTrue(text.contains("  deny   exit           by 'ring 2 deny exit' (x.policy:7)"), text);
            assertTrue(text.contains("  allow  exit           in ring 1 and below: by 'allow *' (preset constrained:"), text);
            assertTrue(text.contains("  ring 1: package com.example.host by 'ring 1 package com.example.host' (x.policy:3)"), text);
            assertTrue(text.contains("  ring 2: class path entry lib/tools.jar by 'ring 2 jar lib/tools.jar' (x.policy:4)"), text);
            assertTrue(text.contains("  ring 3: every other class of the guest"), text);
            assertFalse(Policy.preset("constrained").describe().contains("ring"), "no ring lines without rings");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ring", "ring 1", "ring one package a.b", "ring 1 class a.B", "ring 1 package",
            "ring 1 package a..b", "ring 1 package a.b c", "ring 1 jar", "ring 1 allow", "ring 1 allow exitt",
            "ring 1 allow exit now"})
        void badRingStatementsAreErrorsNamingTheLine(String statement) {
            String message = parseError("allow exit\n" + statement + "\n").getMessage();
            assertTrue(message.startsWith("x.policy:2: "), message);
            assertFalse(message.contains("\n"), message);
        }

        @Test
        void ringZeroIsTheJdksAndNoGuestCodeIsAboveThree() {
            assertEquals("x.policy:1: ring 0 is the JDK's and jvisor's own; a guest's code takes rings 1 to 3",
                    parseError("ring 0 package a.b\n").getMessage());
            assertEquals("x.policy:1: there is no ring 4; a guest's code takes rings 1 to 3",
                    parseError("ring 4 allow exit\n").getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------
    // load()

    @Nested
    class Load {

        @TempDir
        Path dir;

        @Test
        void loadsAFileAndNamesRulesByFileName() throws Exception {
            Path file = dir.resolve("guest.policy");
            Files.writeString(file, "preset untrusted\n# let it read\nallow stdin\ndeny exit\n");
            Policy p = Policy.load(file);
            assertEquals("guest.policy (from preset untrusted)", p.name());
            assertTrue(p.decide("stdin").allowed());
            assertEquals("denied by policy rule 'deny exit' (guest.policy:4)", p.decide("exit").reason());
            assertFalse(p.decide("set-stdio").allowed());
        }

        @Test
        void loadErrorsNameTheFile() throws IOException {
            Path file = dir.resolve("bad.policy");
            Files.writeString(file, "allow exit\nallow exitt\n");
            PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(file));
            assertTrue(e.getMessage().startsWith("bad.policy:2: unknown operation 'exitt'"), e.getMessage());
        }

        @Test
        void loadsUtf8WithNonAsciiComments() throws Exception {
            Path file = dir.resolve("u.policy");
            Files.write(file, "# Größe — 制限\r\nallow stdout # ünïcödé\r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(new Rule(true, "stdout", "u.policy", 2)), Policy.load(file).rules());
        }

        @Test
        void missingFile() {
            Path file = dir.resolve("missing.policy");
            PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(file));
            assertEquals("policy file " + file + " does not exist", e.getMessage());
        }

        @Test
        void nonUtf8File() throws IOException {
            Path file = dir.resolve("latin.policy");
            Files.write(file, new byte[] {'a', 'l', 'l', 'o', 'w', ' ', 'e', 'x', 'i', 't', '\n', '#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(file));
            assertEquals("policy file " + file + " is not UTF-8 text", e.getMessage());
        }

        @Test
        void directory() throws IOException {
            Path sub = Files.createDirectory(dir.resolve("a-directory.policy"));
            PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(sub));
            assertTrue(e.getMessage().startsWith("cannot read policy file " + sub), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("directory"), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), "no exception class names in a user message: " + e.getMessage());
        }

        @Test
        void directoryMessageIsNotCluttered() throws IOException {
            Path sub = Files.createDirectory(dir.resolve("d"));
            PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(sub));
            // one clear sentence, on one line
            assertEquals(1, e.getMessage().split("\\R").length, e.getMessage());
            assertSame(PolicyException.class, e.getClass());
        }
    }
}
