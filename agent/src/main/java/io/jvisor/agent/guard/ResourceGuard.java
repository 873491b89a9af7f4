package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.io.Closeable;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Woven into the constructors of what holds a file, pipe or socket open: the file streams,
 * {@code RandomAccessFile}, the file and socket channels (asynchronous ones too), the ends of a
 * pipe, the sockets, the selectors, the zip and jar files. When one is made on a guest's thread
 * the hypervisor counts it against the guest's quota of open files and closes it when the guest
 * ends: through the object itself, which knows whether it is closed (a descriptor
 * the socket code closes does not say so, and its number may be another file's by then). And into
 * the constructors of the pools of threads, whose idle workers wait where no safepoint reaches.
 */
final class ResourceGuard {

    private ResourceGuard() {
    }

    @Advice.OnMethodExit
    static void exit(@Advice.This Closeable opened) {
        Guards.resourceOpened(opened);
    }

    /** A directory stream's closing: it cannot say whether it is open, so its closing is told. */
    static final class Closed {

        private Closed() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Closeable closed) {
            Guards.resourceClosed(closed);
        }
    }

    /**
     * A file channel: one made for a stream (its parent, the constructor's last argument) is the
     * stream's, and not counted twice.
     */
    static final class FileChannel {

        /** The constructor's last argument, the parent: its index differs between JDKs (5 on JDK 17, 6 on JDK 25). */
        @Retention(RetentionPolicy.RUNTIME)
        @Target(ElementType.PARAMETER)
        @interface Parent {
        }

        private FileChannel() {
        }

        /** The advice, its {@link Parent} bound to the last argument of the constructor it is woven into. */
        static Advice advice() {
            return Advice.withCustomMapping().bind(Parent.class, (type, constructor, assigner, arguments, sort) -> {
                ParameterList<?> parameters = constructor.getParameters();
                return new Advice.OffsetMapping.ForArgument.Resolved(TypeDescription.Generic.OBJECT, true,
                        Assigner.Typing.STATIC, parameters.get(parameters.size() - 1))
                        .resolve(type, constructor, assigner, arguments, sort);
            }).to(FileChannel.class);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Closeable opened, @Parent Object parent) {
            // one argument, not all of them boxed in an array: the constructor stays small enough to inline
            if (!(parent instanceof Closeable)) {
                Guards.resourceOpened(opened);
            }
        }
    }

    /**
     * Woven into the constructor of every pool of threads ({@code ThreadPoolExecutor}'s and
     * {@code ForkJoinPool}'s that the others call): a pool a guest's code makes is its own, shut
     * down when it ends.
     */
    static final class ExecutorMade {

        private ExecutorMade() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This java.util.concurrent.ExecutorService pool) {
            Guards.executorMade(pool);
        }
    }

    /**
     * Woven into the constructor of {@code java.util.Timer} that the others call: a timer a guest's
     * code makes is its own, cancelled when it ends.
     */
    static final class TimerMade {

        private TimerMade() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This java.util.Timer timer) {
            Guards.timerMade(timer);
        }
    }
}
