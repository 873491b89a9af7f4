package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.OpenedClassReader;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Woven where the JDK reads system properties on a program's behalf, each time it acts for it:
 * where its XML factories find the class a property names, read their limits and features, and
 * the working directory a relative document resolves against; where JNDI makes the environment of
 * a new {@code InitialContext}; where XPath's {@code system-property} function hands a property
 * to the program's stylesheet or expression; where the JDK's security configuration (a login
 * configuration, a policy, a domain key store's, a PKCS#11 token's) expands {@code ${...}}; and
 * where Swing's file chooser finds the home directory.
 * A guest's properties are its own, so there its reads (by {@code System.getProperty}, or on JDK
 * 17 by the XML module's {@code SecuritySupport.getSystemProperty}) become calls of the guards,
 * which give a guest's thread its own: a guest's {@code -Djdk.xml.entityExpansionLimit} limits its
 * parsers, and neither XPath nor a login configuration's {@code ${user.home}} shows it the JVM's.
 * So does its environment where the JDK reads a variable its configuration names.
 *
 * <p>Only methods that read for the call at hand are guarded: what the JDK reads once and keeps
 * for the JVM (in a static initialiser) stays the JVM's, so that no guest sets it for the host or
 * the others. The XML configuration JDK 24 and later keep for the JVM is read from the host's
 * files (the JDK's {@code conf/jaxp.properties}, and the file {@code java.xml.config.file} names) on
 * the first thread that parses: {@link JvmConfiguration} has that thread read them as the host's,
 * where a guest's disk has no such file; so are the JVM's security properties, its providers'
 * configuration, and its login configuration and policy, made and (by {@link Refresh}) re-read.
 */
final class ConfigurationGuard {

    /** The XML module's reader of system properties on JDK 17 (a privileged action around {@code System.getProperty}). */
    private static final String XML_SECURITY_SUPPORT = "jdk.xml.internal.SecuritySupport";

    private ConfigurationGuard() {
    }

    /**
     * In the methods named: every read of a system property, with or without a default, becomes a
     * call of {@code hook}, a method of {@link Guards} of each form; a method reference to
     * {@code System.getProperty(String)} one to the hook (JDK 22 and later expand {@code ${...}}
     * in security configuration by {@code System::getProperty}).
     */
    static AsmVisitorWrapper reads(String hook, Collection<String> methods) {
        Method read = hook(hook, String.class);
        return new AsmVisitorWrapper.Compound(MemberSubstitution.relaxed()
                .method(propertyRead().and(takesArguments(String.class)))
                .replaceWith(read)
                .method(propertyRead().and(takesArguments(String.class, String.class)))
                .replaceWith(hook(hook, String.class, String.class))
                .on(declared(methods)),
                new AsmVisitorWrapper.ForDeclaredMethods().invokable(declared(methods), referencesTo(read)));
    }

    /** In the methods named: every read of a property as a number ({@code Integer.getInteger}) becomes a call of {@code Guards.integerShown}. */
    static AsmVisitorWrapper integerReads(Collection<String> methods) {
        return MemberSubstitution.relaxed()
                .method(isStatic().and(named("getInteger")).and(isDeclaredBy(Integer.class)).and(takesArguments(String.class)))
                .replaceWith(hook("integerShown", String.class))
                .on(declared(methods));
    }

    /** In the methods named: every read of an environment variable becomes a call of {@code Guards.environmentShown}. */
    static AsmVisitorWrapper environmentReads(Collection<String> methods) {
        return MemberSubstitution.relaxed()
                .method(isStatic().and(named("getenv")).and(isDeclaredBy(System.class)).and(takesArguments(String.class)))
                .replaceWith(hook("environmentShown", String.class))
                .on(declared(methods));
    }

    private static Method hook(String name, Class<?>... parameters) {
        try {
            return Guards.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("jvisor-hooks has no Guards." + name + Arrays.toString(parameters), e);
        }
    }

    /** Makes each method reference to {@code System.getProperty(String)} (a lambda's implementation) one to {@code hook}. */
    private static AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper referencesTo(Method hook) {
        Handle read = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(System.class), "getProperty",
                Type.getMethodDescriptor(Type.getType(String.class), Type.getType(String.class)), false);
        Handle guard = new Handle(Opcodes.H_INVOKESTATIC, Type.getInternalName(Guards.class), hook.getName(),
                Type.getMethodDescriptor(hook), false);
        return (type, method, visitor, context, pool, writerFlags, readerFlags) -> new MethodVisitor(OpenedClassReader.ASM_API, visitor) {
            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                Object[] replaced = arguments.clone();
                for (int i = 0; i < replaced.length; i++) {
                    if (read.equals(replaced[i])) {
                        replaced[i] = guard;
                    }
                }
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, replaced);
            }
        };
    }

    private static ElementMatcher.Junction<MethodDescription> propertyRead() {
        return isStatic().and(named("getProperty").and(isDeclaredBy(System.class))
                .or(named("getSystemProperty").and(isDeclaredBy(named(XML_SECURITY_SUPPORT)))));
    }

    /** The methods of these names, {@code <init>} for the constructors. */
    static ElementMatcher.Junction<MethodDescription> declared(Collection<String> names) {
        return namedOneOf(names.toArray(new String[0])).or(names.contains("<init>") ? isConstructor() : none());
    }

    /** Left by JNDI's read of one of its properties from the system properties ({@code com.sun.naming.internal.VersionHelper}). */
    static final class JndiProperty {

        private JndiProperty() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) int index, @Advice.FieldValue("PROPS") String[] keys,
                @Advice.Return(readOnly = false) String value) {
            value = Guards.jndiProperty(keys[index], value);
        }
    }

    /** Left by JNDI's read of all its properties at once. */
    static final class JndiProperties {

        private JndiProperties() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.FieldValue("PROPS") String[] keys, @Advice.Return(readOnly = false) String[] values) {
            values = Guards.jndiProperties(keys, values);
        }
    }

    /**
     * Entered by {@code refresh()} of the JDK's login configuration and policy: the JVM's re-reads
     * the host's files and the JVM's properties (left by {@link JvmConfiguration}'s exit).
     */
    static final class Refresh {

        private Refresh() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object configuration) {
            return Guards.jvmConfigurationRefreshing(configuration);
        }
    }

    /**
     * Entered by {@code ServiceLoader}'s read of a file of providers: one the JVM's class loader
     * found on the JVM's class path is read where it is (left by {@link JvmConfiguration}'s exit).
     */
    static final class JvmServiceFile {

        private JvmServiceFile() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.Argument(0) java.net.URL file) {
            return Guards.jvmServiceFileReading(file);
        }
    }

    /** Around the look-up of configuration the JDK keeps for the JVM: made from the host's files and the JVM's properties. */
    static final class JvmConfiguration {

        private JvmConfiguration() {
        }

        @Advice.OnMethodEnter
        static boolean enter() {
            return Guards.jvmConfigurationEntered();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            Guards.jvmConfigurationLeft(entered);
        }
    }
}
