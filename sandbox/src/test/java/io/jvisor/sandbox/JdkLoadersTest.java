package io.jvisor.sandbox;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which class loaders are the JDK's own: their classes are never a guest's, whichever thread made
 * them, nor rewritten.
 */
class JdkLoadersTest {

    /** An MXBean whose attribute tells the class loader of the JDK's code that called it. */
    public interface ProbeMXBean {
        String getCaller();
    }

    /** The loader of the first frame below the attribute's getter that is not a reflection frame of the JDK's. */
    public static final class Probe implements ProbeMXBean {
        private volatile ClassLoader callerLoader;

        @Override
        public String getCaller() {
            Optional<Class<?>> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass).skip(1)
                            .filter(c -> c.getClassLoader() != null).findFirst());
            callerLoader = caller.map(Class::getClassLoader).orElse(null);
            return caller.map(Class::getName).orElse("");
        }
    }

    @Test
    void theLoaderThroughWhichJmxCallsAnMBeanIsTheJdks() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.jvisor.test:type=Probe");
        Probe probe = new Probe();
        server.registerMBean(probe, name);
        try {
            String caller = JMX.newMXBeanProxy(server, name, ProbeMXBean.class).getCaller();
            // JDK 17 calls through a trampoline class that sun.reflect.misc.MethodUtil, a loader, defines
            if (caller.startsWith("sun.reflect.misc.")) {
                assertTrue(Hypervisor.isJdk(probe.callerLoader), caller + " is the JDK's");
            }
        } finally {
            server.unregisterMBean(name);
        }
    }

    @Test
    void theBootstrapAndPlatformLoadersAreTheJdksTheApplicationsAndAnyoneElsesAreNot() throws Exception {
        assertTrue(Hypervisor.isJdk(null));
        assertTrue(Hypervisor.isJdk(ClassLoader.getPlatformClassLoader()));
        assertFalse(Hypervisor.isJdk(ClassLoader.getSystemClassLoader()));
        try (URLClassLoader own = new URLClassLoader(new URL[0], null)) {
            assertFalse(Hypervisor.isJdk(own), "a public loader of java.base, which anybody makes");
        }
    }
}
