package io.jvisor.agent.transform;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.testing.ClassFiles;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuestTransformerTest {

    private static final String EXITS = "example/guest/Exits";
    private static final String BROKEN = "example/guest/Broken";

    private final Rewriter rewriter = new Rewriter(Catalog.standard());
    private final ClassLoader guestLoader = new DefiningLoader();
    private final ClassLoader hostLoader = new DefiningLoader();
    /** How the guest loader's classes are treated. */
    private GuestTransformer.Treatment treatment = GuestTransformer.Treatment.TRAP;
    /** Thrown by the territory when it is asked, if not {@code null}. */
    private Error territoryError;
    /** Thrown by the territory when it hears of a refusal, if not {@code null}. */
    private RuntimeException refusalError;
    private final List<String> asked = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final ProtectionDomain domain = GuestTransformerTest.class.getProtectionDomain();

    /** Guest classes are those of the guest loader outside {@code example/guest/host/}. */
    private final GuestTransformer.Territory territory = new GuestTransformer.Territory() {
        @Override
        public GuestTransformer.Treatment treatment(ClassLoader loader, String internalName, ProtectionDomain pd) {
            if (loader == null) {
                throw new AssertionError("the transformer asked about the bootstrap loader");
            }
            asked.add(internalName + (loader == guestLoader ? " in guest" : " in host")
                    + (pd == domain ? "" : " with another domain"));
            if (territoryError != null) {
                throw territoryError;
            }
            if (loader != guestLoader || internalName != null && internalName.startsWith("example/guest/host/")) {
                return GuestTransformer.Treatment.NONE;
            }
            return treatment;
        }

        @Override
        public void refused(ClassLoader loader, String binaryName, String reason) {
            assertSame(guestLoader, loader, "the refusal names the guest's loader");
            refusals.add(binaryName + ": " + reason);
            if (refusalError != null) {
                throw refusalError;
            }
        }
    };
    private final GuestTransformer transformer = new GuestTransformer(rewriter, territory);

    private static byte[] read(String internalName) {
        return ClassFiles.read(internalName.replace('/', '.'));
    }

    private byte[] transform(ClassLoader loader, String internalName, byte[] classFile) {
        return transformer.transform(loader, internalName, null, domain, classFile);
    }

    @Test
    void rewritesTheClassesOfAGuestLoader() {
        byte[] original = read(EXITS);
        byte[] transformed = transform(guestLoader, EXITS, original);
        assertNotNull(transformed);
        assertArrayEquals(rewriter.rewrite(original), transformed);
        ClassFiles.assertNoCriticalUse(transformed, rewriter.catalog());
        ClassFiles.assertVerifies(transformed);
        assertEquals(List.of(EXITS + " in guest"), asked, "the territory decides, given loader, name and domain");
        assertTrue(refusals.isEmpty());
    }

    @Test
    void givesThePreemptibleGuestsClassesSafepoints() {
        treatment = GuestTransformer.Treatment.TRAP_AND_PREEMPT;
        byte[] original = read(EXITS);
        assertArrayEquals(rewriter.withSafepoints().rewrite(original), transform(guestLoader, EXITS, original));
        assertEquals(1, ClassFiles.trapBindings(rewriter.withSafepoints().rewrite(original), "bindSafepoint"),
                "one poll bound to the guest's safepoint, in the class's accessor");
    }

    @Test
    void guestsDefiningTheSameClassFileShareItsRewrite() {
        treatment = GuestTransformer.Treatment.TRAP_AND_PREEMPT;
        byte[] first = transform(guestLoader, EXITS, read(EXITS));
        byte[] second = transform(guestLoader, EXITS, read(EXITS));
        assertSame(first, second, "the same bytes, read again, get the rewrite made for the first");

        GuestTransformer unshared = new GuestTransformer(rewriter, territory, 0);
        byte[] again = unshared.transform(guestLoader, EXITS, null, domain, read(EXITS));
        assertNotSame(first, again);
        assertArrayEquals(first, again);
    }

    @Test
    void aParavirtualGuestIsRefusedAClassThatAnotherGuestsRewriteTrapped() {
        treatment = GuestTransformer.Treatment.TRAP_AND_PREEMPT;
        assertNotNull(transform(guestLoader, EXITS, read(EXITS)));
        treatment = GuestTransformer.Treatment.VERIFY;
        transform(guestLoader, EXITS, read(EXITS));
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("example.guest.Exits: it uses System.exit(int) in "), refusals.get(0));
    }

    @Test
    void verifiesAParavirtualGuestsClassesAndGivesThemSafepointsNotTraps() {
        treatment = GuestTransformer.Treatment.VERIFY;
        byte[] plain = read("example/guest/Plain");
        byte[] verified = transform(guestLoader, "example/guest/Plain", plain);
        assertArrayEquals(rewriter.withSafepoints().rewrite(plain), verified,
                "a class that traps nothing gets the polls by which the hypervisor stops a hosted guest's code");
        ClassFiles.assertVerifies(verified);
        assertTrue(refusals.isEmpty());
        byte[] stub = transform(guestLoader, EXITS, read(EXITS));
        assertNotNull(stub, "a class that calls System.exit itself is refused");
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("example.guest.Exits: it uses System.exit(int) in "), refusals.get(0));
        assertTrue(refusals.get(0).endsWith("a paravirtual guest calls jvisor's hypercalls (io.jvisor.api.Hypercalls) instead; "
                + "compile it with jvisor's annotation processor, or run it fully virtualised"), refusals.get(0));
    }

    /** {@code defineClass(null, ...)}: the JVM reads the name from the bytes, and tells a transformer none. */
    @Test
    void rewritesAClassDefinedWithoutAName() {
        byte[] original = read(EXITS);
        byte[] transformed = transform(guestLoader, null, original);
        assertArrayEquals(rewriter.rewrite(original), transformed, "rewritten as the class its bytes name");
        assertEquals(List.of(EXITS + " in guest"), asked, "the territory is asked about the class its bytes name");
        assertTrue(refusals.isEmpty());
    }

    @Test
    void refusesAnUnreadableClassDefinedWithoutAName() {
        byte[] stub = transform(guestLoader, null, "garbage, not a class".getBytes());

        assertNotNull(stub, "bytes the rewriter cannot read must not load as they are");
        assertEquals(List.of("(a class defined without a name): not a class file (bad magic number or truncated)"), refusals);
        Class<?> refused = ((DefiningLoader) guestLoader).define(null, stub);
        NoClassDefFoundError thrown = assertThrows(NoClassDefFoundError.class,
                () -> Class.forName(refused.getName(), true, guestLoader));
        assertTrue(thrown.getMessage().startsWith("jvisor refused to load a guest class defined without a name: not a class file"),
                thrown.getMessage());
    }

    @Test
    void leavesAnUnreadableClassOfAnotherLoaderToTheJvm() {
        byte[] garbage = "garbage, not a class".getBytes();
        assertNull(transform(hostLoader, null, garbage), "the JVM refuses it as it would without jvisor");
        assertEquals(List.of("null in host"), asked);
    }

    @Test
    void leavesTheBootstrapLoadersClassesAlone() {
        assertNull(transform(null, EXITS, read(EXITS)));
        assertTrue(asked.isEmpty());
    }

    @Test
    void leavesClassesOutsideTheTerritoryAlone() {
        byte[] needsRewrite = read(EXITS);
        assertNull(transform(guestLoader, "example/guest/host/Exits", needsRewrite));
        assertEquals(List.of("example/guest/host/Exits in guest"), asked);
    }

    @Test
    void leavesTheClassesOfOtherLoadersAlone() {
        assertNull(transform(hostLoader, EXITS, read(EXITS)));
        assertEquals(List.of(EXITS + " in host"), asked);
    }

    @Test
    void returnsNullForAGuestClassThatNeedsNoRewrite() {
        assertNull(transform(guestLoader, "example/guest/Plain", read("example/guest/Plain")));
        assertTrue(refusals.isEmpty());
    }

    @Test
    void leavesRedefinitionsAlone() {
        assertNull(transformer.transform(guestLoader, EXITS, Object.class, domain, read(EXITS)));
    }

    @Test
    void refusesACorruptClassWithAStubThatCannotBeInitialised() {
        byte[] stub = transform(guestLoader, BROKEN, "garbage, not a class".getBytes());

        assertRefused(stub, "not a class file");
    }

    @Test
    void refusesAClassNewerThanTheRewriterReads() {
        byte[] newer = read(EXITS);
        newer[7] = (byte) (Rewriter.NEWEST_MAJOR_VERSION + 1);

        byte[] stub = transform(guestLoader, BROKEN, newer);

        assertRefused(stub, "is newer than this jvisor reads");
    }

    /** Fails closed also when the rewriter fails with something other than a RewriteException. */
    @Test
    void refusesAClassCutRightAfterItsConstantPool() {
        byte[] whole = read(EXITS);
        byte[] cut = Arrays.copyOf(whole, new ClassReader(whole).header + 2);

        byte[] stub = transform(guestLoader, BROKEN, cut);

        assertNotNull(stub, "a damaged class must never load as it is");
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("example.guest.Broken: "), refusals.get(0));
        Class<?> refused = ((DefiningLoader) guestLoader).define("example.guest.Broken", stub);
        assertThrows(NoClassDefFoundError.class, () -> Class.forName(refused.getName(), true, guestLoader));
    }

    /** An error, not only an exception, thrown on from the transformer would have the JVM load the original. */
    @Test
    void refusesAClassWhenDecidingItsTreatmentEndsInAnError() {
        territoryError = new StackOverflowError("deep");

        byte[] stub = transform(guestLoader, BROKEN, read(EXITS));

        assertRefused(stub, "cannot rewrite: java.lang.StackOverflowError: deep");
    }

    @Test
    void refusesTheClassEvenIfTheRefusalCannotBeReported() {
        refusalError = new IllegalStateException("no log");

        byte[] stub = transform(guestLoader, BROKEN, "garbage, not a class".getBytes());

        assertRefused(stub, "not a class file");
    }

    /** Where not even the refusal's stub can be made, the class gets one of another name, whose definition fails. */
    @Test
    void refusesTheClassEvenIfItsRefusalFails() {
        territoryError = new Error() {
            @Override
            public String toString() {
                throw new StackOverflowError("no stack left to describe it");
            }
        };

        byte[] stub = transform(guestLoader, BROKEN, read(EXITS));

        assertNotNull(stub, "a class that could not be refused properly must still not load as it is");
        NoClassDefFoundError wrongName = assertThrows(NoClassDefFoundError.class,
                () -> ((DefiningLoader) guestLoader).define("example.guest.Broken", stub));
        assertTrue(wrongName.getMessage().contains("wrong name"), wrongName.getMessage());
    }

    private void assertRefused(byte[] stub, String reason) {
        assertNotNull(stub, "a refused class is replaced, not left to load as it is");
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).startsWith("example.guest.Broken: "), refusals.get(0));
        assertTrue(refusals.get(0).contains(reason), refusals.get(0));
        ClassFiles.assertVerifies(stub);

        Class<?> refused = ((DefiningLoader) guestLoader).define("example.guest.Broken", stub);
        NoClassDefFoundError first = assertThrows(NoClassDefFoundError.class,
                () -> Class.forName("example.guest.Broken", true, guestLoader));
        assertTrue(first.getMessage().startsWith("jvisor refused to load guest class example.guest.Broken: "),
                first.getMessage());
        assertTrue(first.getMessage().contains(reason), first.getMessage());

        NoClassDefFoundError again = assertThrows(NoClassDefFoundError.class,
                () -> Class.forName("example.guest.Broken", true, guestLoader));
        assertTrue(again.getMessage().contains("example.guest.Broken"), again.getMessage());
        assertEquals(0, refused.getDeclaredMethods().length, "the stub has no usable member");
    }

    /** A loader that defines what it is given and delegates everything else. */
    private static final class DefiningLoader extends ClassLoader {

        DefiningLoader() {
            super(GuestTransformerTest.class.getClassLoader());
        }

        Class<?> define(String name, byte[] classFile) {
            return defineClass(name, classFile, 0, classFile.length);
        }
    }
}
