package guest.plugins.host;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * A plugin host: an ordinary program that knows nothing of jvisor. It loads every jar of a plugin
 * directory in a class loader of its own (the plugin's class is named by the jar manifest's
 * {@code Plugin-Class}), runs each plugin, prints one line for each and writes them to a report.
 * <pre>{@code
 * java -jar plugins.jar [PLUGIN_DIR [REPORT]]     # default: /plugins and /data/report.txt
 * }</pre>
 * Exit status 0 if the report was written, 1 if not.
 */
public final class PluginHost {

    private PluginHost() {
    }

    public static void main(String[] args) throws IOException {
        Path plugins = Path.of(args.length > 0 ? args[0] : "/plugins");
        Path report = Path.of(args.length > 1 ? args[1] : "/data/report.txt");
        List<String> lines = new ArrayList<>();
        for (Path jar : jars(plugins)) {
            String line = run(jar);
            System.out.println(line);
            lines.add(line);
        }
        // Written from a lambda, as hosts do: its body is the host's code, its class a hidden one of the JDK's making.
        attempt("write the report", () -> {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.write(report, lines);
            System.out.println("report: " + lines.size() + " plugins, written to " + report);
        });
    }

    /** Work that may fail with an {@code IOException}. */
    private interface Action {
        void run() throws IOException;
    }

    /** Does it, or says what failed and exits with status 1. */
    private static void attempt(String what, Action action) {
        try {
            action.run();
        } catch (IOException e) {
            System.err.println("cannot " + what + ": " + e);
            System.exit(1);
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            entries.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }

    /** Loads and runs the plugin of a jar: its report line. */
    private static String run(Path jar) {
        String name = jar.getFileName().toString();
        try {
            String className;
            try (JarFile file = new JarFile(jar.toFile())) {
                className = file.getManifest().getMainAttributes().getValue("Plugin-Class");
            }
            if (className == null) {
                return name + ": no Plugin-Class in its manifest";
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginHost.class.getClassLoader());
            Plugin plugin = loader.loadClass(className).asSubclass(Plugin.class).getDeclaredConstructor().newInstance();
            name = plugin.name();
            return name + ": " + plugin.run();
        } catch (Exception e) {
            return name + " failed: " + e;
        }
    }
}
