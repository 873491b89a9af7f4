package escape.state;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;

/**
 * Pushes an event queue of its own onto AWT's, which the JDK keeps once per application context:
 * every other program's events ({@code SwingUtilities.invokeLater}, {@code invokeAndWait}) then
 * pass its {@code dispatchEvent}, which may drop them, run them late, or read what they carry.
 *
 * <p>Source: JDK API, {@code EventQueue.push},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/awt/EventQueue.html#push(java.awt.EventQueue)
 */
public final class EventQueuePush {

    private EventQueuePush() {
    }

    public static void main(String[] args) {
        try {
            Toolkit.getDefaultToolkit().getSystemEventQueue().push(new EventQueue() {
                @Override
                protected void dispatchEvent(AWTEvent event) {
                    super.dispatchEvent(event);
                }
            });
            System.out.println("state-event-queue-push: AWT's event queue is now "
                    + Toolkit.getDefaultToolkit().getSystemEventQueue().getClass().getName());
        } catch (Throwable t) {
            System.out.println("state-event-queue-push: " + t);
        }
    }
}
