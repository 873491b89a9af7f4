package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.lang.invoke.MethodHandles;

/**
 * Woven into {@code sun.awt.AppContext.getAppContext()}, where AWT, Swing and ImageIO find what they
 * keep per application: a hosted guest gets a context of its own, as each applet had. In the JVM's
 * one, Swing's defaults were one table for every program: a lazy value one guest put there (made
 * of the JDK's classes alone) was made on the thread of whichever program read the key next, with
 * that program's files and rights; its look and feel's listeners, its event queue, its repaint
 * manager and ImageIO's cache were everyone's too.
 */
final class AppContextGuard {

    private AppContextGuard() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter() {
        return Guards.appContext();
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object own,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object context) {
        if (own == Guards.NEW_APP_CONTEXT) {
            // inlined into AppContext: the lookup is AppContext's own, which can make one
            context = Guards.appContextMade(MethodHandles.lookup());
        } else if (own != null) {
            context = own;
        }
    }
}
