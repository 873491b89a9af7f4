package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.testing.ClassFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the rewriter does with input it must not or need not rewrite. */
class RewriterInputTest {

    private static final String EXITS = "example.guest.Exits";

    private final Rewriter rewriter = new Rewriter(Catalog.standard());

    private static byte[] withMajorVersion(byte[] classFile, int major) {
        byte[] patched = classFile.clone();
        patched[6] = (byte) (major >> 8);
        patched[7] = (byte) major;
        return patched;
    }

    @Test
    void aClassNewerThanTheRewriterReadsIsRefusedWithWhatToDo() {
        byte[] newer = withMajorVersion(ClassFiles.read(EXITS), Rewriter.NEWEST_MAJOR_VERSION + 1);

        RewriteException e = assertThrows(RewriteException.class, () -> rewriter.rewrite(newer));

        assertEquals("class file version 70 (Java 26) is newer than this jvisor reads (up to 69, Java 25); "
                + "compile the guest for an older Java release or use a newer jvisor", e.getMessage());
        assertThrows(RewriteException.class, () -> rewriter.needsRewrite(newer));
    }

    @Test
    void aGuestClassThatCallsJvisorsEntryPointsItselfIsRefused() {
        RewriteException e = assertThrows(RewriteException.class,
                () -> rewriter.rewrite(ClassFiles.read("example.forbidden.CallsTraps")));

        assertEquals("example.forbidden.CallsTraps refers to io.jvisor.hooks.Traps, an entry point of jvisor that guest code "
                + "may not call", e.getMessage());
    }

    /**
     * jvisor's own classes (its hypervisor, devices, carried libraries) are as closed to guest code
     * as its entry points, whatever loader would link them (a guest's loader that asks the JVM's
     * application loader, where jvisor lies): only its API is not. Nor may a hosted guest's class
     * lie in jvisor's packages. An application that embeds jvisor (rewritten without safepoints) may
     * name it.
     */
    @Test
    void aGuestClassThatNamesJvisorsOwnClassesIsRefusedButItsApiIsNot() {
        java.util.function.BiFunction<String, String, byte[]> naming = (name, type) -> {
            org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
            writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
            org.objectweb.asm.MethodVisitor mv = writer.visitMethod(org.objectweb.asm.Opcodes.ACC_PUBLIC
                    | org.objectweb.asm.Opcodes.ACC_STATIC, "run", "()Ljava/lang/Object;", null, null);
            mv.visitCode();
            mv.visitLdcInsn(org.objectweb.asm.Type.getObjectType(type));
            mv.visitInsn(org.objectweb.asm.Opcodes.ARETURN);
            mv.visitMaxs(1, 0);
            mv.visitEnd();
            writer.visitEnd();
            return writer.toByteArray();
        };

        RewriteException e = assertThrows(RewriteException.class,
                () -> rewriter.withSafepoints().rewrite(naming.apply("example/Mine", "io/jvisor/sandbox/device/disk/VirtualDisk")));
        RewriteException inPackage = assertThrows(RewriteException.class,
                () -> rewriter.withSafepoints().rewrite(naming.apply("io/jvisor/sandbox/Mine", "java/lang/Object")));

        assertEquals("example.Mine refers to io.jvisor.sandbox.device.disk.VirtualDisk, a class of jvisor's that guest code may "
                + "not call", e.getMessage());
        assertEquals("io.jvisor.sandbox.Mine is in a package of jvisor's, where guest code may not define classes",
                inPackage.getMessage());
        assertDoesNotThrow(() -> rewriter.withSafepoints().rewrite(naming.apply("example/Mine", "io/jvisor/api/Hypercalls")));
        assertDoesNotThrow(() -> rewriter.rewrite(naming.apply("example/Embeds", "io/jvisor/sandbox/Hypervisor")),
                "an application's class that embeds jvisor");
    }

