package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.hooks.Traps;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The trapped JDK members as reflection sees them: a guest's {@code Method.invoke} or
 * {@code Constructor.newInstance} of one goes to the trap its call would have gone to, found by
 * the catalog's hook column.
 */
final class ReflectedTraps {

    /** A trap entry point, and whether it takes the member's receiver first. */
    private record Hook(Method trap, boolean receiver) {
    }

    private static final Hook NONE = new Hook(null, false);
    /** Where jvisor's entry points live: no guest looks them up. */
    private static final String HOOKS_PACKAGE = Traps.class.getPackageName();

    private final Catalog catalog;
    private final Map<String, Method> traps = new HashMap<>();
    private final Map<Executable, Hook> hooks = new ConcurrentHashMap<>();
    /**
     * The names of a class's members the catalog traps ({@code <init>} for its constructors): most
     * classes have none, and most members of those that do are not trapped, both answered without
     * the member's look-up, which compares its parameter types.
     */
    private final ClassValue<Set<String>> trappedNames = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return type.getClassLoader() == null ? namesByOwner.getOrDefault(type.getName().replace('.', '/'), Set.of()) : Set.of();
        }
    };
    private final Map<String, Set<String>> namesByOwner;

    ReflectedTraps(Catalog catalog) {
        this.catalog = catalog;
        this.namesByOwner = catalog.entries().stream().filter(CriticalInstruction::isRewritten)
                .collect(Collectors.groupingBy(CriticalInstruction::owner, Collectors.mapping(CriticalInstruction::name, Collectors.toUnmodifiableSet())));
        for (Method m : Traps.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                traps.put(m.getName(), m);
            }
        }
    }

    boolean isTrapped(Executable member) {
        return hook(member) != NONE;
    }

    /** Calls a trapped member's trap with the checks and the exception wrapping of reflection. */
    Object invoke(Executable member, Object target, Object[] args, Class<?> caller)
            throws IllegalAccessException, InvocationTargetException {
        Hook hook = hook(member);
        if (hook == NONE) {
            throw new IllegalStateException(member + " is not trapped");
        }
        Object[] given = args == null ? new Object[0] : args;
        if (given.length != member.getParameterCount()) {
            throw new IllegalArgumentException("wrong number of arguments: " + given.length + " expected: "
                    + member.getParameterCount());
        }
        Object[] trapArgs = new Object[given.length + (hook.receiver() ? 2 : 1)];
        int at = 0;
        if (hook.receiver()) {
            if (target == null) {
                throw new NullPointerException("the receiver of " + member + " is null");
            }
            if (!member.getDeclaringClass().isInstance(target)) {
                throw new IllegalArgumentException("object is not an instance of declaring class");
            }
            trapArgs[at++] = target;
        }
        System.arraycopy(given, 0, trapArgs, at, given.length);
        trapArgs[trapArgs.length - 1] = caller;
        return hook.trap().invoke(null, trapArgs);
    }

    /**
     * A method handle that guest code looked up: for a trapped JDK member (a method, a
     * constructor, a field such as {@code System.out}), a handle of the same type to its trap,
     * bound to the caller; for any other member, the handle itself.
     *
     * @throws IllegalAccessException for jvisor's own entry points
     */
    MethodHandle handle(MethodHandle found, Class<?> caller) throws IllegalAccessException {
        Member member = member(found);
        if (member == null) {
            return found;
        }
        if (isEntryPoint(member)) {
            throw entryPointRefused(member);
        }
        Hook hook = hook(member);
        if (hook == NONE) {
            return found;
        }
        MethodHandle trap = MethodHandles.publicLookup().unreflect(hook.trap());
        MethodHandle bound = MethodHandles.insertArguments(trap, trap.type().parameterCount() - 1, caller).asType(found.type());
        return found.isVarargsCollector() ? bound.asVarargsCollector(found.type().lastParameterType()) : bound;
    }

    /**
     * Whether a member is one of jvisor's entry points ({@code io.jvisor.hooks}), which rewritten
     * code alone calls: called by a guest's reflection or handle, one would act as if the JDK had
     * (give back the quota a write reserved, say).
     */
    static boolean isEntryPoint(Member member) {
        return member.getDeclaringClass().getPackageName().equals(HOOKS_PACKAGE);
    }

    /** The refusal of a guest's call of one of jvisor's entry points. */
    static IllegalAccessException entryPointRefused(Member member) {
        return new IllegalAccessException("jvisor: " + member + " is an entry point of jvisor; guest code may not call it");
    }

    /** Whether a direct handle's member ({@link #member}) is a trapped one, to which {@link #handle} binds it. */
    boolean isTrapped(Member member) {
        return member != null && hook(member) != NONE;
    }

    /** The member of a direct handle, or {@code null} for one built from others (each looked up by itself). */
    static Member member(MethodHandle found) {
        try {
            return MethodHandles.reflectAs(Member.class, found);
        } catch (IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private Hook hook(Member member) {
        return member instanceof Executable ? hook((Executable) member) : staticFieldHook((Field) member);
    }

    /** The trap of a trapped static field's read ({@code System.out}), or {@link #NONE}. */
    private Hook staticFieldHook(Field field) {
        if (field.getDeclaringClass().getClassLoader() != null || !Modifier.isStatic(field.getModifiers())) {
            return NONE;
        }
        String owner = field.getDeclaringClass().getName().replace('.', '/');
        CriticalInstruction e = catalog.isOwner(owner)
                ? catalog.find(owner, field.getName(), MethodType.methodType(field.getType()).toMethodDescriptorString().substring(2)) : null;
        return e == null || e.kind() != CriticalInstruction.Kind.GETSTATIC ? NONE : new Hook(traps.get(e.hook()), false);
    }

    /**
     * Every trapped member is declared by a class of the bootstrap loader, and only such members are
     * remembered: a guest's own classes are never held here after the guest has ended.
     */
    private Hook hook(Executable member) {
        String name = member instanceof Constructor ? "<init>" : member.getName();
        return trappedNames.get(member.getDeclaringClass()).contains(name) ? hooks.computeIfAbsent(member, this::find) : NONE;
    }

    private Hook find(Executable member) {
        String owner = member.getDeclaringClass().getName().replace('.', '/');
        boolean constructor = member instanceof Constructor;
        Class<?> returns = constructor ? void.class : ((Method) member).getReturnType();
        String descriptor = MethodType.methodType(returns, member.getParameterTypes()).toMethodDescriptorString();
        CriticalInstruction e = catalog.find(owner, constructor ? "<init>" : member.getName(), descriptor);
        if (e == null || constructor != (e.kind() == CriticalInstruction.Kind.NEW)) {
            return NONE;
        }
        return new Hook(traps.get(e.hook()), e.kind() == CriticalInstruction.Kind.INVOKEVIRTUAL);
    }
}
