package escape.info;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;

/**
 * Reads the JVM's options, class path, name and system properties from its {@code RuntimeMXBean}:
 * the host's, whatever the guest's own {@code System.getProperties()} says.
 *
 * <p>Source: JDK API, {@code RuntimeMXBean.getInputArguments} and {@code getSystemProperties}, which
 * needed {@code ManagementPermission("monitor")} under the SecurityManager,
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.management/java/lang/management/RuntimeMXBean.html;
 * MITRE ATT&amp;CK T1082, System Information Discovery, https://attack.mitre.org/techniques/T1082/
 */
public final class RuntimeMXBeanArguments {

    private RuntimeMXBeanArguments() {
    }

    public static void main(String[] args) {
        try {
            RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
            System.out.println("info-runtime-mxbean: name " + runtime.getName() + ", arguments " + runtime.getInputArguments());
            System.out.println("info-runtime-mxbean: class path " + runtime.getClassPath() + ", library path "
                    + runtime.getLibraryPath());
            runtime.getSystemProperties().forEach((k, v) -> System.out.println("info-runtime-mxbean: property " + k + "=" + v));
        } catch (Throwable t) {
            System.out.println("info-runtime-mxbean: " + t);
        }
    }
}
