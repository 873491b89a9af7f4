package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.agent.testing.ClassFiles;
import io.jvisor.agent.testing.GuestLoader;
import io.jvisor.agent.testing.TestHypervisor;
import io.jvisor.agent.testing.TestHypervisor.Session;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The members the catalog binds per class: their uses become {@code invokedynamic} sites that
 * {@code Traps.bind} bootstraps, in class files that can hold one (Java 7 on); older class files
 * and the members bound per call keep {@code LDC this; INVOKESTATIC Traps.hook}.
 */
class BoundSitesTest {

    private static final Catalog CATALOG = Catalog.standard();
    private static final Handle BIND = new Handle(Opcodes.H_INVOKESTATIC, CriticalInstruction.TRAPS, "bind",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);
    private static final String GET_PROPERTY = "(Ljava/lang/String;)Ljava/lang/String;";

    @Test
    void theCatalogBindsTheHotArgumentLightTrapsPerClass() {
        List<String> bound = CATALOG.entries().stream().filter(e -> e.binding() == CriticalInstruction.Binding.CLASS)
                .map(CriticalInstruction::hook).collect(Collectors.toList());
        assertEquals(List.of("stdout", "stderr", "stdin", "getProperty", "getPropertyOrDefault", "getenv"), bound);
    }

    @Test
    void aBoundMemberBecomesAnInvokedynamicSiteOfTheMembersOperands() {
        byte[] rewritten = new Rewriter(CATALOG).rewrite(generate("generated/BoundAt61", Opcodes.V17));

        MethodNode read = method(rewritten, "read");
        List<InvokeDynamicInsnNode> sites = instructions(read).filter(InvokeDynamicInsnNode.class::isInstance)
                .map(InvokeDynamicInsnNode.class::cast).collect(Collectors.toList());
        assertEquals(List.of("stdout", "getProperty"), sites.stream().map(s -> s.name).collect(Collectors.toList()));
        assertEquals(List.of("()Ljava/io/PrintStream;", GET_PROPERTY), sites.stream().map(s -> s.desc).collect(Collectors.toList()));
        sites.forEach(s -> assertEquals(BIND, s.bsm));
        sites.forEach(s -> assertEquals(0, s.bsmArgs.length));
        assertEquals(0, ClassFiles.trapCalls(rewritten, "stdout") + ClassFiles.trapCalls(rewritten, "getProperty"),
                "no static trap for a bound member");
        assertEquals(List.of("systemExit"), staticTraps(method(rewritten, "exit")), "a member bound per call keeps its static trap");
        ClassFiles.assertVerifies(rewritten);
        ClassFiles.assertNoCriticalUse(rewritten, CATALOG);
    }

    @Test
    void aClassFileOfJava6KeepsTheStaticTrapsItCanHold() {
        byte[] rewritten = new Rewriter(CATALOG).rewrite(generate("generated/BoundAt50", Opcodes.V1_6));

        assertEquals(50, ClassFiles.majorVersion(rewritten));
        assertEquals(List.of("stdout", "getProperty"), staticTraps(method(rewritten, "read")));
        assertEquals(0L, ClassFiles.node(rewritten).methods.stream().flatMap(BoundSitesTest::instructions)
                .filter(InvokeDynamicInsnNode.class::isInstance).count(), "no invokedynamic before Java 7");
        ClassFiles.assertVerifies(rewritten);
    }

    @Test
    void aMethodReferencesBridgeCallsTheBoundSiteToo() {
        byte[] rewritten = new Rewriter(CATALOG).rewrite(generate("generated/BoundByReference", Opcodes.V17));

        MethodNode bridge = method(rewritten, Rewriter.BRIDGE_PREFIX + "getProperty");
        assertEquals(List.of("getProperty"), instructions(bridge).filter(InvokeDynamicInsnNode.class::isInstance)
                .map(i -> ((InvokeDynamicInsnNode) i).name).collect(Collectors.toList()));
        assertEquals(List.of(), staticTraps(bridge));
    }

    /** Without a hypervisor of its own, the test's handler binds nothing: every call passes the class that holds the site. */
    @Test
    void eachBoundSiteCallsItsTrapWithTheClassThatHoldsIt() throws Throwable {
        for (int version : new int[] {Opcodes.V1_6, Opcodes.V17}) {
            String name = "generated.BoundRuns" + version;
            GuestLoader guest = new GuestLoader(new Rewriter(CATALOG)).add(name, generate(name.replace('.', '/'), version));
            Session session = TestHypervisor.begin();
            session.properties().setProperty("greeting", "hi");

            assertEquals("hi", guest.call(name, "read"));
            assertEquals("hi", guest.call(name, "byReference"));

            assertEquals("read hi" + System.lineSeparator(), session.stdout());
            Class<?> holder = guest.guestClass(name);
            session.traps().forEach(t -> assertEquals(holder, t.caller(), t.toString()));
            assertEquals(List.of("stdout", "properties", "properties"), session.hooks());
        }
    }

    private static MethodNode method(byte[] classFile, String name) {
        return ClassFiles.node(classFile).methods.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no method " + name));
    }

    private static Stream<AbstractInsnNode> instructions(MethodNode m) {
        return Stream.of(m.instructions.toArray());
    }

    private static List<String> staticTraps(MethodNode m) {
        return instructions(m).filter(i -> i instanceof MethodInsnNode call && call.owner.equals(CriticalInstruction.TRAPS))
                .map(i -> ((MethodInsnNode) i).name).collect(Collectors.toList());
    }

    /**
     * <pre>
     *   static String read() { String p = System.getProperty("greeting"); System.out.println("read " + p); return p; }
     *   static void exit() { System.exit(3); }
     *   static String byReference() { return ((UnaryOperator&lt;String&gt;) System::getProperty).apply("greeting"); } (Java 8 on)
     * </pre>
     */
    private static byte[] generate(String internalName, int version) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);

        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "read", "()Ljava/lang/String;", null, null);
        mv.visitCode();
        mv.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
        mv.visitLdcInsn("greeting");
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperty", GET_PROPERTY, false);
        mv.visitInsn(Opcodes.DUP_X1);
        mv.visitLdcInsn("read ");
        mv.visitInsn(Opcodes.SWAP);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/String;)V", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "exit", "()V", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_3);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "byReference", "()Ljava/lang/String;", null, null);
        mv.visitCode();
        if (version >= Opcodes.V1_8) {
            Handle getProperty = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "getProperty", GET_PROPERTY, false);
            mv.visitInvokeDynamicInsn("apply", "()Ljava/util/function/UnaryOperator;", ClassFiles.METAFACTORY,
                    Type.getMethodType("(Ljava/lang/Object;)Ljava/lang/Object;"), getProperty, Type.getMethodType(GET_PROPERTY));
            mv.visitLdcInsn("greeting");
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/UnaryOperator", "apply",
                    "(Ljava/lang/Object;)Ljava/lang/Object;", true);
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/String");
        } else {
            mv.visitLdcInsn("greeting");
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperty", GET_PROPERTY, false);
        }
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
