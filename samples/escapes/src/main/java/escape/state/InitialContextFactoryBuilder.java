package escape.state;

import javax.naming.spi.NamingManager;

/**
 * Sets the JVM's one builder of initial contexts, for good: every {@code new InitialContext(env)}
 * of the host then calls the guest's builder, on the host's thread, with the host's environment,
 * its credentials included, and gets the guest's context.
 *
 * <p>Source: JDK API, {@code NamingManager.setInitialContextFactoryBuilder},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.naming/javax/naming/spi/NamingManager.html#setInitialContextFactoryBuilder(javax.naming.spi.InitialContextFactoryBuilder)
 */
public final class InitialContextFactoryBuilder {

    private InitialContextFactoryBuilder() {
    }

    public static void main(String[] args) {
        try {
            NamingManager.setInitialContextFactoryBuilder(environment -> {
                System.out.println("state-jndi-context-builder: the host's environment " + environment);
                return env -> null;
            });
        } catch (Throwable t) {
            System.out.println("state-jndi-context-builder: " + t);
        }
        System.out.println("state-jndi-context-builder: a builder is set: " + NamingManager.hasInitialContextFactoryBuilder());
    }
}
