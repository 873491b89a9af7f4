package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven where native code enters the JVM: {@code Runtime.load0} and {@code loadLibrary0}, where
 * every {@code System.load}/{@code loadLibrary} (by call, reflection or method handle) arrives with
 * the class that asked (the path of a guest's {@code load} is on its disk), and, from JDK 22, {@code Module.ensureNativeAccess}, which the
 * foreign-function API's restricted methods call with theirs.
 */
final class NativeGuard {

    private NativeGuard() {
    }

    /** On {@code Runtime.loadLibrary0(Class, String)}: a library by its name, found on the JVM's library path. */
    static final class Library {

        private Library() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> caller, @Advice.Argument(1) String library) {
            Guards.nativeAccess(caller, "load the native library " + library);
        }
    }

    /**
     * On {@code Runtime.load0(Class, String)}: a library by its path, which a guest with a disk
     * names there (where a program extracts its library before it loads it).
     */
    static final class LibraryFile {

        private LibraryFile() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> caller, @Advice.Argument(value = 1, readOnly = false) String file) {
            file = Guards.nativeLibraryFile(caller, file);
        }
    }

    /** On {@code Module.ensureNativeAccess(Class owner, String method, Class caller, ...)}. */
    static final class Restricted {

        private Restricted() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Class<?> owner, @Advice.Argument(1) String method,
                @Advice.Argument(2) Class<?> caller) {
            Guards.restrictedMethod(caller, "call the restricted method " + owner.getName() + "." + method);
        }
    }
}
