package io.jvisor.agent.catalog;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.Objects;

/**
 * One row of the critical-instruction catalog: a privileged JDK member, how guest code reaches
 * it, and the trap that replaces that use.
 *
 * @param kind        how guest code reaches the member
 * @param owner       internal name of the declaring class, e.g. {@code java/lang/System}
 * @param name        the member's name
 * @param descriptor  the member's JVM descriptor; for a guard, {@value #EVERY_OVERLOAD} stands for
 *                    every method of the name that its class declares (every constructor)
 * @param category    the group shown in scan summaries, e.g. {@code exit}
 * @param operation   the policy operation that decides the trap, e.g. {@code exit}; for a guard
 *                    or trap that decides nothing (it shows the guest its own view, or counts
 *                    what it holds open), {@value #NO_OPERATION}
 * @param hook        the name of the {@code io.jvisor.hooks.Traps} method called instead
 * @param binding     how a rewritten use finds its guest
 * @param allowed     what the trap does when the policy allows the operation
 * @param denied      what the trap does when the policy denies it
 * @param superCall   how a guest subclass's {@code super(...)} call of this constructor is made
 *                    safe; {@code null} where it is refused at run time, and for every member
 *                    that is not a constructor
 */
public record CriticalInstruction(Kind kind, String owner, String name, String descriptor,
        String category, String operation, String hook, Binding binding, String allowed, String denied,
        SuperCall superCall) {

    /** Internal name of the class holding the trap entry points. */
    public static final String TRAPS = "io/jvisor/hooks/Traps";

    /** The descriptor of a guard row that stands for every method of its name. */
    public static final String EVERY_OVERLOAD = "*";

    /** The operation of a row that no policy decides. */
    public static final String NO_OPERATION = "-";

    /** How guest code reaches a privileged member. */
    public enum Kind {
        INVOKESTATIC(Opcodes.INVOKESTATIC, Opcodes.H_INVOKESTATIC),
        INVOKEVIRTUAL(Opcodes.INVOKEVIRTUAL, Opcodes.H_INVOKEVIRTUAL),
        GETSTATIC(Opcodes.GETSTATIC, Opcodes.H_GETSTATIC),
        /** a constructor ({@code <init>}) invoked on a new object; the trap returns the object */
        NEW(Opcodes.INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL),
        /** a JDK-internal choke point that a callee-side guard watches; never rewritten at call sites */
        GUARD(-1, -1);

        private final int opcode;
        private final int handleTag;

        Kind(int opcode, int handleTag) {
            this.opcode = opcode;
            this.handleTag = handleTag;
        }

        /** The instruction that uses the member. */
        public int opcode() {
            return opcode;
        }

        /** The method handle kind that refers to the member. */
        public int handleTag() {
            return handleTag;
        }

        /** The lower-case name the catalog file uses. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a rewritten use of a member finds its guest. */
    public enum Binding {
        /** each call passes the calling class to the hook: {@code LDC this; INVOKESTATIC Traps.hook} */
        CALL("call"),
        /**
         * an {@code invokedynamic} site that {@code Traps.bind} binds once to the guest of the class
         * holding it; a class file older than Java 7, which cannot hold one, calls the hook as
         * {@link #CALL} does
         */
        CLASS("class"),
        /** none: a guard, never rewritten at call sites */
        NONE("-");

        /** The name the catalog file uses. */
        private final String label;

        Binding(String label) {
            this.label = label;
        }

        static Binding of(String label) {
            for (Binding b : values()) {
                if (b.label.equals(label)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown binding '" + label + "'");
        }
    }

    /**
     * A trapped constructor that a guest's subclass calls as {@code super(...)}, which the trap
     * cannot replace (the object exists already): the rewriter passes the call's arguments to a
     * trap, which decides them as the constructor's trap would and returns the first argument of
     * another constructor of the class, called instead with it and the call's other arguments as
     * they are (a mode, whether to append, a charset).
     *
     * @param hook        the {@code io.jvisor.hooks.Traps} method that decides
     * @param constructor the descriptor of the constructor called instead
     */
    public record SuperCall(String hook, String constructor) {

        /** The most arguments a super call's constructor takes: the rewriter keeps them on the stack alone. */
        static final int MOST_ARGUMENTS = 3;

        public SuperCall {
            Objects.requireNonNull(hook, "hook");
            int arguments = Type.getArgumentTypes(Objects.requireNonNull(constructor, "constructor")).length;
            if (arguments < 1 || arguments > MOST_ARGUMENTS || Type.getReturnType(constructor) != Type.VOID_TYPE) {
                throw new IllegalArgumentException("the constructor a super call is made with instead takes one to "
                        + MOST_ARGUMENTS + " arguments: " + constructor);
            }
        }

        /** How many arguments the constructor called instead takes: the hook's result, then the call's others. */
        public int arguments() {
            return Type.getArgumentTypes(constructor).length;
        }

        /** Parses the catalog's {@code HOOK(DESCRIPTOR)}, or {@code -} for none ({@code null}). */
        static SuperCall of(String text) {
            if (text.equals("-")) {
                return null;
            }
            int open = text.indexOf('(');
            if (open <= 0) {
                throw new IllegalArgumentException("a super call is HOOK(DESCRIPTOR) or -, not '" + text + "'");
            }
            return new SuperCall(text.substring(0, open), text.substring(open));
        }
    }

    public CriticalInstruction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(binding, "binding");
        if ((kind == Kind.GUARD) != (binding == Binding.NONE)) {
            throw new IllegalArgumentException(owner + "." + name + descriptor + ": a guard, and only a guard, has no binding");
        }
        if (kind != Kind.GUARD && descriptor.equals(EVERY_OVERLOAD)) {
            throw new IllegalArgumentException(owner + "." + name + descriptor + ": only a guard stands for every overload");
        }
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(denied, "denied");
        if (superCall != null && kind != Kind.NEW) {
            throw new IllegalArgumentException(owner + "." + name + descriptor + ": only a constructor has a super call");
        }
        if (superCall != null) {
            Type[] trapped = Type.getArgumentTypes(descriptor);
            Type[] instead = Type.getArgumentTypes(superCall.constructor());
            boolean kept = trapped.length == instead.length;
            for (int i = 0; kept && i < trapped.length; i++) {
                kept = trapped[i].getSize() == 1 && (i == 0 || trapped[i].equals(instead[i]));
            }
            if (!kept) {
                throw new IllegalArgumentException(owner + "." + name + descriptor + ": a super call made with "
                        + superCall.constructor() + " keeps the constructor's arguments after the first, each of one slot");
            }
        }
    }

    /** Whether call sites of this member are rewritten (else a callee-side guard watches it). */
    public boolean isRewritten() {
        return kind != Kind.GUARD;
    }

    /**
     * The descriptor of the hook: the member's arguments (after the receiver, for instance
     * methods) followed by {@code Class} for the calling class, returning what the member returns.
     * Meaningful for rewritten members only.
     */
    public String hookDescriptor() {
        String caller = "Ljava/lang/Class;";
        switch (kind) {
            case GETSTATIC:
                return "(" + caller + ")" + descriptor;
            case NEW: {
                int close = descriptor.indexOf(')');
                return descriptor.substring(0, close) + caller + ")L" + owner + ";";
            }
            case INVOKEVIRTUAL: {
                int close = descriptor.indexOf(')');
                return "(L" + owner + ";" + descriptor.substring(1, close) + caller + descriptor.substring(close);
            }
            default: {
                int close = descriptor.indexOf(')');
                return descriptor.substring(0, close) + caller + descriptor.substring(close);
            }
        }
    }

    /**
     * The descriptor of the {@link #superCall()}'s hook: the constructor's arguments followed by
     * {@code Class} for the calling class, returning the argument of the constructor called
     * instead; {@code null} where there is no super call.
     */
    public String superHookDescriptor() {
        if (superCall == null) {
            return null;
        }
        int close = descriptor.indexOf(')');
        return descriptor.substring(0, close) + "Ljava/lang/Class;)" + Type.getArgumentTypes(superCall.constructor())[0].getDescriptor();
    }

    /**
     * The descriptor of what a rewritten use calls with the operands the member takes (the
     * receiver first for instance methods), returning what the member returns: the
     * {@link #hookDescriptor()} without the calling class. The type of a {@link Binding#CLASS}
     * site and of a method handle's bridge. Meaningful for rewritten members only.
     */
    public String siteDescriptor() {
        return hookDescriptor().replace("Ljava/lang/Class;)", ")");
    }

    /** The member as Java source would name it, e.g. {@code System.exit(int)}. */
    public String displayName() {
        String simpleOwner = owner.substring(owner.lastIndexOf('/') + 1);
        if (kind == Kind.GETSTATIC) {
            return simpleOwner + "." + name;
        }
        StringBuilder sb = kind == Kind.NEW ? new StringBuilder("new ").append(simpleOwner).append('(')
                : new StringBuilder(simpleOwner).append('.').append(name).append('(');
        if (descriptor.equals(EVERY_OVERLOAD)) {
            return sb.append("...)").toString();
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String cn = args[i].getClassName();
            sb.append(cn.substring(cn.lastIndexOf('.') + 1));
        }
        return sb.append(')').toString();
    }

    String key() {
        return key(owner, name, descriptor);
    }

    static String key(String owner, String name, String descriptor) {
        return owner + '.' + name + descriptor;
    }
}
