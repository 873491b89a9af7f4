package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.agent.rewrite.TrapSite.Form;
import io.jvisor.agent.testing.ClassFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sites the rewriter reports: class, method, line, form and catalog entry of each trapped use. */
class TrapSiteTest {

    private static final Catalog CATALOG = Catalog.standard();
    private final Rewriter rewriter = new Rewriter(CATALOG);

    private List<TrapSite> sites(byte[] classFile) {
        List<TrapSite> sites = new ArrayList<>();
        rewriter.rewrite(classFile, sites::add);
        return sites;
    }

    private static CriticalInstruction entry(String owner, String name, String descriptor) {
        return CATALOG.find(owner, name, descriptor);
    }

    private static final CriticalInstruction SYSTEM_EXIT = entry("java/lang/System", "exit", "(I)V");
    private static final CriticalInstruction RUNTIME_HALT = entry("java/lang/Runtime", "halt", "(I)V");
    private static final CriticalInstruction SYSTEM_OUT = entry("java/lang/System", "out", "Ljava/io/PrintStream;");

    @Test
    void aDirectCallIsACallSiteOnItsSourceLine() {
        List<TrapSite> sites = sites(ClassFiles.read("example.guest.Exits")).stream()
                .filter(s -> s.methodName().equals("systemExit")).toList();

        assertEquals(1, sites.size(), () -> sites.toString());
        TrapSite site = sites.get(0);
        assertEquals("example.guest.Exits", site.className());
        assertEquals("(Ljava/util/List;I)V", site.methodDescriptor());
        assertEquals(Form.CALL, site.form());
        assertEquals(SYSTEM_EXIT, site.target());
        assertEquals(firstLine("example.guest.Exits", "systemExit") + 1, site.line(),
                "System.exit is on the line after trace.add(\"before\")");
    }

    @Test
    void aMethodReferenceIsAHandleSiteInTheMethodThatCreatesIt() {
        List<TrapSite> sites = sites(ClassFiles.read("example.guest.MethodRefs"));

        TrapSite exitRef = only(sites, "systemExitReference");
        assertEquals(Form.HANDLE, exitRef.form());
        assertEquals(SYSTEM_EXIT, exitRef.target());
        assertEquals(firstLine("example.guest.MethodRefs", "systemExitReference"), exitRef.line());

        TrapSite haltRef = only(sites, "boundHaltReference");
        assertEquals(Form.HANDLE, haltRef.form());
        assertEquals(RUNTIME_HALT, haltRef.target());

        List<TrapSite> printlnRef = sites.stream().filter(s -> s.methodName().equals("printlnOnSystemOut")).toList();
        assertEquals(List.of(Form.CALL), printlnRef.stream().map(TrapSite::form).toList(),
                "System.out::println reads System.out once, where the reference is made");
        assertEquals(SYSTEM_OUT, printlnRef.get(0).target());
    }

    @Test
    void aLambdaBodyIsACallSiteInTheLambdasSyntheticMethod() {
        List<TrapSite> lambdaSites = sites(ClassFiles.read("example.guest.MethodRefs")).stream()
                .filter(s -> s.methodName().startsWith("lambda$exitingLambda$")).toList();
        assertEquals(1, lambdaSites.size(), () -> lambdaSites.toString());
        assertEquals(Form.CALL, lambdaSites.get(0).form());
        assertEquals(SYSTEM_EXIT, lambdaSites.get(0).target());
        assertEquals("(I)V", lambdaSites.get(0).methodDescriptor());
    }

    @Test
    void aNestedClassIsNamedByItsBinaryName() {
        List<TrapSite> sites = sites(ClassFiles.read("example.guest.Exits$1"));
        assertEquals(1, sites.size(), () -> sites.toString());
        assertEquals("example.guest.Exits$1", sites.get(0).className());
        assertEquals("run", sites.get(0).methodName());
    }

