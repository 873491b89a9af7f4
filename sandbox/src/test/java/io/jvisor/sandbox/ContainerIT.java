package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Containers, the contrast: a guest in {@link GuestSpec.Mode#CONTAINER} has its own classes and
 * statics and nothing else. It shares the JVM's properties and the host's files, runs unrewritten
 * (so nothing stops code of it that will not stop), and only its exit is kept from ending the JVM.
 * Each test runs the same program fully virtualised beside it, which isolates what the container
 * does not.
 */
class ContainerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static GuestSpec.Builder spec(String name, GuestSpec.Mode mode, String sample, String... args) {
        return GuestSpec.builder(name).mode(mode).classPath(Path.of(System.getProperty("sample." + sample)))
                .args(List.of(args)).console(Console.Mode.CAPTURE);
    }

    private static GuestResult run(GuestSpec spec) throws Exception {
        GuestResult result = Hypervisor.get().start(spec).await(PATIENCE);
        assertNotNull(result, "the guest ended");
        return result;
    }

    @Test
    void aContainerSharesTheJvmsPropertiesAFullGuestHasItsOwn() throws Exception {
        String key = "jvisor.container.it";
        try {
            run(spec("props-full", GuestSpec.Mode.FULL, "hello", "--set=" + key + "=full").build());
            assertNull(System.getProperty(key), "a fully virtualised guest's property is its own");
            run(spec("props-container", GuestSpec.Mode.CONTAINER, "hello", "--set=" + key + "=container").build());
            assertEquals("container", System.getProperty(key), "a container's property is the JVM's");
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aContainerWritesTheHostsFilesAFullGuestItsDisk(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("disk");
        Path host = dir.resolve("host");
        Files.createDirectories(host);
        run(spec("files-full", GuestSpec.Mode.FULL, "hello", "--write=" + host.resolve("full.txt") + "=x").disk(disk).build());
        assertFalse(Files.exists(host.resolve("full.txt")), "the fully virtualised guest wrote to its disk");
        assertTrue(Files.exists(disk.resolve(host.resolve("full.txt").toString().substring(1))), "on its disk, at the same path");
        run(spec("files-container", GuestSpec.Mode.CONTAINER, "hello", "--write=" + host.resolve("container.txt") + "=x").build());
        assertTrue(Files.exists(host.resolve("container.txt")), "the container wrote to the host's files");
    }

    @Test
    void aContainersClassesAreItsOwnAndNotRewritten() throws Exception {
        Guest container = Hypervisor.get().start(spec("classes-container", GuestSpec.Mode.CONTAINER, "busy", "spin-catching").build());
        Guest full = Hypervisor.get().start(spec("classes-full", GuestSpec.Mode.FULL, "busy", "spin-catching").build());
        try {
            assertTrue(container.console().awaitOut("started", PATIENCE));
            assertTrue(full.console().awaitOut("started", PATIENCE));
            Class<?> inContainer = container.classLoader().loadClass("guest.busy.Busy");
            Class<?> inFull = full.classLoader().loadClass("guest.busy.Busy");
            assertNotSame(inContainer, inFull, "each has its own classes, and so its own statics");
            assertFalse(hasJvisorMembers(inContainer), "the container's class is as compiled");
            assertTrue(hasJvisorMembers(inFull), "the full guest's class polls its safepoint");
        } finally {
            container.kill();
            full.kill();
        }
        assertTrue(full.awaitStopped(PATIENCE));
        assertFalse(container.awaitStopped(Duration.ofMillis(500)),
                "the container swallows the interrupt and its end, and sleeps on: nothing unwinds its unrewritten code");
    }

    private static boolean hasJvisorMembers(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(n -> n.startsWith("jvisor$"));
    }

    @Test
    void aContainersExitEndsOnlyTheContainer() throws Exception {
        GuestResult result = run(spec("exit-container", GuestSpec.Mode.CONTAINER, "exit", "4").build());
        assertEquals(GuestResult.Ending.EXIT, result.ending());
        assertEquals(4, result.exitStatus());
        assertEquals(GuestState.EXITED, result.state());
    }

    @Test
    void aContainersOutputIsItsOwnConsoles() throws Exception {
        Guest g = Hypervisor.get().start(spec("console-container", GuestSpec.Mode.CONTAINER, "hello", "a").build());
        assertNotNull(g.await(PATIENCE));
        assertTrue(g.console().capturedOut().startsWith("Hello from a jvisor guest."), g.console().capturedOut());
    }

    @Test
    void aContainerCannotHaveWhatItShares() {
        GuestStartException e = assertThrows(GuestStartException.class, () -> Hypervisor.get()
                .start(spec("props", GuestSpec.Mode.CONTAINER, "hello").property("a", "b").build()));
        assertEquals("guest 'props' runs as a container, which cannot have system properties of its own (it shares "
                + "the JVM's): run it fully virtualised (--mode full) for that", e.getMessage());
    }
}
