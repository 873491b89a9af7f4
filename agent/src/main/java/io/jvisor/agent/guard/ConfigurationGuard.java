package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
 * a new {@code InitialContext}; and where XPath's {@code system-property} function hands a property
 * to the program's stylesheet or expression.
 * A guest's properties are its own, so there its reads (by {@code System.getProperty}, or on JDK
 * 17 by the XML module's {@code SecuritySupport.getSystemProperty}) become calls of the guards,
 * which give a guest's thread its own: a guest's {@code -Djdk.xml.entityExpansionLimit} limits its
 * parsers, and XPath shows it no property of the JVM's.
 *
 * <p>Only methods that read for the call at hand are guarded: what the JDK reads once and keeps
 * for the JVM (in a static initialiser) stays the JVM's, so that no guest sets it for the host or
 * the others. The XML configuration JDK 24 and later keep for the JVM is read from the host's
 * files (the JDK's {@code conf/jaxp.properties}, and the file {@code java.xml.config.file} names) on
 * the first thread that parses: {@link JvmConfiguration} has that thread read them as the host's,
 * where a guest's disk has no such file.
 */
final class ConfigurationGuard {

    /** The XML module's reader of system properties on JDK 17 (a privileged action around {@code System.getProperty}). */
    private static final String XML_SECURITY_SUPPORT = "jdk.xml.internal.SecuritySupport";

    private ConfigurationGuard() {
    }

    /**
     * In the methods named: every read of a system property, with or without a default, becomes a
     * call of {@code hook}, a method of {@link Guards} of each form.
     */
    static AsmVisitorWrapper reads(String hook, Collection<String> methods) {
        try {
            return MemberSubstitution.relaxed()
                    .method(propertyRead().and(takesArguments(String.class)))
                    .replaceWith(Guards.class.getMethod(hook, String.class))
                    .method(propertyRead().and(takesArguments(String.class, String.class)))
                    .replaceWith(Guards.class.getMethod(hook, String.class, String.class))
                    .on(declared(methods));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("jvisor-hooks has no Guards." + hook + "(String) and (String, String)", e);
        }
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

    /** Around the look-up of the XML configuration the JDK keeps for the JVM: made from the host's files and the JVM's properties. */
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
