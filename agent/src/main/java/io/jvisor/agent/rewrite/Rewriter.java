package io.jvisor.agent.rewrite;

import io.jvisor.agent.catalog.Catalog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

import java.util.BitSet;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns every use of a critical instruction in a class file into a trap: a pure
 * {@code byte[] -> byte[]} function that needs no agent and loads no class.
 *
 * <p>What it rewrites:
 * <pre>
 *   call site        INVOKESTATIC/INVOKEVIRTUAL m   ->  LDC this; INVOKESTATIC Traps.hook
 *   field read       GETSTATIC f                    ->  LDC this; INVOKESTATIC Traps.hook
 *   either, of a member bound per class (catalog), in a class file of Java 7 or later
 *                                                   ->  INVOKEDYNAMIC hook [Traps.bind], bound at
 *                                                       its first call to this class's guest
 *   handle constant  MethodHandle(m) in LDC, in bootstrap arguments of INVOKEDYNAMIC and of
 *                    dynamic constants (method references, lambdas)
 *                                                   ->  MethodHandle(this.jvisor$trap$hook),
 *                                                       a synthetic static bridge to the trap
 *   catch handler    catch (Throwable) / catch (Error)
 *                                                   ->  first LDC this; INVOKESTATIC
 *                                                       Traps.handlerEntered, then the handler
 * </pre>
 * The last rule keeps a guest from catching its own end. A class the prescan finds no reason to
 * touch is returned as it is.
 *
 * <p>A rewriter {@link #withSafepoints() with safepoints} also makes the guest's code stoppable
 * (preemption: there is no {@code Thread.stop}): it polls its guest's
 * {@link io.jvisor.hooks.Safepoint} at every method entry, loop back-edge and exception handler.
 * <pre>
 *   poll (class)      INVOKESTATIC this.jvisor$trap$poll   a synthetic static method that reads
 *                                                          the safepoint from a synthetic static
 *                                                          field (set on first use) and polls it
 *   poll (interface)  LDC this; INVOKESTATIC Traps.safepoint
 *   poll (handler)    DUP; then as above, given what the handler caught (Traps.safepointInHandler)
 * </pre>
 * No class initialiser is added (it would change a serializable class's default
 * {@code serialVersionUID}), and every class with code is rewritten.
 *
 * <p>Existing stack-map frames are kept; none is computed from class hierarchies (which would load
 * classes through the wrong loader). Instances are immutable and thread-safe.
 */
public final class Rewriter {

    /** Major version of the newest class file format this rewriter reads (69: Java 25). */
    public static final int NEWEST_MAJOR_VERSION = Opcodes.V25 & 0xFFFF;

    /** Name prefix of the synthetic bridges that rewritten method handle constants point to. */
    public static final String BRIDGE_PREFIX = "jvisor$trap$";

    private final Prescan prescan;
    private final boolean safepoints;

    /** A rewriter for the given catalog, without safepoints. */
    public Rewriter(Catalog catalog) {
        this(new Prescan(Objects.requireNonNull(catalog, "catalog")), false);
    }

    private Rewriter(Prescan prescan, boolean safepoints) {
        this.prescan = prescan;
        this.safepoints = safepoints;
    }

    /**
     * A rewriter for a hosted guest's code: it traps the same catalog, adds safepoint polls to the
     * code it rewrites, and refuses a class that lies in jvisor's packages (but its API), which no
     * hosted guest's can be, as well as one that refers to them.
     */
    public Rewriter withSafepoints() {
        return new Rewriter(prescan.refusingOwnPackages(), true);
    }

    /** Whether this rewriter adds safepoint polls. */
    public boolean safepoints() {
        return safepoints;
    }

    /** The catalog this rewriter traps. */
    public Catalog catalog() {
        return prescan.catalog();
    }

    /**
     * Rewrites a class file.
     *
     * @param classFile the class file, not modified
     * @return the rewritten class file, or {@code classFile} itself if nothing needed rewriting
     * @throws RewriteException if the class file cannot be read or rewritten
     */
    public byte[] rewrite(byte[] classFile) {
        return rewrite(classFile, site -> { });
    }

    /**
     * Rewrites a class file and reports each use of a critical instruction it traps.
     *
     * @param classFile the class file, not modified
     * @param sites     receives each trapped site, in class-file order
     * @return the rewritten class file, or {@code classFile} itself if nothing needed rewriting
     * @throws RewriteException if the class file cannot be read or rewritten
     */
    public byte[] rewrite(byte[] classFile, Consumer<TrapSite> sites) {
        Objects.requireNonNull(sites, "sites");
        ClassReader reader = read(classFile);
        boolean[] critical = criticalEntries(reader);
        if (critical == null && !safepoints) {
            return classFile;
        }
        String className = reader.getClassName().replace('/', '.');
        try {
            // traps, guards and polls branch nowhere: the frames stay as they are, compressed
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            if (!safepoints) {
                BitSet methods = Prescan.methodsUsing(reader, critical);
                TrapClassVisitor trapper = new TrapClassVisitor(writer, prescan.catalog(), cv -> { }, sites, methods);
                reader.accept(trapper, 0);
                // The prescan over-approximates (a Throwable constant need not be a catch type).
                return trapper.changed() ? writer.toByteArray() : classFile;
            }
            // Where polls go depends on whole methods, and on the other methods of the class.
            ClassNode type = new ClassNode(Opcodes.ASM9);
            reader.accept(type, 0);
            Safepoints safepoints = Safepoints.insert(type);
            TrapClassVisitor trapper = new TrapClassVisitor(writer, prescan.catalog(), safepoints::writeAccessors, sites, null);
            type.accept(trapper);
            return trapper.changed() || safepoints.polls() > 0 ? writer.toByteArray() : classFile;
        } catch (RuntimeException e) {
            throw new RewriteException(className, "cannot rewrite " + className + ": " + describe(e), e);
        }
    }

    /**
     * Whether a class file references anything that {@link #rewrite} traps or guards (safepoints
     * aside); refuses a class that names jvisor's entry points.
     */
    public boolean needsRewrite(byte[] classFile) {
        return criticalEntries(read(classFile)) != null;
    }

    /**
     * The internal name a class file gives its class: what a transformer is not told of a class
     * defined without a name ({@code defineClass(null, ...)}, as XSLTC defines its translets),
     * whose name the JVM reads from its bytes.
     *
     * @return the name, or {@code null} if {@code classFile} is no class file this rewriter reads
     */
    public static String className(byte[] classFile) {
        try {
            return read(classFile).getClassName();
        } catch (RewriteException e) {
            return null;
        }
    }

    private boolean[] criticalEntries(ClassReader reader) {
        try {
            return prescan.criticalEntries(reader);
        } catch (RewriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RewriteException("<unknown>", "corrupt constant pool: " + describe(e), e);
        }
    }

    private static ClassReader read(byte[] classFile) {
        Objects.requireNonNull(classFile, "classFile");
        if (classFile.length < 10 || readInt(classFile, 0) != 0xCAFEBABE) {
            throw new RewriteException("<unknown>", "not a class file (bad magic number or truncated)", null);
        }
        int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
        if (major > NEWEST_MAJOR_VERSION) {
            throw new RewriteException("<unknown>", "class file version " + major + " (Java " + (major - 44)
                    + ") is newer than this jvisor reads (up to " + NEWEST_MAJOR_VERSION + ", Java "
                    + (NEWEST_MAJOR_VERSION - 44) + "); compile the guest for an older Java release "
                    + "or use a newer jvisor", null);
        }
        try {
            ClassReader reader = new ClassReader(classFile);
            // The constructor reads only the constant pool: check the header after it too.
            reader.getClassName();
            reader.getSuperName();
            reader.getInterfaces();
            return reader;
        } catch (RuntimeException e) {
            throw new RewriteException("<unknown>", "corrupt class file (" + describe(e)
                    + "): the class file is damaged; build its jar again, or fetch it again from where it came", e);
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
