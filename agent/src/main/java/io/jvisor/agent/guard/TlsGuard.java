package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven where the JDK's TLS reads what the JVM's {@code javax.net.ssl} properties name: the trust
 * anchors of the default trust store, which every default trust manager takes, are a guest's own
 * (its trust store, read on its disk) before the JDK's code runs, which then runs only for those
 * who have the JVM's; and a guest may not make a context of the JVM's default managers where they
 * hold the host's keys. The JVM's default managers themselves are made from the host's files on
 * whichever thread asks first (the catalog's {@code jvmConfigurationEntered} rows).
 */
final class TlsGuard {

    private TlsGuard() {
    }

    /** At {@code TrustStoreManager.getTrustedCerts()} and {@code getTrustedKeyStore()}. */
    static final class OwnTrust {

        private OwnTrust() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.Origin("#m") String method) throws Exception {
            return Guards.ownTrust(method);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object own,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object anchors) {
            if (own != null) {
                anchors = own;
            }
        }
    }

    /** Entered by the constructor of the JDK's {@code "Default"} context, made of the JVM's default managers. */
    static final class JvmDefaultContext {

        private JvmDefaultContext() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            Guards.jvmDefaultSslContextMaking();
        }
    }
}
