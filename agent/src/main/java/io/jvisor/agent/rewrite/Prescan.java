package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The fast prescan: decides from the constant pool alone, without reading any code, whether a
 * class can use a critical instruction, call a method or constructor by reflection (which may be
 * a critical one), or catch the end of its guest; and, for a class that can, which of its methods
 * do, from their bytecode undecoded. A class that refers to jvisor's own entry
 * points before it is rewritten is refused: only the rewriter puts calls of them into guest code.
 */
final class Prescan {

    private static final int CLASS = 7;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int METHOD_HANDLE = 15;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;

    private static final int LDC_W = 19;
    private static final int LDC2_W = 20;
    private static final int WIDE = 196;

    /**
     * The length of each instruction by opcode (JVMS 6.5); 0 for the switches and {@code wide},
     * whose length depends on their operands, and for opcodes a class file may not hold.
     */
    private static final byte[] INSTRUCTION_SIZE = new byte[256];

    static {
        Arrays.fill(INSTRUCTION_SIZE, 0, 202, (byte) 1);
        for (int op : new int[] {Opcodes.BIPUSH, Opcodes.LDC, Opcodes.ILOAD, Opcodes.LLOAD, Opcodes.FLOAD, Opcodes.DLOAD,
                Opcodes.ALOAD, Opcodes.ISTORE, Opcodes.LSTORE, Opcodes.FSTORE, Opcodes.DSTORE, Opcodes.ASTORE,
                Opcodes.RET, Opcodes.NEWARRAY}) {
            INSTRUCTION_SIZE[op] = 2;
        }
        for (int op : new int[] {Opcodes.SIPUSH, LDC_W, LDC2_W, Opcodes.IINC, Opcodes.NEW, Opcodes.ANEWARRAY,
                Opcodes.CHECKCAST, Opcodes.INSTANCEOF, Opcodes.IFNULL, Opcodes.IFNONNULL}) {
            INSTRUCTION_SIZE[op] = 3;
        }
        Arrays.fill(INSTRUCTION_SIZE, Opcodes.IFEQ, Opcodes.JSR + 1, (byte) 3);
        Arrays.fill(INSTRUCTION_SIZE, Opcodes.GETSTATIC, Opcodes.INVOKESTATIC + 1, (byte) 3);
        INSTRUCTION_SIZE[Opcodes.MULTIANEWARRAY] = 4;
        INSTRUCTION_SIZE[Opcodes.INVOKEINTERFACE] = 5;
        INSTRUCTION_SIZE[Opcodes.INVOKEDYNAMIC] = 5;
        INSTRUCTION_SIZE[200] = 5; // goto_w
        INSTRUCTION_SIZE[201] = 5; // jsr_w
        INSTRUCTION_SIZE[Opcodes.TABLESWITCH] = 0;
        INSTRUCTION_SIZE[Opcodes.LOOKUPSWITCH] = 0;
        INSTRUCTION_SIZE[WIDE] = 0;
    }

    /** The package of jvisor's trap entry points, which only rewritten code calls. */
    private static final String HOOKS = "io/jvisor/hooks/";
    /**
     * jvisor's packages: its entry points, and the hypervisor, devices, agent, JUnit extension and
     * relocated libraries of {@code jvisor.jar}, which no hosted guest's code may reach (an
     * application that embeds jvisor does). Not its API, which guests call, nor other
     * {@code io.jvisor} names (its samples, its benchmarks' guests).
     */
    private static final List<String> JVISORS = List.of(HOOKS, "io/jvisor/sandbox/", "io/jvisor/agent/", "io/jvisor/internal/",
            "io/jvisor/junit/");

    private static final NameFilter GUARDED = new NameFilter(TrapClassVisitor.GUARDED_CATCH_TYPES);

    private final Catalog catalog;
    /** the owners of what {@link #isCriticalMember} may find */
    private final NameFilter owners;

    /**
     * Whether a class that lies in or refers to any of jvisor's packages ({@link #JVISORS}) is refused,
     * and not only one that refers to its entry points: so for a hosted guest's code, which can be
     * neither jvisor's own (scanned as a jar) nor an application that embeds jvisor.
     */
    private final boolean ownPackagesRefused;

    Prescan(Catalog catalog) {
        this(catalog, false);
    }

