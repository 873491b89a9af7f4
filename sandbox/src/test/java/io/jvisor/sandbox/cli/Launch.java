package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code java -jar jvisor.jar ...} and plain {@code java ...} as processes of their own, on
 * the JDK that runs the test (so the JDK 25 run of the suite really starts JDK 25), and collects
 * their exit status and everything they wrote.
 */
final class Launch {

    /** How long one process may take before the test gives up on it. */
    static final long TIMEOUT_SECONDS = 60;

    private Launch() {
    }

    /** The {@code java} launcher of the JDK that runs this test. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The file or directory a system property set by the failsafe configuration names; it must exist. */
    static Path property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(),
                "system property " + name + " is not set: run the integration tests through Maven (mvn verify)");
        Path path = Path.of(value).toAbsolutePath();
        assertTrue(Files.exists(path), "system property " + name + " names " + path + ", which does not exist");
        return path;
    }

    /** The shaded, executable jvisor.jar under test. */
    static Path jvisorJar() {
        return property("jvisor.jar");
    }

    /** {@code jvisor ARGS} in {@code dir}, with empty standard input. */
    static Result jvisor(Path dir, String... args) {
        return jvisorWithInput(dir, "", args);
    }

    /**
     * {@code java -Xbootclasspath/a:jvisor-hooks.jar:jvisor-api.jar -jar jvisor.jar ARGS} in {@code dir},
     * as bin/jvisor runs it, with {@code input} as standard input. Its home is {@code dir/home}, so
     * that guests' default disks ({@code ~/.jvisor/disks/NAME}) stay inside the test's directory.
     */
    static Result jvisorWithInput(Path dir, String input, String... args) {
        return start(dir, input, jvisorCommand(dir, args));
    }

    /** {@link #jvisor} with exactly these environment variables (the host's configuration that JDK code of the host's reads). */
    static Result jvisorWithEnvironment(Path dir, Map<String, String> environment, String... args) {
        return start(dir, "", environment, jvisorCommand(dir, args));
    }

    /** The command line of {@code jvisor ARGS} in {@code dir}, as {@link #jvisorWithInput} runs it. */
    static List<String> jvisorCommand(Path dir, String... args) {
        return jvisorCommand(jvisorJar(), List.of(), dir, args);
    }

    /**
     * {@link #jvisor} from another copy of jvisor.jar (with jvisor-hooks.jar and jvisor-api.jar
     * beside it), and with options for its JVM.
     */
    static Result jvisorFrom(Path jar, List<String> jvmOptions, Path dir, String... args) {
        return start(dir, "", jvisorCommand(jar, jvmOptions, dir, args));
    }

    private static List<String> jvisorCommand(Path jar, List<String> jvmOptions, Path dir, String... args) {
        String boot = jar.resolveSibling("jvisor-hooks.jar") + java.io.File.pathSeparator + jar.resolveSibling("jvisor-api.jar");
        List<String> command = new ArrayList<>(List.of(java().toString(), "-Duser.home=" + dir.resolve("home")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xbootclasspath/a:" + boot, "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** {@code java ARGS} in {@code dir}, with empty standard input: the native run to compare with. */
    static Result java(Path dir, String... args) {
        return start(dir, "", javaCommand(args));
    }

    /**
     * {@link #java} with exactly these environment variables: a native run to compare with a guest,
     * whose environment is empty unless its policy gives it variables.
     */
    static Result javaWithEnvironment(Path dir, Map<String, String> environment, String... args) {
        return start(dir, "", environment, javaCommand(args));
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Runs a command to its end; fails the test if it takes longer than {@link #TIMEOUT_SECONDS}. */
    static Result start(Path dir, String input, List<String> command) {
        return start(dir, input, null, command);
    }

    /** {@link #start(Path, String, List)} with exactly these environment variables, or the test's if {@code null}. */
    private static Result start(Path dir, String input, Map<String, String> environment, List<String> command) {
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = Files.createTempFile("jvisor-it-", ".in");
            out = Files.createTempFile("jvisor-it-", ".out");
            err = Files.createTempFile("jvisor-it-", ".err");
            Files.writeString(in, input, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            // Options from the environment would change what the JVM prints ("Picked up ...").
            Map<String, String> env = pb.environment();
            if (environment != null) {
                env.clear();
                env.putAll(environment);
            }
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
            env.remove("_JAVA_OPTIONS");
            Process p = pb.start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    fail("still running after " + TIMEOUT_SECONDS + " s, destroyed: " + String.join(" ", command)
                            + "\n--- stdout:\n" + read(out) + "--- stderr:\n" + read(err));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + String.join(" ", command), e);
            }
            return new Result(List.copyOf(command), p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } finally {
            delete(in);
            delete(out);
            delete(err);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), Charset.defaultCharset());
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is no reason to fail a test
            }
        }
    }

    /** How a process ended and what it wrote. */
    record Result(List<String> command, int status, String stdout, String stderr) {

        /** Standard output, line by line. */
        List<String> outLines() {
            return lines(stdout);
        }

        /** Standard error, line by line. */
        List<String> errLines() {
            return lines(stderr);
        }

        /** The lines of standard error that are frames of a Java stack trace. */
        List<String> stackFrames() {
            return errLines().stream().filter(l -> l.startsWith("\tat ")).toList();
        }

        private static List<String> lines(String text) {
            List<String> parts = new ArrayList<>(List.of(text.split("\\R", -1)));
            // A final line separator leaves an empty last part, which is no line.
            if (parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
            return List.copyOf(parts);
        }

        /** Everything about the run, for assertion messages. */
        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\nexit status " + status
                    + "\n--- stdout:\n" + stdout + (stdout.endsWith("\n") || stdout.isEmpty() ? "" : "\n")
                    + "--- stderr:\n" + stderr + "---";
        }
    }
}
