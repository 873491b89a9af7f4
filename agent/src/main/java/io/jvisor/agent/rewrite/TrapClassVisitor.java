package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rewrites one class: hands each method to a {@link TrapMethodVisitor} and, at the end, adds the
 * synthetic bridges that rewritten method handle constants point to.
 *
 * <p>A bridge for catalog entry {@code e} is
 * {@code private static synthetic jvisor$trap$<e.hook>(<e's arguments, receiver first>)}, whose
 * body passes its arguments and this class to {@code Traps.<e.hook>}.
 */
final class TrapClassVisitor extends ClassVisitor {

    static final String BRIDGE_PREFIX = Rewriter.BRIDGE_PREFIX;

    private final Catalog catalog;
    private final Consumer<TrapSite> sites;
    private final Map<String, CriticalInstruction> bridges = new LinkedHashMap<>();
    private String internalName;
    private boolean isInterface;
    private boolean changed;

    TrapClassVisitor(ClassVisitor next, Catalog catalog, Consumer<TrapSite> sites) {
        super(Opcodes.ASM9, next);
        this.catalog = catalog;
        this.sites = sites;
    }

    /** Whether a handler catching this type could catch the end of a guest. */
    static boolean isGuardedCatchType(String internalName) {
        return "java/lang/Throwable".equals(internalName) || "java/lang/Error".equals(internalName);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        internalName = name;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        // LDC of a class constant needs class file version 49 (Java 5); older classes move up,
        // which changes nothing else in how they verify.
        int major = version & 0xFFFF;
        int upgraded = major < (Opcodes.V1_5 & 0xFFFF) ? Opcodes.V1_5 : version;
        super.visit(upgraded, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (name.startsWith(BRIDGE_PREFIX)) {
            throw new IllegalStateException("method name " + name + " is reserved for jvisor");
        }
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        return next == null ? null : new TrapMethodVisitor(next, this, name, descriptor);
    }

    @Override
    public void visitEnd() {
        bridges.values().forEach(this::writeBridge);
        super.visitEnd();
    }

    /** Whether anything was rewritten: a site trapped or a handler guarded. */
    boolean changed() {
        return changed;
    }

    void markChanged() {
        changed = true;
    }

    Type thisType() {
        return Type.getObjectType(internalName);
    }

    CriticalInstruction find(String owner, String name, String descriptor) {
        return catalog.isOwner(owner) ? catalog.find(owner, name, descriptor) : null;
    }

    void report(String method, String methodDescriptor, int line, TrapSite.Form form, CriticalInstruction target) {
        changed = true;
        sites.accept(new TrapSite(internalName.replace('/', '.'), method, methodDescriptor, line, form, target));
    }

    /** The constant with every critical method handle in it replaced by a bridge handle. */
    Object redirect(Object constant, String method, String methodDescriptor, int line) {
        if (constant instanceof Handle) {
            Handle h = (Handle) constant;
            CriticalInstruction e = find(h.getOwner(), h.getName(), h.getDesc());
            if (e == null || e.kind().handleTag() != h.getTag()) {
                return constant;
            }
            report(method, methodDescriptor, line, TrapSite.Form.HANDLE, e);
            bridges.putIfAbsent(e.hook(), e);
            return new Handle(Opcodes.H_INVOKESTATIC, internalName, BRIDGE_PREFIX + e.hook(), bridgeDescriptor(e), isInterface);
        }
        if (constant instanceof ConstantDynamic) {
            ConstantDynamic c = (ConstantDynamic) constant;
            Object[] args = redirectAll(bootstrapArguments(c), method, methodDescriptor, line);
            Handle bsm = (Handle) redirect(c.getBootstrapMethod(), method, methodDescriptor, line);
            return new ConstantDynamic(c.getName(), c.getDescriptor(), bsm, args);
        }
        return constant;
    }

    Object[] redirectAll(Object[] constants, String method, String methodDescriptor, int line) {
        Object[] out = constants.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = redirect(out[i], method, methodDescriptor, line);
        }
        return out;
    }

    private static Object[] bootstrapArguments(ConstantDynamic c) {
        Object[] args = new Object[c.getBootstrapMethodArgumentCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = c.getBootstrapMethodArgument(i);
        }
        return args;
    }

    private static String bridgeDescriptor(CriticalInstruction e) {
        String hook = e.hookDescriptor();
        return hook.replace("Ljava/lang/Class;)", ")");
    }

    private void writeBridge(CriticalInstruction e) {
        String descriptor = bridgeDescriptor(e);
        MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                BRIDGE_PREFIX + e.hook(), descriptor, null, null);
        mv.visitCode();
        int slot = 0;
        for (Type arg : Type.getArgumentTypes(descriptor)) {
            mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
            slot += arg.getSize();
        }
        mv.visitLdcInsn(thisType());
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, e.hook(), e.hookDescriptor(), false);
        mv.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
