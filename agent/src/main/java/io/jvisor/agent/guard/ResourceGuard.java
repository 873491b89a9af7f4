package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

import java.io.Closeable;

/**
 * Woven into the constructors of what holds a file, pipe or socket open: the file streams,
 * {@code RandomAccessFile}, the file and socket channels, the sockets. When one is made on a
 * guest's thread the hypervisor counts it against the guest's quota of open files and closes it
 * when the guest ends: through the object itself, which knows whether it is closed (a descriptor
 * the socket code closes does not say so, and its number may be another file's by then).
 */
final class ResourceGuard {

    private ResourceGuard() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Closeable opened) {
        Guards.resourceOpened(opened);
    }

    /** A file channel: one made for a stream (its parent, an argument) is the stream's, and not counted twice. */
    static final class FileChannel {

        private FileChannel() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Closeable opened, @Advice.AllArguments Object[] arguments) {
            for (Object a : arguments) {
                if (a instanceof Closeable) {
                    return;
                }
            }
            Guards.resourceOpened(opened);
        }
    }
}
