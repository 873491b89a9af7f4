package io.jvisor.agent.testing;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading fixture class files from the test class path, and checking rewritten ones. */
public final class ClassFiles {

    /** {@code LambdaMetafactory.metafactory}, the bootstrap method of lambdas and method references. */
    public static final Handle METAFACTORY = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory", "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private ClassFiles() {
    }

    /** The class file of a class on the test class path, as compiled. */
    public static byte[] read(String binaryName) {
        byte[] bytes = readOrNull(binaryName);
        assertNotNull(bytes, "no class file for " + binaryName + " on the test class path");
        return bytes;
    }

    static byte[] readOrNull(String binaryName) {
        String resource = "/" + binaryName.replace('.', '/') + ".class";
        try (InputStream in = ClassFiles.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The binary names of every fixture class, nested and anonymous ones included. */
    public static List<String> fixtureClassNames() {
        String pkg = GuestLoader.FIXTURES.replace('.', '/');
        URL dir = ClassFiles.class.getResource("/" + pkg);
        assertNotNull(dir, "the fixtures are not on the test class path");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
                    .map(f -> GuestLoader.FIXTURES + f.substring(0, f.length() - ".class".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ClassNode node(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }

    /** The major version of a class file. */
    public static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    }

    /** Asserts that ASM's bytecode verifier finds no problem in the class file. */
    public static void assertVerifies(byte[] classFile) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), ClassFiles.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString(), () -> "CheckClassAdapter found problems in "
                + new ClassReader(classFile).getClassName());
    }

    /**
     * Asserts that no instruction or constant of the class file uses a member of the catalog: no
     * call, no field read, no method handle in an {@code ldc}, in the bootstrap method or
     * arguments of an {@code invokedynamic} or of a dynamic constant.
     */
    public static void assertNoCriticalUse(byte[] classFile, Catalog catalog) {
        ClassNode node = node(classFile);
        List<String> uses = new ArrayList<>();
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                String where = node.name + "." + m.name + m.desc;
                if (insn instanceof MethodInsnNode call) {
                    CriticalInstruction e = catalog.find(call.owner, call.name, call.desc);
                    if (e != null && !decidedBefore(call)) {
                        uses.add(where + ": call of " + e.displayName());
                    }
                } else if (insn instanceof FieldInsnNode field) {
                    CriticalInstruction e = catalog.find(field.owner, field.name, field.desc);
                    if (e != null) {
                        uses.add(where + ": read of " + e.displayName());
                    }
                } else if (insn instanceof LdcInsnNode ldc) {
                    collectHandles(ldc.cst, catalog, where + ": ldc", uses);
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    collectHandles(indy.bsm, catalog, where + ": indy bootstrap", uses);
                    for (Object arg : indy.bsmArgs) {
                        collectHandles(arg, catalog, where + ": indy argument", uses);
                    }
                }
            }
        }
        assertTrue(uses.isEmpty(), () -> "critical uses left after rewriting: " + uses);
    }

    /**
     * Whether a superclass constructor call is decided at run time by the trap just before it:
     * refused, or given the file its trap decided (past the moves that put the call's second
     * argument back over what the trap returned).
     */
    private static boolean decidedBefore(MethodInsnNode call) {
        AbstractInsnNode previous = call.getPrevious();
        while (previous != null && (previous.getOpcode() == Opcodes.DUP_X2 || previous.getOpcode() == Opcodes.POP
                || previous.getOpcode() == Opcodes.SWAP)) {
            previous = previous.getPrevious();
        }
        return call.name.equals("<init>") && previous instanceof MethodInsnNode trap
                && trap.owner.equals(CriticalInstruction.TRAPS) && trap.name.startsWith("super");
    }

    private static void collectHandles(Object constant, Catalog catalog, String where, List<String> uses) {
        if (constant instanceof Handle h) {
            CriticalInstruction e = catalog.find(h.getOwner(), h.getName(), h.getDesc());
            if (e != null) {
                uses.add(where + ": handle of " + e.displayName());
            }
        } else if (constant instanceof ConstantDynamic c) {
            collectHandles(c.getBootstrapMethod(), catalog, where + " (condy bootstrap)", uses);
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                collectHandles(c.getBootstrapMethodArgument(i), catalog, where + " (condy argument)", uses);
            }
        }
    }

    /**
     * Asserts that every handler catching {@code Throwable} or {@code Error} begins with a call
     * of {@code Traps.handlerEntered(thisClass)} before it reaches the guest's handler code.
     */
    public static void assertGuardedHandlers(byte[] classFile) {
        ClassNode node = node(classFile);
        for (MethodNode m : node.methods) {
            for (TryCatchBlockNode block : m.tryCatchBlocks) {
                if (!"java/lang/Throwable".equals(block.type) && !"java/lang/Error".equals(block.type)) {
                    continue;
                }
                String where = node.name + "." + m.name + m.desc + " handler of " + block.type;
                AbstractInsnNode first = next(block.handler);
                assertTrue(first instanceof LdcInsnNode ldc
                        && ldc.cst instanceof org.objectweb.asm.Type t && t.getInternalName().equals(node.name),
                        where + ": does not start with ldc " + node.name);
                AbstractInsnNode second = next(first);
                assertTrue(second instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                        && call.owner.equals(CriticalInstruction.TRAPS) && call.name.equals("handlerEntered")
                        && call.desc.equals("(Ljava/lang/Class;)V"),
                        where + ": does not call Traps.handlerEntered first");
            }
        }
    }

    /** The next instruction at or after a node, skipping labels, line numbers and frames. */
    private static AbstractInsnNode next(AbstractInsnNode node) {
        AbstractInsnNode n = node instanceof LabelNode ? node : node.getNext();
        while (n != null && (n instanceof LabelNode || n instanceof LineNumberNode || n instanceof FrameNode)) {
            n = n.getNext();
        }
        return n;
    }

    /** The count of instructions in the class that call {@code Traps.hook}. */
    public static long trapCalls(byte[] classFile, String hook) {
        ClassNode node = node(classFile);
        return node.methods.stream()
                .flatMap(m -> Stream.of(m.instructions.toArray()))
                .filter(i -> i instanceof MethodInsnNode call && call.owner.equals(CriticalInstruction.TRAPS)
                        && call.name.equals(hook))
                .count();
    }

    /** The count of {@code invokedynamic} instructions in the class that {@code Traps.bootstrap} binds. */
    public static long trapBindings(byte[] classFile, String bootstrap) {
        ClassNode node = node(classFile);
        return node.methods.stream()
                .flatMap(m -> Stream.of(m.instructions.toArray()))
                .filter(i -> i instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(CriticalInstruction.TRAPS)
                        && indy.bsm.getName().equals(bootstrap))
                .count();
    }
}
