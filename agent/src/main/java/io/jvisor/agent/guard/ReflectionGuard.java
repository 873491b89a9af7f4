package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * Woven where a member is called by reflection or a method handle is made: the JDK's own code
 * calling a trapped JDK member for a guest ({@code java.beans.Expression}, {@code XMLDecoder},
 * {@code EventHandler}, {@code jdk.dynalink}'s linker under Nashorn's scripts) calls its trap, as the
 * guest's own reflective call and lookup do after the rewrite. Without it, a guest named the member
 * and the JDK called it as the host's: the host's environment, properties set for the JVM.
 */
final class ReflectionGuard {

    private ReflectionGuard() {
    }

    /**
     * On {@code Method.invoke(Object, Object...)} and, from JDK 18, its private form with the
     * caller, which reflection and method handles call for {@code Method.invoke} itself (a guest's
     * {@code Method.invoke} of {@code Method.invoke} reached the member past the public form).
     */
    static final class Invoke {

        private Invoke() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object[] enter(@Advice.This Method method, @Advice.Argument(0) Object target, @Advice.Argument(1) Object[] args)
                throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
            return Guards.reflectiveCall(method, target, args);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object[] called, @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (called != null) {
                returned = called[0];
            }
        }
    }

    /**
     * Left by {@code Lookup}'s methods that find a method, a constructor or a field's getter, or
     * unreflect one. (A guest's constant-pool handles are rewritten with its classes; the JDK's
     * own resolution of them, which jvisor's code needs as any code does, is left alone.)
     */
    static final class LookupHandle {

        private LookupHandle() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This java.lang.invoke.MethodHandles.Lookup lookup,
                @Advice.Return(readOnly = false) java.lang.invoke.MethodHandle handle) {
            handle = Guards.lookupHandleMade(lookup, handle);
        }
    }

    /** On {@code sun.reflect.ReflectionFactory.newConstructorForSerialization(Class, Constructor)}. */
    static final class SerializationConstructor {

        private SerializationConstructor() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> type, @Advice.Argument(1) Constructor<?> constructor) {
            Guards.serializationAccess(type, constructor);
        }
    }

    /** On {@code sun.reflect.ReflectionFactory}'s other methods of a class. */
    static final class Serialization {

        private Serialization() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> type) {
            Guards.serializationAccess(type, null);
        }
    }

    /**
     * Entered at {@code Constructor.newInstanceWithCaller}, where {@code newInstance} and
     * {@code Class.newInstance} make their instances, with {@link Invoke}'s exit.
     */
    static final class NewInstance {

        private NewInstance() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object[] enter(@Advice.This Constructor<?> constructor, @Advice.Argument(0) Object[] args)
                throws IllegalAccessException, java.lang.reflect.InvocationTargetException {
            return Guards.reflectiveCall(constructor, null, args);
        }
    }
}
