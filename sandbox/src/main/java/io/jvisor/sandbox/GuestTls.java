package io.jvisor.sandbox;

import io.jvisor.sandbox.device.disk.VirtualDisk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The default SSL context a guest's own {@code javax.net.ssl} properties describe. The JDK builds
 * its default context once, from the JVM's properties: a guest's {@code -Djavax.net.ssl.trustStore}
 * (given by {@code jvisor run -D}, or set by the guest) never reached it. Built as the JDK builds
 * its own, from the guest's stores, read on its disk on its behalf.
 */
final class GuestTls {

    private static final List<String> PROPERTIES = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
            "javax.net.ssl.trustStorePassword", "javax.net.ssl.keyStore", "javax.net.ssl.keyStoreType",
            "javax.net.ssl.keyStorePassword");

    private GuestTls() {
    }

    /** Whether the guest's properties name stores other than the JVM's. */
    static boolean ownStores(Properties guest) {
        return PROPERTIES.stream().anyMatch(p -> !Objects.equals(guest.getProperty(p), System.getProperty(p)));
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
            TrustManager[] trust = null;
            KeyStore trustStore = store(guest, p, "trustStore");
            if (trustStore != null) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trustStore);
                trust = factory.getTrustManagers();
            }
            KeyManager[] keys = null;
            KeyStore keyStore = store(guest, p, "keyStore");
            if (keyStore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore, password(p, "keyStore"));
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            NoSuchAlgorithmException failed = new NoSuchAlgorithmException("the default SSL context of guest '" + guest.name()
                    + "' cannot be made from its javax.net.ssl properties: " + e);
            failed.initCause(e);
            throw failed;
        }
    }

    /** The store a pair of properties names ({@code javax.net.ssl.NAME}, its type), loaded from the guest's disk; {@code null} for none. */
    private static KeyStore store(Guest guest, Properties p, String name) throws IOException, GeneralSecurityException {
        String file = p.getProperty("javax.net.ssl." + name);
        if (file == null || file.isEmpty() || file.equals("NONE")) {
            return null;
        }
        KeyStore store = KeyStore.getInstance(p.getProperty("javax.net.ssl." + name + "Type", KeyStore.getDefaultType()));
        VirtualDisk disk = guest.disk();
        try (InputStream in = Files.newInputStream(disk != null ? disk.fileSystem().getPath(file) : Path.of(file))) {
            store.load(in, password(p, name));
        }
        return store;
    }

    private static char[] password(Properties p, String name) {
        String password = p.getProperty("javax.net.ssl." + name + "Password");
        return password == null ? null : password.toCharArray();
    }
}
