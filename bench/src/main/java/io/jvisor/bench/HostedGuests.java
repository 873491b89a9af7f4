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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Starts guests for the benchmarks that host them, through the hypervisor of a jvisor fork (whose
 * agent jar provides jvisor's classes; benchmarks.jar holds none of them). Kept out of the
 * benchmark classes, which the driver inspects in a JVM without jvisor.
 */
final class HostedGuests {

    private HostedGuests() {
    }

    /**
     * A new jar that holds some classes of this jar only, the first its main class: a guest as
     * small as its program.
     */
    static Path jarOf(Class<?> main, Class<?>... others) throws IOException {
        Path jar = Files.createTempFile("jvisor-bench-" + main.getSimpleName(), ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> c : Stream.concat(Stream.of(main), Stream.of(others)).toList()) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /**
     * Runs {@link TrivialGuest} from a jar as a hosted guest of a mode (with its disk in
     * {@code disk}, but as a container, which has none), and waits until it has ended and its last
     * thread is gone.
     *
     * @return how it ended
     */
    static Object runTrivial(Path jar, Path disk, GuestSpec.Mode mode) throws Exception {
        return run(List.of(jar), TrivialGuest.class, List.of(), disk, mode);
    }

    /** Runs a main class of this jar from a class path as {@link #runTrivial} runs {@link TrivialGuest}. */
    static Object run(List<Path> classPath, Class<?> main, List<String> args, Path disk, GuestSpec.Mode mode) throws Exception {
        GuestSpec.Builder spec = GuestSpec.builder(mode.name().toLowerCase(Locale.ROOT)).mainClass(main.getName())
                .args(args).console(Console.Mode.CAPTURE).mode(mode);
        classPath.forEach(spec::classPath);
        if (mode != GuestSpec.Mode.CONTAINER) {
            spec.disk(disk);
        }
        Guest g = Hypervisor.get().start(spec.build());
        Object result = g.await();
        if (!g.awaitStopped(Duration.ofSeconds(60))) {
            throw new IllegalStateException("guest " + main.getSimpleName() + " did not stop");
        }
        if (!g.console().capturedErr().isEmpty()) {
            throw new IllegalStateException("guest " + main.getSimpleName() + " failed: " + g.console().capturedErr());
        }
        return result;
    }

    /** Runs a main class of this jar from a class path in a new {@code java} process, the plain JVM of this one; its exit status. */
    static int runProcess(List<Path> classPath, Class<?> main, List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)),
                main.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
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

    /**
     * The operations of {@link Operations} as a container's copy makes them: starts an idle
     * container from a jar of {@link IdleGuest} and {@link Operations} and calls its
     * {@code Operations.of}. The container is killed when {@code opened} is closed.
     */
    @SuppressWarnings("unchecked") // Operations.of's own result type, across class loaders
    static Map<String, Callable<Object>> containerOperations(Path file, Path output, List<AutoCloseable> opened) throws Exception {
        Guest guest = startIdle(jarOf(IdleGuest.class, Operations.class), "operations", 0, true);
        opened.add(() -> {
            guest.kill();
            guest.awaitStopped(Duration.ofSeconds(60));
        });
        Class<?> copy = guest.classLoader().loadClass(Operations.class.getName());
        if (copy == Operations.class) {
            throw new IllegalStateException("the container's Operations is the benchmark's own");
        }
        return (Map<String, Callable<Object>>) copy.getMethod("of", Path.class, Path.class, List.class)
                .invoke(null, file, output, opened);
    }
}