    /** The whole constant pool is read: an earlier critical entry does not end the prescan. */
    @Test
    void aClassThatNamesJvisorsEntryPointsAfterACriticalCallIsRefusedToo() {
        org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "example/Sneaky", null, "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor mv = writer.visitMethod(org.objectweb.asm.Opcodes.ACC_PUBLIC | org.objectweb.asm.Opcodes.ACC_STATIC,
                "run", "()Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0);
        mv.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        mv.visitLdcInsn(org.objectweb.asm.Type.getObjectType("io/jvisor/hooks/Traps"));
        mv.visitInsn(org.objectweb.asm.Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        byte[] sneaky = writer.toByteArray();

        RewriteException e = assertThrows(RewriteException.class, () -> rewriter.rewrite(sneaky));

        assertEquals("example.Sneaky refers to io.jvisor.hooks.Traps, an entry point of jvisor that guest code may not call",
                e.getMessage());
        assertThrows(RewriteException.class, () -> rewriter.needsRewrite(sneaky));
    }

    @Test
    void theNewestVersionIsJava25() {
        assertEquals(69, Rewriter.NEWEST_MAJOR_VERSION);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "not a class", "\u00ca\u00fe\u00ba\u00be"})
    void bytesThatAreNoClassFileAreRefused(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        RewriteException e = assertThrows(RewriteException.class, () -> rewriter.rewrite(bytes));
        assertTrue(e.getMessage().startsWith("not a class file"), e.getMessage());
        assertEquals("<unknown>", e.className());
    }

    @Test
    void aBadMagicNumberIsRefused() {
        byte[] bytes = ClassFiles.read(EXITS);
        bytes[0] = 0;
        RewriteException e = assertThrows(RewriteException.class, () -> rewriter.rewrite(bytes));
        assertTrue(e.getMessage().startsWith("not a class file"), e.getMessage());
    }

    @Test
    void aCorruptConstantPoolIsRefused() {
        byte[] bytes = ClassFiles.read(EXITS);
        bytes[10] = 99; // the tag of the first constant: no such tag
        RewriteException e = assertThrows(RewriteException.class, () -> rewriter.rewrite(bytes));
        assertTrue(e.getMessage().startsWith("corrupt class file"), e.getMessage());
        assertTrue(e.getCause() != null, "the cause is kept");
    }

    @Test
    void aClassFileTruncatedInItsConstantPoolIsCorrupt() {
        byte[] truncated = Arrays.copyOf(ClassFiles.read(EXITS), 40);
        RewriteException e = assertThrows(RewriteException.class, () -> rewriter.rewrite(truncated));
        assertTrue(e.getMessage().startsWith("corrupt class file"), e.getMessage());
    }

    /** The classes the truncation tests cut: one with a BootstrapMethods attribute, one without. */
    static List<String> truncated() {
        return List.of(EXITS, "example.guest.Stdio");
    }

    /** Cuts a class file at every length short of whole and collects what {@code check} says. */
    private List<String> truncations(String name, Function<RuntimeException, String> check) {
        byte[] whole = ClassFiles.read(name);
        List<String> wrong = new ArrayList<>();
        for (int length = 0; length < whole.length; length++) {
            try {
                rewriter.rewrite(Arrays.copyOf(whole, length));
                wrong.add(length + " of " + whole.length + " bytes: accepted");
            } catch (RuntimeException e) {
                String problem = check.apply(e);
                if (problem != null) {
                    wrong.add(length + " of " + whole.length + " bytes: " + problem);
                }
            }
        }
        return wrong;
    }

    /** No truncated class file is ever rewritten as if it were whole: the rewriter always fails. */
    @ParameterizedTest
    @MethodSource("truncated")
    void noTruncationIsRewritten(String name) {
        List<String> wrong = truncations(name, e -> null);
        assertTrue(wrong.isEmpty(), () -> "truncations rewritten: " + wrong);
    }

    /**
     * Every truncation fails the way the contract of {@link Rewriter#rewrite} says: with a
     * {@link RewriteException}.
     */
    @ParameterizedTest
    @MethodSource("truncated")
    void everyTruncationIsRefusedWithARewriteException(String name) {
        List<String> wrong = truncations(name, e -> e instanceof RewriteException ? null : e.toString());
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " truncations not refused with RewriteException, e.g. "
                + wrong.subList(0, Math.min(3, wrong.size())));
    }

    @Test
    void aClassThatUsesNothingCriticalIsReturnedAsItIs() {
        byte[] plain = ClassFiles.read("example.guest.Plain");
        assertFalse(rewriter.needsRewrite(plain));
        assertSame(plain, rewriter.rewrite(plain));
        List<TrapSite> sites = new ArrayList<>();
        assertSame(plain, rewriter.rewrite(plain, sites::add));
        assertTrue(sites.isEmpty());
    }

    @Test
    void needsRewriteAgreesWithRewrite() {
        for (String name : ClassFiles.fixtureClassNames()) {
            byte[] original = ClassFiles.read(name);
            assertEquals(rewriter.needsRewrite(original), rewriter.rewrite(original) != original, name);
        }
    }
}
