package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * The fast prescan: decides from the constant pool alone, without reading any code, whether a
 * class can use a critical instruction, call a method or constructor by reflection (which may be
 * a critical one), or catch the end of its guest. A class that refers to jvisor's own entry
 * points before it is rewritten is refused: only the rewriter puts calls of them into guest code.
 */
final class Prescan {

    private static final int CLASS = 7;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;

    /** The package of jvisor's trap entry points, which only rewritten code calls. */
    private static final String HOOKS = "io/jvisor/hooks/";

    private Prescan() {
    }

    static boolean needsRewrite(ClassReader reader, Catalog catalog) {
        char[] buffer = new char[reader.getMaxStringLength()];
        boolean hooks = reader.getClassName().startsWith(HOOKS); // jvisor's own entry points, scanned as a jar
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue; // second slot of a long or double
            }
            int tag = reader.readByte(offset - 1);
            if (tag == FIELDREF || tag == METHODREF || tag == INTERFACE_METHODREF) {
                String owner = reader.readClass(offset, buffer);
                boolean reflective = owner.startsWith("java/lang/reflect/");
                if (catalog.isOwner(owner) || reflective) {
                    int nameAndType = reader.getItem(reader.readUnsignedShort(offset + 2));
                    String name = reader.readUTF8(nameAndType, buffer);
                    String descriptor = reader.readUTF8(nameAndType + 2, buffer);
                    if (catalog.find(owner, name, descriptor) != null || reflective && tag == METHODREF
                            && TrapClassVisitor.Reflection.of(Opcodes.INVOKEVIRTUAL, owner, name, descriptor) != null) {
                        return true;
                    }
                }
            } else if (tag == CLASS) {
                String type = reader.readUTF8(offset, buffer);
                if (type.startsWith(HOOKS) && !hooks) {
                    throw new RewriteException(reader.getClassName().replace('/', '.'), reader.getClassName().replace('/', '.')
                            + " refers to " + type.replace('/', '.') + ", an entry point of jvisor that guest code may not call", null);
                }
                if (TrapClassVisitor.isGuardedCatchType(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a class names a catch type that the rewriter guards (see
     * {@link TrapClassVisitor#isGuardedCatchType}): only then does it need the whole frames of
     * the class's methods, which ASM expands at a cost.
     */
    static boolean namesGuardedCatchType(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset != 0 && reader.readByte(offset - 1) == CLASS
                    && TrapClassVisitor.isGuardedCatchType(reader.readUTF8(offset, buffer))) {
                return true;
            }
        }
        return false;
    }
}
