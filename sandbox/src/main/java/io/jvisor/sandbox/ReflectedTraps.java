package io.jvisor.sandbox;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.catalog.CriticalInstruction;
import io.jvisor.hooks.Traps;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private final Catalog catalog;
    private final Map<String, Method> traps = new HashMap<>();
    private final Map<Executable, Hook> hooks = new ConcurrentHashMap<>();

    ReflectedTraps(Catalog catalog) {
        this.catalog = catalog;
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
     * Every trapped member is declared by a class of the bootstrap loader, and only such members are
     * remembered: a guest's own classes are never held here after the guest has ended.
     */
    private Hook hook(Executable member) {
        if (member.getDeclaringClass().getClassLoader() != null) {
            return NONE;
        }
        return hooks.computeIfAbsent(member, this::find);
    }

    private Hook find(Executable member) {
        String owner = member.getDeclaringClass().getName().replace('.', '/');
        if (!catalog.isOwner(owner)) {
            return NONE;
        }
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
