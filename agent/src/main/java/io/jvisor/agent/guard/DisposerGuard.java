package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven into ImageIO's {@code CloseableDisposerRecord.dispose()}, which Java2D's disposer, one
 * thread for the JVM, calls once a {@code FileImageInputStream} or {@code FileImageOutputStream}
 * made of a {@code RandomAccessFile} is unreachable: a guest's own subclass of it is closed on a
 * thread of the guest's instead. Its {@code close()} ran on the disposer, which survives an
 * {@code Exception} but not an {@code Error} (nor the kill of a guest whose {@code close()} spins
 * there), and with it ended the freeing of every program's native resources.
 */
final class DisposerGuard {

    private DisposerGuard() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(@Advice.FieldValue(value = "closeable", readOnly = false) java.io.Closeable closeable) {
        if (closeable != null && Guards.disposerClosing(closeable)) {
            closeable = null;
            return true;
        }
        return false;
    }
}
