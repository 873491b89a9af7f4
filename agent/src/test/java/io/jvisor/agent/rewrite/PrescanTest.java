package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.testing.ClassFiles;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prescan's answer per method: which methods of a class the rewriter has to visit. */
class PrescanTest {

    private final Catalog catalog = Catalog.standard();
    private final Prescan prescan = new Prescan(catalog);

    /**
     * The bytecode is read without decoding it, so its instruction lengths are checked against
     * ASM's reading on every class of {@code java.base} that uses a critical entry: switches,
     * {@code wide}, every opcode a compiler emits.
     */
    @Test
    void everyMethodOfTheJdkThatUsesACriticalMemberIsMarked() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        int classes = 0;
        int marked = 0;
        int methods = 0;
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                ClassReader reader = new ClassReader(Files.readAllBytes(file));
                boolean[] critical = prescan.criticalEntries(reader);
                if (critical == null) {
                    continue;
                }
                BitSet prescan = Prescan.methodsUsing(reader, critical);
                BitSet decoded = decodedUses(reader, holdsCriticalHandle(reader, critical));
                assertEquals(decoded, prescan, file.toString());
                classes++;
                marked += prescan.cardinality();
                methods += methodCount(reader);
            }
        }
        assertTrue(classes > 100, "only " + classes + " classes of java.base use a critical member");
        assertTrue(marked < methods / 4, marked + " of " + methods + " methods marked: the prescan barely tells them apart");
    }

    @Test
    void theRewriterLeavesTheMethodsItNeedNotVisitAsTheyWere() {
        byte[] original = ClassFiles.read("example.guest.Exits");
        ClassReader reader = new ClassReader(original);
        BitSet marked = Prescan.methodsUsing(reader, prescan.criticalEntries(reader));
        List<MethodNode> before = methods(original);
        List<MethodNode> after = methods(new Rewriter(catalog).rewrite(original));

        for (int m = 0; m < before.size(); m++) {
            String name = before.get(m).name;
            if (marked.get(m)) {
                assertNotEquals(text(before.get(m)), text(after.get(m)), name + " was to be rewritten");
            } else {
                assertEquals(text(before.get(m)), text(after.get(m)), name);
            }
        }
        assertTrue(marked.cardinality() > 0 && marked.cardinality() < before.size(), "marked " + marked);
    }

    /**
     * Which methods ASM's full reading finds using what the rewriter traps, redirects or guards,
     * or, as the prescan does not tell them apart, a class literal of a guarded type, or a
     * dynamic constant or call site in a class with a critical handle.
     */
    private BitSet decodedUses(ClassReader reader, boolean criticalHandles) {
        BitSet uses = new BitSet();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            private int index;

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                int method = index++;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
                        mark(critical(owner, name, desc) || TrapClassVisitor.Reflection.of(opcode, owner, name, desc) != null);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                        mark(critical(owner, name, desc));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        mark(holdsCriticalHandle(value) || value instanceof ConstantDynamic && criticalHandles
                                || value instanceof Type && TrapClassVisitor.isGuardedCatchType(((Type) value).getInternalName()));
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
                        boolean any = criticalHandles || holdsCriticalHandle(bootstrap);
                        for (Object argument : arguments) {
                            any |= holdsCriticalHandle(argument);
                        }
                        mark(any);
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        mark(type != null && TrapClassVisitor.isGuardedCatchType(type));
                    }

                    private void mark(boolean critical) {
                        if (critical) {
                            uses.set(method);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return uses;
    }

    private boolean critical(String owner, String name, String descriptor) {
        return catalog.isOwner(owner) && catalog.find(owner, name, descriptor) != null;
    }

    private boolean holdsCriticalHandle(Object constant) {
        if (constant instanceof Handle) {
            Handle h = (Handle) constant;
            return critical(h.getOwner(), h.getName(), h.getDesc());
        }
        if (constant instanceof ConstantDynamic) {
            ConstantDynamic c = (ConstantDynamic) constant;
            boolean any = holdsCriticalHandle(c.getBootstrapMethod());
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                any |= holdsCriticalHandle(c.getBootstrapMethodArgument(i));
            }
            return any;
        }
        return false;
    }

    private static boolean holdsCriticalHandle(ClassReader reader, boolean[] critical) {
        for (int i = 1; i < critical.length; i++) {
            if (critical[i] && reader.readByte(reader.getItem(i) - 1) == 15) { // CONSTANT_MethodHandle
                return true;
            }
        }
        return false;
    }

    private static int methodCount(ClassReader reader) {
        ClassNode node = new ClassNode();
        reader.accept(node, ClassReader.SKIP_CODE);
        return node.methods.size();
    }

    private static List<MethodNode> methods(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return new ArrayList<>(node.methods);
    }

    private static String text(MethodNode method) {
        Textifier text = new Textifier();
        method.accept(new TraceMethodVisitor(text));
        StringWriter out = new StringWriter();
        text.print(new PrintWriter(out));
        return out.toString();
    }
}
