package escape.info;

/**
 * Reads the system properties in which the {@code java} launcher keeps the JVM's own command line
 * and class path ({@code sun.java.command}, {@code java.class.path}, {@code jdk.boot.class.path.append}),
 * and every other one.
 *
 * <p>Source: JDK API, {@code System.getProperties}, which needed {@code PropertyPermission("*", "read")}
 * under the SecurityManager, https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/System.html#getProperties()
 */
public final class SystemProperties {

    private SystemProperties() {
    }

    public static void main(String[] args) {
        try {
            System.getProperties().forEach((k, v) -> System.out.println("info-system-properties: " + k + "=" + v));
        } catch (Throwable t) {
            System.out.println("info-system-properties: " + t);
        }
    }
}
