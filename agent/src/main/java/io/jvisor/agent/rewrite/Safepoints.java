package io.jvisor.agent.rewrite;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts safepoint polls into a class's methods (see {@link Rewriter}), wherever their code could
 * otherwise run for ever without one:
 * <ul>
 *   <li>first in the method, if it calls anything (it may recurse);</li>
 *   <li>before every jump or switch to an earlier instruction: a loop's back-edge;</li>
 *   <li>first in every exception handler (a handler may protect itself: a loop without a jump),
 *       given what the handler caught: the exception of a stop that is unwinding the thread
 *       passes, so that the handler runs and throws it on (see {@code Safepoint.pollHandler});
 *       but in a catch-all handler that covers itself, which would catch the poll's own throw.</li>
 * </ul>
 * Two kinds of code end by themselves and get no poll: a method that calls nothing gets none at
 * its entry (it cannot recurse, and its loops poll), and the back-edge of an innermost counted
 * loop that calls nothing but <em>bounded</em> methods of its own class (static or private, so
 * that no override runs instead, without a call or a backward jump of their own):
 * <pre>
 *   L: ILOAD i; (ILOAD n | constant | ALOAD a; ARRAYLENGTH); IF_ICMPGE exit
 *      ... no other call, no backward jump, no store to i, n or a ...
 *      IINC i 1; GOTO L
 * </pre>
 * which ends within 2<sup>31</sup> iterations, as the JIT compilers assume when they drop their own
 * safepoint polls from counted loops. Polls neither branch nor change the stack, so every frame
 * stays valid.
 *
 * <p>A poll calls a synthetic accessor that {@link #writeAccessors} adds. A loop's back-edge and a
 * handler ({@code DUP} first, the accessor taking what it caught) read their guest's safepoint from
 * a field of the class:
 * <pre>
 *   private static synthetic transient Safepoint jvisor$trap$safepoint;
 *   private static synthetic void jvisor$trap$poll() {
 *       Safepoint s = jvisor$trap$safepoint;
 *       if (s == null) jvisor$trap$safepoint = s = Traps.safepointOf(ThisClass.class);
 *       s.poll();
 *   }
 *   private static synthetic void jvisor$trap$poll(Throwable caught) {
 *       ... s.pollHandler(caught);
 *   }
 * </pre>
 * (an interface, whose fields are final, through {@code LDC this; INVOKESTATIC Traps.safepoint},
 * or {@code Traps.safepointInHandler}).
 * A method's entry, in a class file of Java 7 or later (an interface: Java 8, which may have
 * private static methods), polls through an {@code invokedynamic} linked once to its guest's
 * safepoint, which calls nothing, and which the JIT compilers drop, until a stop is first
 * requested (see {@code Safepoint}):
 * <pre>
 *   private static synthetic void jvisor$trap$enter() {
 *       invokedynamic poll()V [Traps.bindSafepoint]
 *   }
 * </pre>
 * so recursion pays nothing while its guest runs. Loops keep the read: the first stop makes the
 * JVM throw away the code compiled without the entries' polls (a handshake with every thread),
 * which a loop that spins on a core of its own would otherwise have to wait for before it could
 * stop; with the read, each thread stops as soon as it runs (a kill of eight spinning threads on
 * two cores: 3 ms, against 22 ms with every poll dropped).
 */
final class Safepoints {

    private static final String SAFEPOINT = "io/jvisor/hooks/Safepoint";
    private static final String SAFEPOINT_DESCRIPTOR = "L" + SAFEPOINT + ";";
    private static final String FIELD = Rewriter.BRIDGE_PREFIX + "safepoint";
    private static final String POLL = Rewriter.BRIDGE_PREFIX + "poll";
    private static final String ENTER = Rewriter.BRIDGE_PREFIX + "enter";
    /** The descriptor of a handler's poll, which takes what the handler caught. */
    private static final String CAUGHT = "(Ljava/lang/Throwable;)V";

