package io.jvisor.bench;

import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.device.Console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Starts guests for the benchmarks that host them, through the hypervisor of a jvisor fork (whose
 * agent jar provides jvisor's classes; benchmarks.jar holds none of them). Kept out of the
 * benchmark classes, which the driver inspects in a JVM without jvisor.
 */
final class HostedGuests {

    private HostedGuests() {
    }

    /** A new jar that holds one class of this jar only: a guest as small as its program. */
    static Path jarOf(Class<?> main) throws IOException {
        Path jar = Files.createTempFile("jvisor-bench-" + main.getSimpleName(), ".jar");
        String entry = main.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             InputStream in = main.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    /**
     * Runs {@link TrivialGuest} from a jar as a hosted guest, a container or fully virtualised (with
     * its disk in {@code disk}), and waits until it has ended and its last thread is gone.
     *
     * @return how it ended
     */
    static Object runTrivial(Path jar, Path disk, boolean container) throws Exception {
        GuestSpec.Builder spec = GuestSpec.builder(container ? "container" : "full").classPath(jar)
                .mainClass(TrivialGuest.class.getName()).console(Console.Mode.CAPTURE)
                .mode(container ? GuestSpec.Mode.CONTAINER : GuestSpec.Mode.FULL);
        if (!container) {
            spec.disk(disk);
        }
        Guest g = Hypervisor.get().start(spec.build());
        Object result = g.await();
        if (!g.awaitStopped(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the trivial guest did not stop");
        }
        return result;
    }

    /**
     * Starts {@link IdleGuest} from this benchmark's jar as a hosted guest with its disk in a
     * temporary directory, and waits until it has started.
     *
     * @param spinners how many threads of the guest spin
     */
    static Guest startIdle(String name, int spinners) throws Exception {
        return startIdle(Path.of(HostedGuests.class.getProtectionDomain().getCodeSource().getLocation().toURI()), name, spinners, false);
    }

    /**
     * Starts {@link IdleGuest} from a jar as {@link #startIdle(String, int)} does, or as a
     * container (which has no disk).
     */
    static Guest startIdle(Path jar, String name, int spinners, boolean container) throws Exception {
        GuestSpec.Builder spec = GuestSpec.builder(name).classPath(jar).mainClass(IdleGuest.class.getName())
                .args(List.of(Integer.toString(spinners))).console(Console.Mode.CAPTURE)
                .mode(container ? GuestSpec.Mode.CONTAINER : GuestSpec.Mode.FULL);
        if (!container) {
            spec.disk(Files.createTempDirectory("jvisor-bench-disk"));
        }
        Guest g = Hypervisor.get().start(spec.build());
        if (!g.console().awaitOut("started", Duration.ofSeconds(60))) {
            throw new IllegalStateException("guest " + name + " did not start: " + g.console().capturedErr());
        }
        return g;
    }
}
