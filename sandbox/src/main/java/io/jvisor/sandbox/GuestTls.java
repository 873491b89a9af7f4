package io.jvisor.sandbox;

import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The default SSL context and trust anchors a guest's own {@code javax.net.ssl} properties
 * describe. The JDK builds its default context once, from the JVM's properties, and reads the
 * default trust store (what {@code TrustManagerFactory.init((KeyStore) null)} and an
 * {@code SSLContext} made without trust managers trust) from the JVM's properties too: a guest's
 * {@code -Djavax.net.ssl.trustStore} (given by {@code jvisor run -D}, or set by the guest) reached
 * neither, and a guest given the JVM's default context would hold the host's keys (its properties'
 * store's, or those of a context the application made the default) and share its sessions. Built
 * as the JDK builds its own, from the guest's stores, read on its disk on its behalf.
 */
final class GuestTls {

    private static final List<String> TRUST = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
            "javax.net.ssl.trustStoreProvider", "javax.net.ssl.trustStorePassword");

    private GuestTls() {
    }

    /** Whether a guest may have the JVM's default trust anchors: neither its properties nor the JVM's name a trust store. */
    static boolean sharesJvmTrust(Properties guest) {
        return namesNone(guest, TRUST);
    }

    private static boolean namesNone(Properties guest, List<String> properties) {
        return properties.stream().allMatch(p -> guest.getProperty(p) == null && System.getProperty(p) == null);
    }

    /** Whether the JVM's properties name a key store, whose keys the JVM's default context holds: the host's. */
    static boolean jvmHoldsKeys() {
        String store = System.getProperty("javax.net.ssl.keyStore");
        return store != null && !store.isEmpty();
    }

    /**
     * The guest's default context.
     *
     * @throws NoSuchAlgorithmException as the JDK's {@code SSLContext.getDefault()} fails when its
     *                                  stores cannot be read, with the reason as its cause
     */
    static SSLContext defaultContext(Guest guest) throws NoSuchAlgorithmException {
        Properties p = guest.properties();
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(guest));
            KeyManager[] keys = null;
            String keyStore = p.getProperty("javax.net.ssl.keyStore", "");
            if (!keyStore.isEmpty() && !keyStore.equals("NONE")) {
                KeyStore store = KeyStore.getInstance(p.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType()));
                try (InputStream in = Files.newInputStream(path(guest, keyStore))) {
                    store.load(in, password(p, "keyStore"));
                }
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password(p, "keyStore"));
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            NoSuchAlgorithmException failed = new NoSuchAlgorithmException("the default SSL context of guest '" + guest.name()
                    + "' cannot be made from its javax.net.ssl properties: " + e);
            failed.initCause(e);
            throw failed;
        }
    }

    /**
     * The guest's default trust store, as the JDK finds the JVM's: the file its
     * {@code javax.net.ssl.trustStore} names if the guest can read it, else the JDK's
     * {@code lib/security/jssecacerts}, else its {@code cacerts} (on the disk, where the JDK's home
     * is mounted); of the type and with the password its properties give. Empty where there is
     * none: the JDK then trusts no one either.
     */
    private static KeyStore trustStore(Guest guest) throws IOException, GeneralSecurityException {
        Properties p = guest.properties();
        Path security = Path.of(System.getProperty("java.home"), "lib", "security");
        String named = p.getProperty("javax.net.ssl.trustStore", security.resolve("jssecacerts").toString());
        String provider = p.getProperty("javax.net.ssl.trustStoreProvider", "");
        String type = p.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
        KeyStore store = provider.isEmpty() ? KeyStore.getInstance(type) : KeyStore.getInstance(type, provider);
        char[] password = password(p, "trustStore");
        if (named.equals("NONE")) {
            store.load(null, password);
            return store;
        }
        for (String name : List.of(named, security.resolve("cacerts").toString())) {
            Path file = path(guest, name);
            if (Files.isRegularFile(file) && Files.isReadable(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
                return store;
            }
        }
        store.load(null, null);
        return store;
    }

    /**
     * A guest's default trust store and the certificates it makes trust anchors, as the JDK keeps
     * the JVM's.
     */
    record Anchors(KeyStore store, Set<X509Certificate> certificates) {

        /** Those of the guest's default trust store ({@link #trustStore}). */
        static Anchors of(Guest guest) throws IOException, GeneralSecurityException {
            KeyStore store = trustStore(guest);
            return new Anchors(store, trustedCertificates(store));
        }
    }

    /** The certificates a trust store makes trust anchors, as the JDK takes them: each certificate entry, each key's own certificate. */
    private static Set<X509Certificate> trustedCertificates(KeyStore store) throws KeyStoreException {
        Set<X509Certificate> anchors = new HashSet<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate cert = store.isCertificateEntry(alias) ? store.getCertificate(alias) : null;
            if (cert == null && store.isKeyEntry(alias)) {
                Certificate[] chain = store.getCertificateChain(alias);
                cert = chain == null || chain.length == 0 ? null : chain[0];
            }
            if (cert instanceof X509Certificate) {
                anchors.add((X509Certificate) cert);
            }
        }
        return Collections.unmodifiableSet(anchors);
    }

    /** The key under which a guest's trust store is kept: the properties that make it. */
    static List<String> trustKey(Properties guest) {
        return TRUST.stream().map(guest::getProperty).collect(java.util.stream.Collectors.toList());
    }

    /** A guest path, on the guest's disk. */
    private static Path path(Guest guest, String file) {
        VirtualDisk disk = guest.disk();
        return disk != null ? disk.fileSystem().getPath(file) : Path.of(file);
    }

    private static char[] password(Properties p, String name) {
        String password = p.getProperty("javax.net.ssl." + name + "Password");
        return password == null ? null : password.toCharArray();
    }
}
