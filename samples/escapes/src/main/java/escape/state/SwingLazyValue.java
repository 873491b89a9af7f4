package escape.state;

import javax.swing.UIDefaults;
import javax.swing.UIManager;

/**
 * Puts a lazy value among Swing's defaults, a table the JDK keeps once per application context: a
 * {@code UIDefaults.ProxyLazyValue}, made of the JDK's classes alone, which the JDK makes on the
 * thread of whichever program reads the key next, with that program's rights (a file stream of a
 * path there opens, and empties, the reader's file). Here it makes a harmless string.
 *
 * <p>Source: JDK API, {@code UIDefaults.ProxyLazyValue},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/javax/swing/UIDefaults.ProxyLazyValue.html
 */
public final class SwingLazyValue {

    private SwingLazyValue() {
    }

    public static void main(String[] args) {
        try {
            UIManager.put("escape-planted", new UIDefaults.ProxyLazyValue("java.lang.StringBuilder",
                    new Object[] {"made by a lazy value a guest planted"}));
            System.out.println("state-swing-lazy-value: Swing's defaults now hold " + UIManager.get("escape-planted"));
        } catch (Throwable t) {
            System.out.println("state-swing-lazy-value: " + t);
        }
    }
}
