package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NoInitialContextException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * JNDI makes a new {@code InitialContext}'s environment from a guest's own system properties, as
 * in a JVM of its own: a guest's {@code -Djava.naming.factory.initial} (given by {@code jvisor
 * run -D}, as a Java EE client or an embedded naming service is configured) names its factory.
 */
class GuestJndiIT {

    /** Looks a name up in its initial context, whose factory its property names. */
    private static final String NAMING = """
            package app;

            import java.lang.reflect.Proxy;
            import java.util.Hashtable;
            import javax.naming.Context;
            import javax.naming.InitialContext;
            import javax.naming.spi.InitialContextFactory;

            public final class Naming {
                /** A factory of the guest's own, whose contexts answer every look-up. */
                public static final class Factory implements InitialContextFactory {
                    @Override
                    public Context getInitialContext(Hashtable<?, ?> environment) {
                        return (Context) Proxy.newProxyInstance(Naming.class.getClassLoader(), new Class<?>[] {Context.class},
                                (proxy, method, args) -> method.getName().equals("lookup") ? "found " + args[0] + " at "
                                        + environment.get(Context.PROVIDER_URL) : null);
                    }
                }

                public static void main(String[] args) throws Exception {
                    System.out.println(new InitialContext().lookup("greeting"));
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestsOwnPropertiesNameItsInitialContextsFactory() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("naming"), Map.of("app.Naming", NAMING));
        Guest g = Hypervisor.get().start(GuestSpec.builder("naming").classPath(classes).mainClass("app.Naming")
                .property("java.naming.factory.initial", "app.Naming$Factory").property("java.naming.provider.url", "own://x")
                .disk(dir.resolve("disk")).console(Console.Mode.CAPTURE).build());
        GuestResult result = g.await(Duration.ofSeconds(60));
        assertNotNull(result, "the guest ended");
        assertEquals(0, result.exitStatus(), () -> result + g.console().capturedErr());
        assertEquals("found greeting at own://x" + System.lineSeparator(), g.console().capturedOut());
        assertThrows(NoInitialContextException.class, () -> new InitialContext().lookup("greeting"), "the host's, the JVM's: none");
    }
}
