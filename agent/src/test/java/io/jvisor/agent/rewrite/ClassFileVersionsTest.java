package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.testing.ClassFiles;
import io.jvisor.agent.testing.GuestLoader;
import io.jvisor.agent.testing.TestHypervisor;
import io.jvisor.agent.testing.TestHypervisor.GuestExit;
import io.jvisor.agent.testing.TestHypervisor.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rewrites classes of every class file version from 45 (Java 1.1) to {@link
 * Rewriter#NEWEST_MAJOR_VERSION}, generated with ASM, each using what its version allows: a call of
 * {@code System.exit} inside {@code catch (Throwable)} and a read of {@code System.out} in all;
 * {@code ldc} of a method handle from 51, a method reference through {@code invokedynamic} from 52,
 * a dynamic constant from 55. Every rewritten class must pass ASM's verifier; those the running JVM
 * supports are also loaded (so the JVM's verifier checks the stack-map frames) and run.
 */
class ClassFileVersionsTest {

    private static final int FIRST_WITH_FRAMES = 50;
    private static final String EXIT_DESCRIPTOR = "(I)V";
    private static final Handle SYSTEM_EXIT =
            new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", EXIT_DESCRIPTOR, false);

    static Stream<Arguments> versions() {
        return IntStream.rangeClosed(45, Rewriter.NEWEST_MAJOR_VERSION).boxed()
                .flatMap(v -> Stream.of(Arguments.of(v, false), Arguments.of(v, true)));
    }

    @ParameterizedTest(name = "class file version {0}, safepoints {1}")
    @MethodSource("versions")
    void rewritesVerifiesAndRuns(int major, boolean safepoints) throws Throwable {
        Rewriter plain = new Rewriter(Catalog.standard());
        Rewriter rewriter = safepoints ? plain.withSafepoints() : plain;
        String name = "generated.ExitsAtVersion" + major + (safepoints ? "WithSafepoints" : "");
        byte[] original = generate(name.replace('.', '/'), major);

        byte[] rewritten = rewriter.rewrite(original);

        assertEquals(Math.max(major, 49), ClassFiles.majorVersion(rewritten),
                "versions before 49 move up to 49, which allows ldc of a class; others stay");
        ClassFiles.assertVerifies(rewritten);
        ClassFiles.assertNoCriticalUse(rewritten, rewriter.catalog());
        ClassFiles.assertGuardedHandlers(rewritten);

        int newestRunnable = Runtime.version().feature() + 44;
        assumeTrue(major <= newestRunnable, () -> "the running JVM (Java " + Runtime.version().feature()
                + ") cannot load class file version " + major + "; only the rewrite and ASM's verifier ran");
        run(rewriter, name, original, major);
    }

    private static void run(Rewriter rewriter, String name, byte[] original, int major) throws Throwable {
        GuestLoader guest = new GuestLoader(rewriter).add(name, original);
        Class<?> guestClass = guest.guestClass(name);

        Session session = TestHypervisor.begin();
        guest.call(name, "greet");
        assertEquals("hello from " + major + System.lineSeparator(), session.stdout());

        List<String> ways = new ArrayList<>(List.of("exitCaught"));
        if (major >= 51) {
            ways.add("exitByLdcHandle");
        }
        if (major >= 52) {
            ways.add("exitByMethodReference");
        }
        if (major >= 55) {
            ways.add("exitByDynamicConstant");
        }
        for (String way : ways) {
            session = TestHypervisor.begin();
            int status = 100 + ways.indexOf(way);
            Throwable thrown = assertThrows(Throwable.class, () -> guest.call(name, way, status), way);
            GuestExit exit = assertInstanceOf(GuestExit.class, thrown, way);
            assertEquals(status, exit.status(), way);
            assertSame(guestClass, exit.caller(), way);
            assertEquals(way.equals("exitCaught") ? List.of("exit", "handlerEntered") : List.of("exit"),
                    session.hooks(), way);
        }
    }

    /** A class with one method per way its version allows to call {@code System.exit}. */
    private static byte[] generate(String internalName, int major) {
        ClassWriter cw = new ClassWriter(major >= FIRST_WITH_FRAMES ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS);
        int version = major == 45 ? (3 << 16) | 45 : major; // Java 1.1 wrote 45.3
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);

        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "greet", "()V", null, null);
        mv.visitCode();
        mv.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
        mv.visitLdcInsn("hello from " + major);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/String;)V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // try { System.exit(status); return 0; } catch (Throwable t) { return -1; }
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "exitCaught", "(I)I", null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", EXIT_DESCRIPTOR, false);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitLabel(end);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(handler);
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.ICONST_M1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        if (major >= 51) {
            invokeExact(cw, "exitByLdcHandle", SYSTEM_EXIT);
        }
        if (major >= 52) {
            mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "exitByMethodReference", EXIT_DESCRIPTOR, null, null);
            mv.visitCode();
            mv.visitInvokeDynamicInsn("accept", "()Ljava/util/function/IntConsumer;", ClassFiles.METAFACTORY,
                    Type.getMethodType(EXIT_DESCRIPTOR), SYSTEM_EXIT, Type.getMethodType(EXIT_DESCRIPTOR));
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/IntConsumer", "accept", EXIT_DESCRIPTOR, true);
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        if (major >= 55) {
            Handle explicitCast = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/ConstantBootstraps", "explicitCast",
                    "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Object;)"
                            + "Ljava/lang/Object;", false);
            invokeExact(cw, "exitByDynamicConstant",
                    new ConstantDynamic("exit", "Ljava/lang/invoke/MethodHandle;", explicitCast, SYSTEM_EXIT));
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code static void name(int status) { ((MethodHandle) constant).invokeExact(status); }} */
    private static void invokeExact(ClassWriter cw, String name, Object constant) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, EXIT_DESCRIPTOR, null, null);
        mv.visitCode();
        mv.visitLdcInsn(constant);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", EXIT_DESCRIPTOR, false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
