package io.jvisor.agent.rewrite;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts safepoint polls into one method (see {@link Rewriter}), wherever its code could otherwise
 * run for ever without one:
 * <ul>
 *   <li>first in the method, if it calls anything (it may recurse);</li>
 *   <li>before every jump or switch to an earlier instruction: a loop's back-edge;</li>
 *   <li>first in every exception handler (a handler may protect itself: a loop without a jump).</li>
 * </ul>
 * Two kinds of code end by themselves and get no poll: a method that calls nothing gets none at
 * its entry (it cannot recurse, and its loops poll), and the back-edge of an innermost counted
 * loop that calls nothing:
 * <pre>
 *   L: ILOAD i; (ILOAD n | constant | ALOAD a; ARRAYLENGTH); IF_ICMPGE exit
 *      ... no call, no backward jump, no store to i, n or a ...
 *      IINC i 1; GOTO L
 * </pre>
 * which ends within 2<sup>31</sup> iterations, as the JIT compilers assume when they drop their own
 * safepoint polls from counted loops. Polls neither branch nor change the stack, so every frame
 * stays valid.
 */
final class Safepoints {

    private Safepoints() {
    }

    static void insert(MethodNode method, TrapClassVisitor owner) {
        InsnList code = method.instructions;
        if (code.size() == 0) {
            return;
        }
        AbstractInsnNode[] insns = code.toArray();
        Map<LabelNode, Integer> position = new HashMap<>();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i] instanceof LabelNode) {
                position.put((LabelNode) insns[i], i);
            }
        }
        List<AbstractInsnNode> pollBefore = new ArrayList<>();
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
        for (LabelNode handler : handlers) {
            AbstractInsnNode first = firstInstruction(handler);
            if (first != null && !pollBefore.contains(first)) {
                pollBefore.add(first);
            }
        }
        for (AbstractInsnNode insn : pollBefore) {
            code.insertBefore(insn, owner.poll());
        }
        if (calls) {
            code.insert(owner.poll());
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
        List<LabelNode> targets = new ArrayList<>();
        if (insn instanceof TableSwitchInsnNode) {
            TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
            targets.add(s.dflt);
            targets.addAll(s.labels);
        } else if (insn instanceof LookupSwitchInsnNode) {
            LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
            targets.add(s.dflt);
            targets.addAll(s.labels);
        }
        return targets.stream().anyMatch(l -> position.get(l) <= at);
    }

    /** Whether the backward {@code GOTO} at {@code at} closes an innermost counted loop that calls nothing. */
    private static boolean isCountedLoop(AbstractInsnNode[] insns, int at, Map<LabelNode, Integer> position) {
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
            if (isCall(insn) || jumpsBack(insn, k, position) || k != increment && insn instanceof IincInsnNode
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

    private static AbstractInsnNode firstInstruction(LabelNode label) {
        AbstractInsnNode n = label;
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }
}
