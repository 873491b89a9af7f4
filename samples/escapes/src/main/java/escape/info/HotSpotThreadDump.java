package escape.info;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Has the JVM write a dump of its threads to a file by {@code HotSpotDiagnosticMXBean.dumpThreads}
 * (JDK 21), called on the MXBean itself, not through the MBean server, and prints the file: every
 * thread of the JVM, with its stack.
 *
 * <p>Source: JDK API, {@code HotSpotDiagnosticMXBean.dumpThreads}, {@code ManagementPermission("control")}
 * under the SecurityManager,
 * https://docs.oracle.com/en/java/javase/21/docs/api/jdk.management/com/sun/management/HotSpotDiagnosticMXBean.html#dumpThreads(java.lang.String,com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat)
 */
public final class HotSpotThreadDump {

    private HotSpotThreadDump() {
    }

    public static void main(String[] args) {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // JDK 21's API, called by reflection: the suite compiles for Java 17
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<Enum> format = (Class<Enum>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Method dump = HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format);
            Path file = Files.createTempDirectory("escape").resolve("threads.txt").toAbsolutePath();
            @SuppressWarnings("unchecked")
            Object text = Enum.valueOf(format, "TEXT_PLAIN");
            dump.invoke(bean, file.toString(), text);
            System.out.println("info-hotspot-thread-dump: " + Files.readString(file));
        } catch (Throwable t) {
            System.out.println("info-hotspot-thread-dump: " + t);
        }
    }
}
