package escape.state;

import java.nio.file.FileSystems;

/**
 * Switches on assertions in the JVM's platform class loader and in its application class loader
 * (reached through a class of the JDK's default file system provider's, which that loader defines
 * where the JVM's class path provides one, else through the platform loader's parent walk): the
 * classes they initialise next, the JDK's platform modules', the host's and every other
 * program's, run with assertions on ({@code clearAssertionStatus} would switch off the host's
 * {@code -ea}).
 *
 * <p>Source: JDK API, {@code ClassLoader.setDefaultAssertionStatus},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ClassLoader.html#setDefaultAssertionStatus(boolean)
 */
public final class AssertionStatus {

    private AssertionStatus() {
    }

    public static void main(String[] args) {
        try {
            ClassLoader.getPlatformClassLoader().setDefaultAssertionStatus(true);
            ClassLoader.getPlatformClassLoader().setPackageAssertionStatus("java.sql", true);
            ClassLoader jvms = FileSystems.getDefault().getClass().getClassLoader();
            if (jvms != null) {
                jvms.setDefaultAssertionStatus(true);
            }
            System.out.println("state-assertion-status: the platform loader's classes now run with assertions: "
                    + java.sql.Driver.class.desiredAssertionStatus());
        } catch (Throwable t) {
            System.out.println("state-assertion-status: " + t);
        }
    }
}
