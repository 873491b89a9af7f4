package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.font.FontManagerFactory.getInstance()}, where the JVM's one font manager
 * is made at the first use of a font: it is made from the host's files, as the JDK's other
 * configuration it keeps for the JVM ({@link ConfigurationGuard.JvmConfiguration}). Made on a
 * guest's thread from the guest's disk, the JDK read its fontconfig cache there (which names the
 * font file behind each logical font) and wrote it there: a cache the guest planted chose the
 * fonts of every program in the JVM, the host's too. Once the manager is made, the guard costs a
 * read of the field that holds it.
 */
final class FontManagerGuard {

    private FontManagerGuard() {
    }

    @Advice.OnMethodEnter
    static boolean enter(@Advice.FieldValue("instance") Object made) {
        return made == null && Guards.fontManagerMaking();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Advice.Enter boolean entered) {
        if (entered) {
            Guards.jvmConfigurationLeft(true);
        }
    }
}