    private final ClassNode type;
    private final boolean isInterface;
    /** Whether the class's method entries poll through an {@code invokedynamic} (see {@link #writeAccessors}). */
    private final boolean boundEntries;
    /** name + descriptor of the bounded methods of the class */
    private final Set<String> bounded = new HashSet<>();
    private int polls;
    private boolean pollsByField;
    private boolean handlerPollsByField;
    private boolean pollsByEntry;

    private Safepoints(ClassNode type) {
        this.type = type;
        this.isInterface = (type.access & Opcodes.ACC_INTERFACE) != 0;
        int major = type.version & 0xFFFF;
        this.boundEntries = isInterface ? major >= (Opcodes.V1_8 & 0xFFFF) : major >= (Opcodes.V1_7 & 0xFFFF);
        for (MethodNode m : type.methods) {
            if ((m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0 && isBounded(m)) {
                bounded.add(m.name + m.desc);
            }
        }
    }

    /**
     * Puts polls into every method of a class.
     *
     * @return the polls put in, whose accessors {@link #writeAccessors} adds
     */
    static Safepoints insert(ClassNode type) {
        Safepoints s = new Safepoints(type);
        for (MethodNode m : type.methods) {
            s.insert(m);
        }
        return s;
    }

    /** How many polls the class got. */
    int polls() {
        return polls;
    }

    /** Whether a method ends within a bound of its own length: it calls nothing and never jumps back. */
    private static boolean isBounded(MethodNode m) {
        AbstractInsnNode[] insns = m.instructions.toArray();
        Map<LabelNode, Integer> position = positions(insns);
        for (int i = 0; i < insns.length; i++) {
            if (isCall(insns[i]) || jumpsBack(insns[i], i, position)) {
                return false;
            }
        }
        return true;
    }

    private static Map<LabelNode, Integer> positions(AbstractInsnNode[] insns) {
        Map<LabelNode, Integer> position = new HashMap<>();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i] instanceof LabelNode) {
                position.put((LabelNode) insns[i], i);
            }
        }
        return position;
    }

    /**
     * A poll of this class's safepoint at a back-edge, or first in a handler, given what the
     * handler caught (a copy): stack-neutral, without a branch.
     */
    private InsnList poll(boolean caught) {
        polls++;
        InsnList poll = new InsnList();
        if (caught) {
            poll.add(new InsnNode(Opcodes.DUP));
        }
        if (isInterface) {
            poll.add(new LdcInsnNode(org.objectweb.asm.Type.getObjectType(type.name)));
            poll.add(new MethodInsnNode(Opcodes.INVOKESTATIC, io.jvisor.agent.catalog.CriticalInstruction.TRAPS,
                    caught ? "safepointInHandler" : "safepoint",
                    caught ? "(Ljava/lang/Throwable;Ljava/lang/Class;)V" : "(Ljava/lang/Class;)V", false));
        } else {
            pollsByField |= !caught;
            handlerPollsByField |= caught;
            poll.add(new MethodInsnNode(Opcodes.INVOKESTATIC, type.name, POLL, caught ? CAUGHT : "()V", false));
        }
        return poll;
    }

    /** A poll at a method's entry: bound by {@code invokedynamic} where the class file can hold one. */
    private InsnList entryPoll() {
        if (!boundEntries) {
            return poll(false);
        }
        polls++;
        pollsByEntry = true;
        InsnList poll = new InsnList();
        poll.add(new MethodInsnNode(Opcodes.INVOKESTATIC, type.name, ENTER, "()V", isInterface));
        return poll;
    }

    private void insert(MethodNode method) {
        InsnList code = method.instructions;
        if (code.size() == 0) {
            return;
        }
        AbstractInsnNode[] insns = code.toArray();
        Map<LabelNode, Integer> position = positions(insns);
        Set<AbstractInsnNode> pollBefore = new java.util.LinkedHashSet<>();
        boolean calls = false;
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode insn = insns[i];
            calls |= isCall(insn);
            if (jumpsBack(insn, i, position) && !(insn.getOpcode() == Opcodes.GOTO && isCountedLoop(insns, i, position))) {
                pollBefore.add(insn);
            }
        }
        Set<LabelNode> handlers = new HashSet<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            handlers.add(block.handler);
        }
        // A catch-all handler that covers itself (javac's release of a monitor) would catch its
        // own poll's throw: the poll could stop nothing there, and its exception edge into the
        // handler itself keeps C1 from compiling the method.
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            int at = position.get(block.handler);
            if (block.type == null && position.get(block.start) <= at && at < position.get(block.end)) {
                handlers.remove(block.handler);
            }
        }
        for (LabelNode handler : handlers) {
            AbstractInsnNode first = firstInstruction(handler);
            if (first != null) {
                code.insertBefore(first, poll(true));
            }
        }
        for (AbstractInsnNode insn : pollBefore) {
            code.insertBefore(insn, poll(false));
        }
        if (calls) {
            code.insert(entryPoll());
        }
    }

    private static boolean isCall(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op >= Opcodes.INVOKEVIRTUAL && op <= Opcodes.INVOKEDYNAMIC || op == Opcodes.JSR;
    }

    /** Whether an instruction may jump to itself or an earlier instruction. */
    private static boolean jumpsBack(AbstractInsnNode insn, int at, Map<LabelNode, Integer> position) {
        if (insn instanceof JumpInsnNode) {
            return position.get(((JumpInsnNode) insn).label) <= at;
        }
        if (insn.getOpcode() == Opcodes.RET) {
            return true;
        }
        if (insn instanceof TableSwitchInsnNode) {
            TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
            return jumpsBack(s.dflt, s.labels, at, position);
        }
        if (insn instanceof LookupSwitchInsnNode) {
            LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
            return jumpsBack(s.dflt, s.labels, at, position);
        }
        return false;
    }

    /** Whether a switch at {@code at} may jump to itself or an earlier instruction. */
    private static boolean jumpsBack(LabelNode dflt, List<LabelNode> labels, int at, Map<LabelNode, Integer> position) {
        if (position.get(dflt) <= at) {
            return true;
        }
        for (LabelNode l : labels) {
            if (position.get(l) <= at) {
                return true;
            }
        }
        return false;
    }

    /** Whether a call goes to a bounded method of this class. */
    private boolean callsBounded(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode)) {
            return false;
        }
        MethodInsnNode call = (MethodInsnNode) insn;
        return call.owner.equals(type.name) && call.getOpcode() != Opcodes.INVOKEINTERFACE && bounded.contains(call.name + call.desc);
    }

    /**
     * Whether the backward {@code GOTO} at {@code at} closes an innermost counted loop that calls
     * nothing but bounded methods.
     */
    private boolean isCountedLoop(AbstractInsnNode[] insns, int at, Map<LabelNode, Integer> position) {
        int head = position.get(((JumpInsnNode) insns[at]).label);
        int i = next(insns, head);
        if (i < 0 || insns[i].getOpcode() != Opcodes.ILOAD) {
            return false;
        }
        int counter = ((VarInsnNode) insns[i]).var;
        i = next(insns, i + 1);
        if (i < 0) {
            return false;
        }
        int bound = -1;
        int array = -1;
        int op = insns[i].getOpcode();
        if (op == Opcodes.ILOAD) {
            bound = ((VarInsnNode) insns[i]).var;
        } else if (op == Opcodes.ALOAD) {
            array = ((VarInsnNode) insns[i]).var;
            i = next(insns, i + 1);
            if (i < 0 || insns[i].getOpcode() != Opcodes.ARRAYLENGTH) {
                return false;
            }
        } else if (!isIntConstant(insns[i])) {
            return false;
        }
        i = next(insns, i + 1);
        if (i < 0 || insns[i].getOpcode() != Opcodes.IF_ICMPGE || position.get(((JumpInsnNode) insns[i]).label) <= at) {
            return false;
        }
        int increment = previous(insns, at - 1);
        if (increment <= i || !(insns[increment] instanceof IincInsnNode)
                || ((IincInsnNode) insns[increment]).var != counter || ((IincInsnNode) insns[increment]).incr != 1) {
            return false;
        }
        for (int k = i + 1; k < at; k++) {
            AbstractInsnNode insn = insns[k];
            if (isCall(insn) && !callsBounded(insn) || jumpsBack(insn, k, position) || k != increment && insn instanceof IincInsnNode
                    && ((IincInsnNode) insn).var == counter) {
                return false;
            }
            if (insn instanceof VarInsnNode && insn.getOpcode() >= Opcodes.ISTORE && insn.getOpcode() <= Opcodes.ASTORE) {
                int var = ((VarInsnNode) insn).var;
                if (var == counter || var == bound || var == array) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isIntConstant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5 || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH
                || op == Opcodes.LDC && ((org.objectweb.asm.tree.LdcInsnNode) insn).cst instanceof Integer;
    }

    /** The index of the first real instruction at or after {@code from}, or -1. */
    private static int next(AbstractInsnNode[] insns, int from) {
        for (int i = from; i < insns.length; i++) {
            if (insns[i].getOpcode() >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the last real instruction at or before {@code from}, or -1. */
    private static int previous(AbstractInsnNode[] insns, int from) {
        for (int i = from; i >= 0; i--) {
            if (insns[i].getOpcode() >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Adds the accessors the polls call (see the class's description) to the rewritten class. */
    void writeAccessors(ClassVisitor cv) {
        if (pollsByEntry) {
            MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, ENTER, "()V", null, null);
            mv.visitCode();
            mv.visitInvokeDynamicInsn("poll", "()V", new Handle(Opcodes.H_INVOKESTATIC, io.jvisor.agent.catalog.CriticalInstruction.TRAPS,
                    "bindSafepoint", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;", false));
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        if (!pollsByField && !handlerPollsByField) {
            return;
        }
        cv.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_TRANSIENT,
                FIELD, SAFEPOINT_DESCRIPTOR, null, null).visitEnd();
        if (pollsByField) {
            writePoll(cv, false);
        }
        if (handlerPollsByField) {
            writePoll(cv, true);
        }
    }

    /** The accessor of the polls by field: of a loop's back-edge, or of a handler, which takes what it caught. */
    private void writePoll(ClassVisitor cv, boolean caught) {
        String owner = type.name;
        String descriptor = SAFEPOINT_DESCRIPTOR;
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, POLL,
                caught ? CAUGHT : "()V", null, null);
        mv.visitCode();
        Label known = new Label();
        mv.visitFieldInsn(Opcodes.GETSTATIC, owner, FIELD, descriptor);
        mv.visitInsn(Opcodes.DUP);
        mv.visitJumpInsn(Opcodes.IFNONNULL, known);
        mv.visitInsn(Opcodes.POP);
        mv.visitLdcInsn(org.objectweb.asm.Type.getObjectType(owner));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, io.jvisor.agent.catalog.CriticalInstruction.TRAPS, "safepointOf",
                "(Ljava/lang/Class;)" + descriptor, false);
        mv.visitInsn(Opcodes.DUP);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, FIELD, descriptor);
        mv.visitLabel(known);
        if ((type.version & 0xFFFF) >= (Opcodes.V1_6 & 0xFFFF)) {
            Object[] locals = caught ? new Object[] {"java/lang/Throwable"} : new Object[0];
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {SAFEPOINT});
        }
        if (caught) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SAFEPOINT, "pollHandler", CAUGHT, false);
        } else {
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SAFEPOINT, "poll", "()V", false);
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static AbstractInsnNode firstInstruction(LabelNode label) {
        AbstractInsnNode n = label;
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }
}
