package io.jvisor.agent.transform;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Builds the stand-in for a class that must not load: initialising it throws, always. A
 * transformer that cannot do its work returns one rather than throw, which would have the JVM
 * define the class as it came.
 */
public final class RefusedClass {

    private RefusedClass() {
    }

    /**
     * A class of the given name with no members but a static initialiser that throws
     * {@code NoClassDefFoundError(message)}.
     *
     * @param internalName the class's name, with slashes
     * @param message      what the error says
     */
    public static byte[] stub(String internalName, String message) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null,
                "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, "java/lang/NoClassDefFoundError");
        mv.visitInsn(Opcodes.DUP);
        mv.visitLdcInsn(message);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/NoClassDefFoundError", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
