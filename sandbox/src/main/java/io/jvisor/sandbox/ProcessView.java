package io.jvisor.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a hosted guest sees of the JVM's process: its own command line ({@link GuestCommand}) and
 * its own system properties, where {@code ProcessHandle.Info} and the JVM's {@code RuntimeMXBean}
 * would show the host's. Each look is decided as reading system properties, which hold the same.
 */
final class ProcessView {

    private ProcessView() {
    }

    /** The guest's view of a process's information: of the JVM's own process, the guest's command line. */
    static ProcessHandle.Info info(Guest g, ProcessHandle process, ProcessHandle.Info info) {
        if (process.pid() != ProcessHandle.current().pid()) {
            return info;
        }
        return new GuestInfo(g.command(), TrapDispatcher.properties(g, false).getProperty("java.home", ""), info);
    }

    /** The guest's view of what a {@code RuntimeMXBean} method returned. */
    static Object runtime(Guest g, String method, Object value) {
        Properties properties = TrapDispatcher.properties(g, false);
        switch (method) {
            case "getInputArguments":
                return g.command().options();
            case "getClassPath":
                return properties.getProperty("java.class.path");
            case "getLibraryPath":
                return properties.getProperty("java.library.path");
            case "getSystemProperties":
                Map<String, String> strings = new LinkedHashMap<>();
                for (String name : properties.stringPropertyNames()) {
                    strings.put(name, properties.getProperty(name));
                }
                return strings;
            default:
                return value;
        }
    }

    /**
     * The information of the JVM's process as its guest sees it: its command is {@code java} of the
     * guest's {@code java.home} with the guest's arguments; its user, start and CPU time are the
     * process's.
     */
    private static final class GuestInfo implements ProcessHandle.Info {
        private final GuestCommand command;
        private final String java;
        private final ProcessHandle.Info process;

        GuestInfo(GuestCommand command, String javaHome, ProcessHandle.Info process) {
            this.command = command;
            this.java = javaHome + "/bin/java";
            this.process = process;
        }

        @Override
        public Optional<String> command() {
            return Optional.of(java);
        }

        @Override
        public Optional<String> commandLine() {
            List<String> arguments = command.arguments();
            return Optional.of(arguments.isEmpty() ? java : java + " " + String.join(" ", arguments));
        }

        @Override
        public Optional<String[]> arguments() {
            return Optional.of(command.arguments().toArray(new String[0]));
        }

        @Override
        public Optional<Instant> startInstant() {
            return process.startInstant();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return process.totalCpuDuration();
        }

        @Override
        public Optional<String> user() {
            return process.user();
        }

        /** As the JDK's own: user, command, arguments, start and CPU time. */
        @Override
        public String toString() {
            return "[user: " + user() + ", cmd: " + java + ", args: " + command.arguments() + ", startTime: " + startInstant()
                    + ", totalTime: " + totalCpuDuration() + "]";
        }
    }
}
