package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestResult;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.Jvisor;

import java.nio.file.Path;

/**
 * A host application that embeds jvisor and lets a guest parse XML first in its JVM; then it parses
 * the guest's document itself. Arguments: the guest's disk, its class path, its main class, its
 * argument. {@code GuestXmlIT} starts it as a plain {@code java} process.
 */
public final class XmlHost {

    private XmlHost() {
    }

    public static void main(String[] args) throws Exception {
        Hypervisor hypervisor = Jvisor.attach();
        Guest guest = hypervisor.start(GuestSpec.builder("first-parser").disk(Path.of(args[0])).classPath(Path.of(args[1]))
                .mainClass(args[2]).args(java.util.List.of(args[3])).build());
        GuestResult result = guest.await();
        System.out.println("host: guest ended with status " + result.exitStatus());
        System.out.println("host: " + GuestXmlIT.parse(args[3]));
    }
}
