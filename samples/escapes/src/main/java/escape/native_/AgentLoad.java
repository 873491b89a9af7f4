package escape.native_;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.management.ObjectName;

/**
 * Loads a Java agent into the running JVM through the {@code DiagnosticCommand} MBean's
 * {@code JVMTI.agent_load} (native {@code libinstrument} plus an agent jar it writes itself): the
 * agent's class is loaded by the system class loader, outside the guest, and gets an
 * {@code Instrumentation} that can rewrite any class, the sandbox's included. Its
 * {@code agentmain} writes FILE to show it ran.
 *
 * <p>Source: JEP 451, Prepare to Disallow the Dynamic Loading of Agents, https://openjdk.org/jeps/451
 */
public final class AgentLoad {

    private AgentLoad() {
    }

    /** The agent: runs in the system class loader with an Instrumentation. */
    public static final class Agent {
        private Agent() {
        }

        public static void agentmain(String file, Instrumentation instrumentation) throws IOException {
            try (FileOutputStream out = new FileOutputStream(file)) {
                out.write(("written by a Java agent that can redefine "
                        + instrumentation.getAllLoadedClasses().length + " classes\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    public static void main(String[] args) {
        String agentClass = "escape/native_/AgentLoad$Agent.class";
        try (InputStream in = AgentLoad.class.getResourceAsStream("AgentLoad$Agent.class")) {
            Path jar = Files.createTempDirectory("escape-agent").resolve("agent.jar");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Agent-Class", "escape.native_.AgentLoad$Agent");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                out.putNextEntry(new JarEntry(agentClass));
                out.write(in.readAllBytes());
            }
            // Quoted, or the command parser takes "jar=FILE" for a named option.
            String library = Path.of(System.getProperty("java.home"), "lib", "libinstrument.so").toString();
            Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "jvmtiAgentLoad",
                    new Object[] {new String[] {library, "\"" + jar + "=" + args[0] + "\""}}, new String[] {String[].class.getName()});
            System.out.println("native-jvmti-agent-load: JVMTI.agent_load answered '" + String.valueOf(result).trim() + "'");
        } catch (Throwable t) {
            System.out.println("native-jvmti-agent-load: " + t);
        }
    }
}
