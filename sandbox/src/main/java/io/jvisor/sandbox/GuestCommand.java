package io.jvisor.sandbox;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line of a hosted guest, as the {@code java} launcher would have run it alone: the
 * options its host gave it ({@code -Dname=value}), its class path (the guest paths its disk mounts
 * it at), its main class and its arguments. What the guest sees as its process's command, in
 * place of the JVM's.
 *
 * @param mainClass {@code null} for a guest that no launcher started (a scope of the application's)
 */
record GuestCommand(List<String> options, String classPath, String mainClass, List<String> args) {

    /** The command of a guest that no launcher started: no option, class path or main class. */
    static final GuestCommand NONE = new GuestCommand(List.of(), "", null, List.of());

    static GuestCommand of(GuestSpec spec, String mainClass) {
        List<String> options = new ArrayList<>();
        for (Map.Entry<String, String> p : spec.properties().entrySet()) {
            options.add("-D" + p.getKey() + "=" + p.getValue());
        }
        String classPath = spec.classPath().stream().map(entry -> entry.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return new GuestCommand(List.copyOf(options), classPath, mainClass, spec.args());
    }

    /** What follows {@code java}: the options, the class path, the main class and the arguments. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(options);
        if (mainClass != null) {
            arguments.add("-cp");
            arguments.add(classPath);
            arguments.add(mainClass);
            arguments.addAll(args);
        }
        return arguments;
    }

    /** What the launcher keeps in the property {@code sun.java.command}: the main class and the arguments. */
    String javaCommand() {
        List<String> command = new ArrayList<>();
        if (mainClass != null) {
            command.add(mainClass);
            command.addAll(args);
        }
        return String.join(" ", command);
    }
}
