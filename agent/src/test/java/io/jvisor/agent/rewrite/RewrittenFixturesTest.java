package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.testing.ClassFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Static checks of the rewritten fixture classes: each verifies, uses no catalog member any more,
 * and enters its guarded handlers through the trap.
 */
class RewrittenFixturesTest {

    private static final Catalog CATALOG = Catalog.standard();
    private final Rewriter rewriter = new Rewriter(CATALOG);

    static List<String> fixtures() {
        return ClassFiles.fixtureClassNames();
    }

    /** Fixtures that use no catalog member and catch neither Throwable nor Error. */
    private static final List<String> HARMLESS = List.of("example.guest.Plain", "example.guest.Service$1",
            "example.guest.Spinner$Looping", "example.guest.Spinner$Loops");

    static List<String> guestsUsingCriticalInstructions() {
        return fixtures().stream().filter(name -> !HARMLESS.contains(name)).toList();
    }

    @Test
    void theFixturesIncludeTheNestedAndAnonymousClasses() {
        assertTrue(fixtures().contains("example.guest.Exits$1"), () -> "fixtures found: " + fixtures());
        assertTrue(fixtures().size() >= 5, () -> "fixtures found: " + fixtures());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rewrittenClassPassesAsmsVerifier(String name) {
        ClassFiles.assertVerifies(rewriter.rewrite(ClassFiles.read(name)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rewrittenWithSafepointsClassPassesAsmsVerifierAndKeepsItsGuards(String name) {
        byte[] rewritten = rewriter.withSafepoints().rewrite(ClassFiles.read(name));
        ClassFiles.assertVerifies(rewritten);
        ClassFiles.assertNoCriticalUse(rewritten, CATALOG);
        ClassFiles.assertGuardedHandlers(rewritten);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rewrittenClassUsesNoCatalogMember(String name) {
        ClassFiles.assertNoCriticalUse(rewriter.rewrite(ClassFiles.read(name)), CATALOG);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyCatchOfThrowableOrErrorIsEnteredThroughTheTrap(String name) {
        ClassFiles.assertGuardedHandlers(rewriter.rewrite(ClassFiles.read(name)));
    }

    @ParameterizedTest
    @MethodSource("guestsUsingCriticalInstructions")
    void guestsUsingCriticalInstructionsAreRewritten(String name) {
        byte[] original = ClassFiles.read(name);
        byte[] copy = original.clone();
        assertTrue(rewriter.needsRewrite(original));
        byte[] rewritten = rewriter.rewrite(original);
        assertNotSame(original, rewritten);
        assertArrayEquals(copy, original, "the input array is not modified");
        assertEquals(ClassFiles.majorVersion(original), ClassFiles.majorVersion(rewritten));
        assertEquals(ClassFiles.node(original).name, ClassFiles.node(rewritten).name);
    }

    @Test
    void methodHandleConstantsArePointedAtSyntheticBridgesInTheGuestClass() {
        byte[] rewritten = rewriter.rewrite(ClassFiles.read("example.guest.MethodRefs"));
        List<String> bridges = ClassFiles.node(rewritten).methods.stream()
                .filter(m -> m.name.startsWith("jvisor$trap$"))
                .map(m -> m.name + m.desc + " access=" + m.access)
                .sorted()
                .toList();
        int access = org.objectweb.asm.Opcodes.ACC_PRIVATE | org.objectweb.asm.Opcodes.ACC_STATIC
                | org.objectweb.asm.Opcodes.ACC_SYNTHETIC;
        assertEquals(List.of(
                "jvisor$trap$console()Ljava/io/Console; access=" + access,
                "jvisor$trap$runtimeExit(Ljava/lang/Runtime;I)V access=" + access,
                "jvisor$trap$runtimeHalt(Ljava/lang/Runtime;I)V access=" + access,
                "jvisor$trap$setOut(Ljava/io/PrintStream;)V access=" + access,
                "jvisor$trap$systemExit(I)V access=" + access), bridges);
    }
}
