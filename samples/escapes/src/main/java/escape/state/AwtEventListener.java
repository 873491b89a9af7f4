package escape.state;

import java.awt.AWTEvent;
import java.awt.Toolkit;

/**
 * Adds a listener of every AWT event to the toolkit, one for the JVM: it is called with every other
 * program's events (their mouse, key and window events), on their event threads, and stays
 * registered after the guest ended.
 *
 * <p>Source: JDK API, {@code Toolkit.addAWTEventListener},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/awt/Toolkit.html#addAWTEventListener(java.awt.event.AWTEventListener,long)
 */
public final class AwtEventListener {

    private AwtEventListener() {
    }

    public static void main(String[] args) {
        try {
            Toolkit.getDefaultToolkit().addAWTEventListener(event -> { }, AWTEvent.MOUSE_EVENT_MASK | AWTEvent.KEY_EVENT_MASK);
            System.out.println("state-awt-event-listener: the toolkit's listeners are now "
                    + Toolkit.getDefaultToolkit().getAWTEventListeners().length);
        } catch (Throwable t) {
            System.out.println("state-awt-event-listener: " + t);
        }
    }
}
