package escape.files;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Asks the JVM's {@code DiagnosticCommand} MBean (what {@code jcmd} talks to) for
 * {@code VM.log output=FILE}: the JVM's unified logging, in native code, creates FILE and keeps
 * writing to it. The platform MBean server is one per JVM and open to any code in it.
 *
 * <p>Source: JDK API, {@code com.sun.management.DiagnosticCommandMBean},
 * https://docs.oracle.com/en/java/javase/17/docs/api/jdk.management/com/sun/management/DiagnosticCommandMBean.html
 */
public final class VmLogFile {

    private VmLogFile() {
    }

    public static void main(String[] args) {
        try {
            Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmLog",
                    new Object[] {new String[] {"output=" + args[0], "what=gc"}}, new String[] {String[].class.getName()});
            System.out.println("file-vm-log: VM.log output=" + args[0] + " answered '" + String.valueOf(result).trim() + "'");
        } catch (Throwable t) {
            System.out.println("file-vm-log: " + t);
        }
    }
}