    @Test
    void withoutLineNumbersTheLineIsMinusOne() {
        byte[] original = ClassFiles.read("example.guest.Stdio");
        ClassWriter stripped = new ClassWriter(0);
        new ClassReader(original).accept(stripped, ClassReader.SKIP_DEBUG);

        List<TrapSite> sites = sites(stripped.toByteArray());

        assertEquals(sites(original).stream().map(s -> s.methodName() + " " + s.target().displayName()).toList(),
                sites.stream().map(s -> s.methodName() + " " + s.target().displayName()).toList());
        assertTrue(sites.stream().allMatch(s -> s.line() == -1), () -> sites.toString());
    }

    @Test
    void guardedHandlersAreNotReportedAsSites() {
        List<TrapSite> sites = sites(ClassFiles.read("example.guest.Exits")).stream()
                .filter(s -> s.methodName().equals("ordinaryExceptionCaught")).toList();
        assertEquals(List.of(), sites);
    }

    /**
     * For every fixture, the reported sites are exactly the uses of catalog members in the original
     * class, in class-file order, each with the line of the line-number entry that covers it.
     */
    @ParameterizedTest
    @MethodSource("io.jvisor.agent.rewrite.RewrittenFixturesTest#fixtures")
    void everyUseIsReportedOnceInClassFileOrder(String name) {
        byte[] original = ClassFiles.read(name);
        assertEquals(expectedSites(original), sites(original));
    }

    private static TrapSite only(List<TrapSite> sites, String method) {
        List<TrapSite> in = sites.stream().filter(s -> s.methodName().equals(method)).toList();
        assertEquals(1, in.size(), () -> method + ": " + in);
        return in.get(0);
    }

    private static int firstLine(String className, String method) {
        MethodNode m = ClassFiles.node(ClassFiles.read(className)).methods.stream()
                .filter(candidate -> candidate.name.equals(method)).findFirst().orElseThrow();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode line) {
                return line.line;
            }
        }
        throw new AssertionError(className + "." + method + " has no line numbers");
    }

    /** The sites of a class, found by walking its instructions with ASM's tree API. */
    private static List<TrapSite> expectedSites(byte[] classFile) {
        ClassNode node = ClassFiles.node(classFile);
        String className = node.name.replace('/', '.');
        List<TrapSite> sites = new ArrayList<>();
        for (MethodNode m : node.methods) {
            int line = -1;
            for (AbstractInsnNode insn : m.instructions) {
                List<CriticalInstruction> calls = new ArrayList<>();
                List<CriticalInstruction> handles = new ArrayList<>();
                if (insn instanceof LineNumberNode l) {
                    line = l.line;
                } else if (insn instanceof MethodInsnNode call) {
                    CriticalInstruction e = CATALOG.find(call.owner, call.name, call.desc);
                    if (e != null && e.kind().opcode() == call.getOpcode()) {
                        calls.add(e);
                    }
                } else if (insn instanceof FieldInsnNode field) {
                    CriticalInstruction e = CATALOG.find(field.owner, field.name, field.desc);
                    if (e != null && e.kind().opcode() == field.getOpcode()) {
                        calls.add(e);
                    }
                } else if (insn instanceof LdcInsnNode ldc) {
                    handles(ldc.cst, handles);
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    handles(indy.bsm, handles);
                    for (Object arg : indy.bsmArgs) {
                        handles(arg, handles);
                    }
                }
                for (CriticalInstruction e : calls) {
                    sites.add(new TrapSite(className, m.name, m.desc, line, Form.CALL, e));
                }
                for (CriticalInstruction e : handles) {
                    sites.add(new TrapSite(className, m.name, m.desc, line, Form.HANDLE, e));
                }
            }
        }
        return sites;
    }

    private static void handles(Object constant, List<CriticalInstruction> found) {
        if (constant instanceof Handle h) {
            CriticalInstruction e = CATALOG.find(h.getOwner(), h.getName(), h.getDesc());
            if (e != null && e.kind().handleTag() == h.getTag()) {
                found.add(e);
            }
        } else if (constant instanceof ConstantDynamic c) {
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                handles(c.getBootstrapMethodArgument(i), found);
            }
            handles(c.getBootstrapMethod(), found);
        }
    }
}
