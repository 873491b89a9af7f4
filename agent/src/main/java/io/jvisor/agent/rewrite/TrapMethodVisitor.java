package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.CriticalInstruction;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites one method body (see {@link Rewriter} for the rules).
 *
 * <p>A guarded handler begins with {@code LDC this; INVOKESTATIC Traps.handlerEntered(Class)},
 * which throws an ended guest's end on from where the handler stands: into the handlers that
 * cover it, each of which throws it on in turn (a guarded one at once, a catch-all after its
 * {@code finally} or the release of its monitor). A block of its own outside every protected
 * range would skip the release of the monitors the method holds, and the JIT compilers, which
 * require every exit to release them, would never compile the method.
 */
final class TrapMethodVisitor extends MethodVisitor {

    private static final String HANDLER_ENTERED = "handlerEntered";
    private static final String HANDLER_ENTERED_DESCRIPTOR = "(Ljava/lang/Class;)V";
    private static final String SUPER_REFUSED = "superConstructorRefused";
    private static final String SUPER_REFUSED_DESCRIPTOR = "(Ljava/lang/String;Ljava/lang/Class;)V";

    private final TrapClassVisitor owner;
    private final String method;
    private final String descriptor;
    /** the labels of the guarded handlers whose guard is still to be written */
    private final Set<Label> guarded = new HashSet<>();
    /** the labels of the current offset, until an instruction follows them */
    private final List<Label> labelsHere = new ArrayList<>();
    /** the types of the {@code NEW}s whose constructor call is still to come, innermost last; whether each was DUPed */
    private final ArrayDeque<String> pendingNew = new ArrayDeque<>();
    private final ArrayDeque<Boolean> pendingDup = new ArrayDeque<>();
    private boolean afterNew;
    private int line = -1;

    TrapMethodVisitor(MethodVisitor next, TrapClassVisitor owner, String method, String descriptor) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.method = method;
        this.descriptor = descriptor;
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (type != null && TrapClassVisitor.isGuardedCatchType(type)) {
            guarded.add(handler);
            owner.markChanged();
        }
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        labelsHere.add(label);
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        CriticalInstruction e = this.owner.find(owner, name, desc);
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            constructorCall(owner, desc, isInterface, e);
            return;
        }
        if (e != null && opcode == e.kind().opcode()) {
            trap(e);
            return;
        }
        instruction();
        TrapClassVisitor.Reflection reflection = TrapClassVisitor.Reflection.of(opcode, owner, name, desc);
        Handle bridge = reflection == null ? null : this.owner.reflectionBridge(reflection);
        if (bridge != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, bridge.getOwner(), bridge.getName(), bridge.getDesc(), bridge.isInterface());
            return;
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
    }

    /**
     * A constructor call. After {@code NEW T; DUP; args} the stack holds two references to the
     * uninitialised object under the arguments; a trapped constructor becomes the hook, which
     * returns the object, and the uninitialised references are dropped:
     * {@code DUP_X2; POP; POP2} (just {@code POP2} without the {@code DUP}). A trapped
     * constructor called as {@code super(...)} by a guest's subclass would act outside its trap:
     * that call is refused at run time, unless the catalog names a {@link CriticalInstruction#superCall()}
     * that decides its arguments: {@code args; LDC this; INVOKESTATIC hook; INVOKESPECIAL <init>(X)}, or
     * for {@code <init>(X, b[, c])}, the call's other arguments kept over what the hook returns.
     */
    private void constructorCall(String type, String desc, boolean isInterface, CriticalInstruction e) {
        boolean fromNew = !pendingNew.isEmpty() && pendingNew.peekLast().equals(type);
        boolean dup = fromNew && pendingDup.peekLast();
        if (fromNew) {
            pendingNew.removeLast();
            pendingDup.removeLast();
        }
        if (e == null || e.kind() != CriticalInstruction.Kind.NEW) {
            instruction();
            super.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", desc, isInterface);
            return;
        }
        if (!fromNew) {
            instruction();
            owner.report(method, descriptor, line, TrapSite.Form.CALL, e);
            CriticalInstruction.SuperCall decided = e.superCall();
            if (decided != null) {
                // the arguments after the first copied under them, the hook given all, its result
                // moved under the copies: a b -> b a b -> b x -> x b; a b c -> b c a b c -> b c x -> x b c
                if (decided.arguments() == 2) {
                    super.visitInsn(Opcodes.DUP_X1);
                } else if (decided.arguments() == 3) {
                    super.visitInsn(Opcodes.DUP2_X1);
                }
                super.visitLdcInsn(owner.thisType());
                super.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, decided.hook(), e.superHookDescriptor(), false);
                if (decided.arguments() == 2) {
                    super.visitInsn(Opcodes.SWAP);
                } else if (decided.arguments() == 3) {
                    super.visitInsn(Opcodes.DUP_X2);
                    super.visitInsn(Opcodes.POP);
                }
                super.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", decided.constructor(), isInterface);
                return;
            }
            super.visitLdcInsn(e.displayName());
            super.visitLdcInsn(owner.thisType());
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, SUPER_REFUSED, SUPER_REFUSED_DESCRIPTOR, false);
            super.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", desc, isInterface);
            return;
        }
        trap(e);
        if (dup) {
            super.visitInsn(Opcodes.DUP_X2);
            super.visitInsn(Opcodes.POP);
        }
        super.visitInsn(Opcodes.POP2);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        CriticalInstruction e = this.owner.find(owner, name, desc);
        if (e != null && opcode == e.kind().opcode()) {
            trap(e);
            return;
        }
        instruction();
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        super.visitLdcInsn(owner.redirect(value, method, descriptor, line));
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
        instruction();
        Handle bsm = (Handle) owner.redirect(bootstrap, method, descriptor, line);
        super.visitInvokeDynamicInsn(name, desc, bsm, owner.redirectAll(arguments, method, descriptor, line));
    }

    @Override
    public void visitInsn(int opcode) {
        if (afterNew && opcode == Opcodes.DUP) {
            pendingDup.removeLast();
            pendingDup.addLast(Boolean.TRUE);
        }
        instruction();
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        instruction();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        instruction();
        if (opcode == Opcodes.NEW) {
            pendingNew.addLast(type);
            pendingDup.addLast(Boolean.FALSE);
            afterNew = true;
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        instruction();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        instruction();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        instruction();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        instruction();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int numDimensions) {
        instruction();
        super.visitMultiANewArrayInsn(desc, numDimensions);
    }

    private void trap(CriticalInstruction e) {
        instruction();
        owner.report(method, descriptor, line, TrapSite.Form.CALL, e);
        owner.callTrap(mv, e);
    }

    /** Before an instruction: the guard of a guarded handler that begins here; forgets the offset's labels. */
    private void instruction() {
        boolean guard = false;
        for (Label label : labelsHere) {
            guard |= guarded.remove(label);
        }
        if (guard) {
            super.visitLdcInsn(owner.thisType());
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CriticalInstruction.TRAPS, HANDLER_ENTERED,
                    HANDLER_ENTERED_DESCRIPTOR, false);
        }
        labelsHere.clear();
        afterNew = false;
    }
}
