package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

import javax.swing.text.StyleContext;

/**
 * Woven into {@code StyleContext.getDefaultStyleContext()}, one for the JVM, whose pool of
 * attribute sets every Swing text document (every text field) looks its attributes up in: a
 * hosted guest gets one of its own, as in a JVM of its own. In the JVM's, an attribute one guest
 * put in the pool was compared, by its own {@code equals}, with another guest's on that guest's
 * thread, with its context class loader.
 */
final class StyleContextGuard {

    private StyleContextGuard() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter() {
        return Guards.ownSingleton(StyleContext.class);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object own, @Advice.Return(readOnly = false) StyleContext context) {
        if (own == Guards.NEW_SINGLETON) {
            context = (StyleContext) Guards.ownSingletonMade(StyleContext.class, new StyleContext());
        } else if (own != null) {
            context = (StyleContext) own;
        }
    }
}
