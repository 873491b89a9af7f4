package escape.state;

import javax.swing.JComponent;
import javax.swing.RepaintManager;

/**
 * Sets Swing's repaint manager, which the JDK keeps once per application context: every other
 * program's components then ask the guest's code to repaint them, on their threads, with their
 * components.
 *
 * <p>Source: JDK API, {@code RepaintManager.setCurrentManager},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/javax/swing/RepaintManager.html#setCurrentManager(javax.swing.RepaintManager)
 */
public final class RepaintManagerSwap {

    private RepaintManagerSwap() {
    }

    public static void main(String[] args) {
        try {
            RepaintManager.setCurrentManager(new RepaintManager() {
                @Override
                public void addDirtyRegion(JComponent c, int x, int y, int w, int h) {
                    super.addDirtyRegion(c, x, y, w, h);
                }
            });
            System.out.println("state-repaint-manager: Swing's repaint manager is now "
                    + RepaintManager.currentManager((JComponent) null).getClass().getName());
        } catch (Throwable t) {
            System.out.println("state-repaint-manager: " + t);
        }
    }
}
