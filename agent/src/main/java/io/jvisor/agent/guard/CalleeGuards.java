package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The callee-side guards: advice woven into the JDK's choke points by retransformation, so that a
 * privileged operation a guest reaches without passing its trap (reflection, method handles, a
 * dynamic language's runtime) still meets the hypervisor. Today: {@code Runtime.exit},
 * {@code halt}, {@code addShutdownHook} and {@code removeShutdownHook}, {@code System.setIn},
 * {@code setOut} and {@code setErr}, the start of every process, every connect and bind of a
 * socket, and every name lookup.
 */
public final class CalleeGuards {

    /** The JDK-internal class where every socket connects and binds (the same in JDK 17 to 25). */
    private static final String NET = "sun.nio.ch.Net";
    /** The JDK-internal class where every datagram is sent, DatagramSocket's included (JDK 17 to 25). */
    private static final String DATAGRAMS = "sun.nio.ch.DatagramChannelImpl";

    /** The JDK classes the guards are woven into; loaded here, so that all are woven at once. */
    private static final List<String> GUARDED = Stream.of(Runtime.class, ProcessBuilder.class, System.class,
                    java.net.InetAddress.class, jdkClass(NET), jdkClass(DATAGRAMS))
            .map(Class::getName).collect(Collectors.toList());

    /** Byte Buddy's switch for its use of Unsafe (relocated with Byte Buddy in the shaded jars). */
    private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";

    private CalleeGuards() {
    }

    /** Loads (without initialising) a JDK class that is not exported, and so has no class literal here. */
    private static Class<?> jdkClass(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JDK has no " + name + ", where jvisor guards the network", e);
        }
    }

    /**
     * Weaves the guards into the loaded JDK classes.
     *
     * @param instrumentation an instrumentation that can retransform classes
     * @throws IllegalStateException if the guard entry points are not on the bootstrap class
     *                               path (the woven JDK code could not reach them), or a JDK class
     *                               cannot be retransformed
     */
    public static void install(Instrumentation instrumentation) {
        if (Guards.class.getClassLoader() != null) {
            throw new IllegalStateException("the guard entry points (jvisor-hooks.jar) are not on the bootstrap class path");
        }
        if (!instrumentation.isRetransformClassesSupported()) {
            throw new IllegalStateException("this JVM cannot retransform classes, which jvisor's guards need");
        }
        // Byte Buddy's Unsafe-based class injection is not needed to weave advice, and JDK 24+
        // warns on its first use of sun.misc.Unsafe.
        if (System.getProperty(BYTE_BUDDY_SAFE) == null) {
            System.setProperty(BYTE_BUDDY_SAFE, "true");
        }
        List<String> errors = new CopyOnWriteArrayList<>();
        List<String> woven = new CopyOnWriteArrayList<>();
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.Listener.ErrorEscalating.FAIL_FAST)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                            boolean loaded, DynamicType dynamicType) {
                        woven.add(type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
                        errors.add(typeName + ": " + error);
                    }
                })
                .ignore(none())
                .type(named("java.lang.Runtime"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ExitGuard.class).on(named("exit").or(named("halt")).and(takesArguments(int.class))))
                        .visit(Advice.to(ShutdownHookGuard.class).on(named("addShutdownHook").and(takesArguments(Thread.class))))
                        .visit(Advice.to(ShutdownHookGuard.Removal.class)
                                .on(named("removeShutdownHook").and(takesArguments(Thread.class)))))
                .type(named("java.lang.ProcessBuilder"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ProcessGuard.class).on(named("start").and(takesArguments(1)).and(isPrivate())))
                        .visit(Advice.to(ProcessGuard.Environment.class).on(named("environment").and(takesArguments(0)))))
                .type(named(NET))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Connect.class).on(named("connect").and(takesArguments(4))))
                        .visit(Advice.to(NetworkGuard.Bind.class).on(named("bind").and(takesArguments(4)))))
                .type(named(DATAGRAMS))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Send.class).on(named("send").and(takesArguments(2)))))
                .type(named("java.net.InetAddress"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(NetworkGuard.Resolve.class).on(named("getAddressesFromNameService")
                                .and(takesArgument(0, String.class))))
                        .visit(Advice.to(NetworkGuard.LocalHost.class).on(named("getLocalHost").and(takesArguments(0)))))
                .type(named("java.lang.System"))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(StdioGuard.class).on(named("setIn").or(named("setOut")).or(named("setErr"))
                                .and(takesArguments(1)))))
                .installOn(instrumentation);
        List<String> missing = new java.util.ArrayList<>(GUARDED);
        missing.removeAll(woven);
        if (!errors.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("jvisor could not weave its guards into the JDK: "
                    + (errors.isEmpty() ? String.join(", ", missing) + " not transformed" : String.join("; ", errors)));
        }
    }
}
