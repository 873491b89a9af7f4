package escape.state;

/**
 * Sets the system property {@code java.io.tmpdir}: system properties are one table for the whole
 * JVM, so the host's temporary files would follow the guest's choice.
 *
 * <p>Source: JDK API, {@code System.setProperty},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/System.html#setProperty(java.lang.String,java.lang.String)
 */
public final class SystemProperty {

    private SystemProperty() {
    }

    public static void main(String[] args) {
        try {
            System.setProperty("java.io.tmpdir", "/escaped-tmpdir");
        } catch (Throwable t) {
            System.out.println("state-system-property: " + t);
        }
        System.out.println("state-system-property: java.io.tmpdir is now " + System.getProperty("java.io.tmpdir"));
    }
}
