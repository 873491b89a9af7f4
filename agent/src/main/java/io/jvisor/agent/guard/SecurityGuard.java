package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven where the JDK keeps the JVM's list of security providers, which every JCA look-up
 * ({@code Cipher.getInstance}, {@code MessageDigest.getInstance} ...) reads and
 * {@code Security.addProvider}, {@code insertProviderAt} and {@code removeProvider} replace: a
 * hosted guest's changes make a list of its own, which its look-ups find, as in a JVM of its own;
 * the JVM's stays the host's. A thread's own list (the JDK's, while it verifies a signed jar) is
 * not touched.
 */
final class SecurityGuard {

    private SecurityGuard() {
    }

    /** Left by {@code Providers.getSystemProviderList()}. */
    static final class Read {

        private Read() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object list) {
            list = Guards.securityProviders(list);
        }
    }

    /** Entered at {@code Providers.setSystemProviderList(ProviderList)}. */
    static final class Write {

        private Write() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object list) {
            return Guards.securityProvidersSetting(list);
        }
    }

    /**
     * Entered at {@code Provider}'s public methods that change its entries: the JDK's providers, and
     * the host's, are one object each in every program's list of providers; a guest changes only its own.
     */
    static final class ProviderChange {

        private ProviderChange() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This java.security.Provider provider, @Advice.Origin("#t.#m") String method) {
            Guards.securityProviderChanging(provider, method);
        }
    }

    /** Entered at {@code Security.addProvider}, {@code insertProviderAt} and {@code removeProvider}. */
    static final class Change {

        private Change() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String method) {
            Guards.securityProvidersChanging(method);
        }
    }
}