    private Prescan(Catalog catalog, boolean ownPackagesRefused) {
        this.ownPackagesRefused = ownPackagesRefused;
        this.catalog = catalog;
        List<String> names = new ArrayList<>(catalog.owners());
        for (TrapClassVisitor.Reflection r : TrapClassVisitor.Reflection.values()) {
            names.add(r.owner);
        }
        this.owners = new NameFilter(names);
    }

    /** This prescan, refusing classes in jvisor's packages too. */
    Prescan refusingOwnPackages() {
        return new Prescan(catalog, true);
    }

    /** The catalog whose members the prescan looks for. */
    Catalog catalog() {
        return catalog;
    }

    /**
     * Which entries of the constant pool, by index, a method must use to need the rewriter: the
     * members it traps or reflects on, the guarded catch types, the method handles of those
     * members, and, if there is such a handle, every dynamic constant and call site (whose
     * bootstrap arguments may hold it); {@code null} if there is none, and the class needs no
     * rewrite but for safepoints.
     *
     * @throws RewriteException if the class refers to jvisor's code other than its API
     */
    boolean[] criticalEntries(ClassReader reader) {
        // jvisor's own classes, scanned as a jar, may name each other
        boolean own = !ownPackagesRefused
                && NameFilter.startsWith(reader, NameFilter.classNameAt(reader, reader.readUnsignedShort(reader.header + 2)), HOOKS);
        boolean[] critical = new boolean[reader.getItemCount()];
        byte[] owner = new byte[critical.length]; // by Class entry: 0 unasked, 1 may own a critical member, 2 owns none
        char[] buffer = null;
        boolean any = false;
        boolean handles = false;
        for (int i = 1; i < critical.length; i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue; // second slot of a long or double
            }
            int tag = reader.readByte(offset - 1);
            if (tag == CLASS) {
                int name = reader.getItem(reader.readUnsignedShort(offset));
                if (!own && (ownPackagesRefused ? isJvisors(reader, name) : NameFilter.startsWith(reader, name, HOOKS))) {
                    String type = reader.readUTF8(offset, new char[reader.getMaxStringLength()]); // the class is refused
                    String named = reader.getClassName().replace('/', '.');
                    throw new RewriteException(named, type.equals(reader.getClassName())
                            ? named + " is in a package of jvisor's, where guest code may not define classes"
                            : named + " refers to " + type.replace('/', '.') + ", " + (type.startsWith("io/jvisor/hooks/")
                                    ? "an entry point of jvisor" : "a class of jvisor's") + " that guest code may not call", null);
                }
                if (GUARDED.mayContain(reader, name)) {
                    buffer = buffer != null ? buffer : new char[reader.getMaxStringLength()];
                    critical[i] = TrapClassVisitor.isGuardedCatchType(reader.readUTF8(offset, buffer));
                }
            } else if (tag == FIELDREF || tag == METHODREF || tag == INTERFACE_METHODREF) {
                int type = reader.readUnsignedShort(offset);
                if (owner[type] == 0) {
                    owner[type] = owners.mayContain(reader, NameFilter.classNameAt(reader, type)) ? (byte) 1 : (byte) 2;
                }
                if (owner[type] == 1) {
                    buffer = buffer != null ? buffer : new char[reader.getMaxStringLength()];
                    critical[i] = isCriticalMember(reader, offset, tag, buffer);
                }
            }
            any |= critical[i];
            handles |= tag == METHOD_HANDLE;
        }
        if (any && handles) {
            markHandles(reader, critical);
        }
        return any ? critical : null;
    }

    /** Whether the class name at {@code name} lies in jvisor's packages ({@link #JVISORS}). */
    private static boolean isJvisors(ClassReader reader, int name) {
        return NameFilter.startsWith(reader, name, "io/jvisor/") && JVISORS.stream().anyMatch(p -> NameFilter.startsWith(reader, name, p));
    }

    /** Marks the handles of critical members and, if there is one, what may hold it. */
    private static void markHandles(ClassReader reader, boolean[] critical) {
        boolean marked = false;
        for (int i = 1; i < critical.length; i++) {
            int offset = reader.getItem(i);
            if (offset != 0 && reader.readByte(offset - 1) == METHOD_HANDLE) {
                int member = reader.readUnsignedShort(offset + 1);
                critical[i] = member >= critical.length || critical[member];
                marked |= critical[i];
            }
        }
        for (int i = 1; marked && i < critical.length; i++) {
            int offset = reader.getItem(i);
            int tag = offset == 0 ? 0 : reader.readByte(offset - 1);
            critical[i] |= tag == DYNAMIC || tag == INVOKE_DYNAMIC;
        }
    }

    /**
     * The methods, by their place in the class file, whose code uses a {@link #criticalEntries
     * critical entry} or whose handlers catch a guarded type: the only ones the rewriter has to
     * visit (ASM copies the others as they are). Reads the bytecode without decoding it; an
     * opcode it does not know marks its method.
     */
    static BitSet methodsUsing(ClassReader reader, boolean[] critical) {
        char[] buffer = new char[reader.getMaxStringLength()];
        int at = reader.header + 6;
        at += 2 + 2 * reader.readUnsignedShort(at);
        int fields = reader.readUnsignedShort(at);
        at += 2;
        for (int f = 0; f < fields; f++) {
            at = skipAttributes(reader, at + 6);
        }
        int methods = reader.readUnsignedShort(at);
        at += 2;
        BitSet using = new BitSet(methods);
        for (int m = 0; m < methods; m++) {
            int attributes = reader.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                int length = reader.readInt(at + 2);
                if ("Code".equals(reader.readUTF8(at, buffer)) && codeUses(reader, at + 6, length, critical)) {
                    using.set(m);
                }
                at += 6 + length;
            }
        }
        return using;
    }

    private static int skipAttributes(ClassReader reader, int at) {
        int attributes = reader.readUnsignedShort(at);
        at += 2;
        for (int a = 0; a < attributes; a++) {
            at += 6 + reader.readInt(at + 2);
        }
        return at;
    }

    /** Whether the {@code Code} attribute whose body starts at {@code start} uses a critical entry. */
    private static boolean codeUses(ClassReader reader, int start, int length, boolean[] critical) {
        int code = start + 8;
        int end = code + reader.readInt(start + 4);
        if (end < code || end > start + length) {
            return true;
        }
        for (int pc = code; pc < end; ) {
            int op = reader.readByte(pc);
            int index = 0;
            int size = INSTRUCTION_SIZE[op];
            if (op == Opcodes.LDC) {
                index = reader.readByte(pc + 1);
            } else if (op == LDC_W || op == LDC2_W || op >= Opcodes.GETSTATIC && op <= Opcodes.INVOKEDYNAMIC) {
                index = reader.readUnsignedShort(pc + 1);
            } else if (op == Opcodes.TABLESWITCH || op == Opcodes.LOOKUPSWITCH) {
                int operands = pc + 1 + (3 - (pc - code) & 3); // padded to a multiple of 4 from the code's start
                int header = op == Opcodes.TABLESWITCH ? 12 : 8; // default, low, high; or default, npairs
                long entries = op == Opcodes.TABLESWITCH
                        ? (long) reader.readInt(operands + 8) - reader.readInt(operands + 4) + 1
                        : 2L * reader.readInt(operands + 4);
                if (entries < 0 || operands + header + 4 * entries > end) {
                    return true;
                }
                size = (int) (operands + header + 4 * entries - pc);
            } else if (op == WIDE) {
                size = reader.readByte(pc + 1) == Opcodes.IINC ? 6 : 4;
            } else if (size == 0) {
                return true;
            }
            if (index != 0 && (index >= critical.length || critical[index])) {
                return true;
            }
            pc += size;
        }
        for (int handlers = reader.readUnsignedShort(end), h = 0; h < handlers; h++) {
            int type = reader.readUnsignedShort(end + 2 + 8 * h + 6);
            if (type != 0 && (type >= critical.length || critical[type])) {
                return true;
            }
        }
        return false;
    }

    /** Whether a member reference names a member the rewriter traps or reflects on. */
    private boolean isCriticalMember(ClassReader reader, int offset, int tag, char[] buffer) {
        String owner = reader.readClass(offset, buffer);
        int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
        String name = reader.readUTF8(nameAndType, buffer);
        String descriptor = reader.readUTF8(nameAndType + 2, buffer);
        return catalog.isOwner(owner) && catalog.find(owner, name, descriptor) != null
                || tag == METHODREF && TrapClassVisitor.Reflection.of(Opcodes.INVOKEVIRTUAL, owner, name, descriptor) != null;
    }
}
