package escape.info;

import java.awt.Font;

/**
 * Reads the JVM's class path and command line by {@code Font.getFont(String)}, which reads a
 * system property, called by the name of a subclass of the guest's own: a call site whose owner
 * is not {@code Font}, as a trap that matches calls by their owner's name would miss.
 *
 * <p>Source: JVMS 5.4.3.3, a static method resolved through a subclass,
 * https://docs.oracle.com/javase/specs/jvms/se17/html/jvms-5.html#jvms-5.4.3.3
 */
public final class FontPropertySubclass {

    private FontPropertySubclass() {
    }

    /** A font of the guest's own, by whose name the inherited static method is called. */
    static final class MyFont extends Font {
        private static final long serialVersionUID = 1L;

        MyFont() {
            super("Dialog", PLAIN, 12);
        }
    }

    public static void main(String[] args) {
        for (String key : new String[] {"java.class.path", "sun.java.command", "jdk.module.path"}) {
            try {
                Font read = MyFont.getFont(key);
                System.out.println("info-font-property-subclass: " + key + "=" + (read == null ? null : read.getName()));
            } catch (Throwable t) {
                System.out.println("info-font-property-subclass: " + key + ": " + t);
            }
        }
    }
}
