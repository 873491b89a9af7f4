package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestResult;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.Jvisor;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A host application that embeds jvisor as a library, started without any agent: it attaches the
 * hypervisor at run time and runs the guest jar it is given, with the arguments that follow, on
 * a disk in the directory given first; then it prints the property of the JDK's
 * {@code net.properties} that the system property {@value #NET_PROPERTY} names, if it is set, and
 * the JVM's default SSL context where {@value #TLS_DEFAULT} is {@code true}. {@code EmbeddingIT}
 * starts it as a plain {@code java} process.
 */
public final class EmbeddingHost {

    private EmbeddingHost() {
    }

    public static void main(String[] args) throws Exception {
        Hypervisor hypervisor = Jvisor.attach();
        System.out.println("host: attached, the same hypervisor again: " + (Jvisor.attach() == hypervisor));
        Guest guest = hypervisor.start(GuestSpec.builder("embedded").classPath(Path.of(args[1])).disk(Path.of(args[0]))
                .args(Arrays.asList(args).subList(2, args.length)).build());
        GuestResult result = guest.await();
        System.out.println("host: guest ended with status " + result.exitStatus() + ", the host goes on");
        String netProperty = System.getProperty(NET_PROPERTY);
        if (netProperty != null) {
            // what the JDK read from its net.properties for the JVM, on whichever thread first needed it
            Object value = Class.forName("sun.net.NetProperties").getMethod("get", String.class).invoke(null, netProperty);
            System.out.println("host: " + netProperty + "=" + value);
        }
        if (Boolean.getBoolean(TLS_DEFAULT)) {
            try {
                System.out.println("host: default SSL context " + javax.net.ssl.SSLContext.getDefault().getProtocol());
            } catch (java.security.NoSuchAlgorithmException e) {
                System.out.println("host: no default SSL context: " + e);
            }
        }
    }

    /** The system property that, {@code true}, has the host make the JVM's default SSL context at the end. */
    static final String TLS_DEFAULT = "embedding.tlsDefault";

    /** The system property that names a property of the JDK's {@code net.properties} to print at the end. */
    static final String NET_PROPERTY = "embedding.netProperty";
}
