package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rewrites one class: hands each method to a {@link TrapMethodVisitor} and, at the end, adds the
 * synthetic bridges that rewritten method handle constants point to (and the safepoint's
 * accessor, if the class polls one: see {@link Safepoints}).
 *
 * <p>A bridge for catalog entry {@code e} is
 * {@code private static synthetic jvisor$trap$<e.hook>(<e's arguments, receiver first>)}, whose
 * body calls the trap with its arguments as a call site of {@code e} does.
 */
final class TrapClassVisitor extends ClassVisitor {

    static final String BRIDGE_PREFIX = Rewriter.BRIDGE_PREFIX;

    /** The bootstrap method of the sites bound per class. */
    private static final Handle BIND = new Handle(Opcodes.H_INVOKESTATIC, CriticalInstruction.TRAPS, "bind",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);

    private final Catalog catalog;
    private final Consumer<TrapSite> sites;
    private final Consumer<ClassVisitor> safepointAccessors;
    private final Map<String, CriticalInstruction> bridges = new LinkedHashMap<>();
    private final Set<Reflection> reflectionBridges = EnumSet.noneOf(Reflection.class);
    private final BitSet methods;
    private int methodIndex;
    private String internalName;
    private boolean isInterface;
    private int major;
    private boolean changed;

    /**
     * @param safepointAccessors adds the accessors that the class's safepoint polls call (see
     *                           {@link Safepoints}), as the class ends
     * @param methods            the methods to rewrite, by their place in the class (see
     *                           {@link Prescan#methodsUsing}), the others passed to {@code next} as
     *                           they are; {@code null} for every method
     */
    TrapClassVisitor(ClassVisitor next, Catalog catalog, Consumer<ClassVisitor> safepointAccessors, Consumer<TrapSite> sites,
            BitSet methods) {
        super(Opcodes.ASM9, next);
        this.catalog = catalog;
        this.safepointAccessors = safepointAccessors;
        this.sites = sites;
        this.methods = methods;
    }

    /** The catch types whose handlers could catch the end of a guest. */
    static final Set<String> GUARDED_CATCH_TYPES = Set.of("java/lang/Throwable", "java/lang/Error");

    /** Whether a handler catching this type could catch the end of a guest. */
    static boolean isGuardedCatchType(String internalName) {
        return GUARDED_CATCH_TYPES.contains(internalName);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        internalName = name;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        // LDC of a class constant needs class file version 49 (Java 5); older classes move up,
        // which changes nothing else in how they verify.
        major = version & 0xFFFF;
        int upgraded = major < (Opcodes.V1_5 & 0xFFFF) ? Opcodes.V1_5 : version;
        super.visit(upgraded, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (name.startsWith(BRIDGE_PREFIX)) {
            throw new IllegalStateException("method name " + name + " is reserved for jvisor");
        }
        int index = methodIndex++;
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (next == null || methods != null && !methods.get(index)) {
            return next; // a ClassWriter given the ClassReader copies a method it gets back untouched
        }
        return new TrapMethodVisitor(next, this, name, descriptor);
    }

    @Override
    public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if (name.startsWith(BRIDGE_PREFIX)) {
            throw new IllegalStateException("field name " + name + " is reserved for jvisor");
        }
        return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public void visitEnd() {
        bridges.values().forEach(this::writeBridge);
        reflectionBridges.forEach(this::writeReflectionBridge);
        safepointAccessors.accept(cv);
        super.visitEnd();
    }

    /**
     * The reflective calls whose target may be a trapped JDK member: {@code Method.invoke} and
     * {@code Constructor.newInstance}. Each is rewritten into a call of a bridge in the same class,
     * so that when the target is not trapped the original call is made by the guest's own class,
     * whose access rights the JDK checks (both are caller-sensitive):
     * <pre>
     *   private static synthetic jvisor$reflect$invoke(Method m, Object target, Object[] args) {
     *       if (Traps.isTrapped(m)) return Traps.invokeTrapped(m, target, args, ThisClass.class);
     *       return m.invoke(target, args);
     *   }
     * </pre>
     */
    enum Reflection {
        INVOKE("java/lang/reflect/Method", "invoke", "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;"),
        NEW_INSTANCE("java/lang/reflect/Constructor", "newInstance", "([Ljava/lang/Object;)Ljava/lang/Object;");

        final String owner;
        final String name;
        final String descriptor;

        Reflection(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        static Reflection of(int opcode, String owner, String name, String descriptor) {
            for (Reflection r : values()) {
                if (opcode == Opcodes.INVOKEVIRTUAL && r.owner.equals(owner) && r.name.equals(name) && r.descriptor.equals(descriptor)) {
                    return r;
                }
            }
            return null;
        }

        String bridgeName() {
            return BRIDGE_PREFIX + "reflect$" + name;
        }

        /** The bridge takes the receiver (the Method or Constructor) first. */
        String bridgeDescriptor() {
            return "(L" + owner + ";" + descriptor.substring(1);
        }
    }

    /**
     * The bridge that replaces a reflective call, or {@code null} if this class cannot have one:
     * an interface older than Java 8 has no static methods (and no code that could call it but its
     * static initialiser, which stays as it is).
     */
    Handle reflectionBridge(Reflection r) {
        if (isInterface && major < (Opcodes.V1_8 & 0xFFFF)) {
            return null;
        }
        changed = true;
        reflectionBridges.add(r);
        return new Handle(Opcodes.H_INVOKESTATIC, internalName, r.bridgeName(), r.bridgeDescriptor(), isInterface);
    }

    private void writeReflectionBridge(Reflection r) {
        String descriptor = r.bridgeDescriptor();
        MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                r.bridgeName(), descriptor, null, null);
        mv.visitCode();
        Type[] args = Type.getArgumentTypes(descriptor);
        Label untrapped = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, "isTrapped", "(Ljava/lang/reflect/Executable;)Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, untrapped);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        if (r == Reflection.INVOKE) {
            mv.visitVarInsn(Opcodes.ALOAD, 1);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        mv.visitVarInsn(Opcodes.ALOAD, args.length - 1);
        mv.visitLdcInsn(thisType());
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, "invokeTrapped",
                "(Ljava/lang/reflect/Executable;Ljava/lang/Object;[Ljava/lang/Object;Ljava/lang/Class;)Ljava/lang/Object;", false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(untrapped);
        if (major >= (Opcodes.V1_6 & 0xFFFF)) {
            Object[] locals = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                locals[i] = args[i].getInternalName();
            }
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
        }
        for (int i = 0; i < args.length; i++) {
            mv.visitVarInsn(Opcodes.ALOAD, i);
        }
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, r.owner, r.name, r.descriptor, false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Emits the call of a member's trap, with the member's operands on the stack: for a member
     * bound per class, in a class file that can hold one (Java 7 on), an {@code invokedynamic}
     * site that {@code Traps.bind} binds to this class's guest; else {@code LDC this} and the
     * static trap.
     */
    void callTrap(MethodVisitor mv, CriticalInstruction e) {
        if (e.binding() == CriticalInstruction.Binding.CLASS && major >= (Opcodes.V1_7 & 0xFFFF)) {
            mv.visitInvokeDynamicInsn(e.hook(), e.siteDescriptor(), BIND);
            return;
        }
        mv.visitLdcInsn(thisType());
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, e.hook(), e.hookDescriptor(), false);
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
            return new Handle(Opcodes.H_INVOKESTATIC, internalName, BRIDGE_PREFIX + e.hook(), e.siteDescriptor(), isInterface);
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

    private void writeBridge(CriticalInstruction e) {
        String descriptor = e.siteDescriptor();
        MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                BRIDGE_PREFIX + e.hook(), descriptor, null, null);
        mv.visitCode();
        int slot = 0;
        for (Type arg : Type.getArgumentTypes(descriptor)) {
            mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
            slot += arg.getSize();
        }
        callTrap(mv, e);
        mv.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
