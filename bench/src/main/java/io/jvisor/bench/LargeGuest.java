package io.jvisor.bench;

import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A large program's start, as {@link LargeGuestStartBenchmark} measures it: loads every class of a
 * jar on its class path (its first argument), as a program of that size loads its classes at its
 * start, and returns.
 */
public final class LargeGuest {

    private LargeGuest() {
    }

    public static void main(String[] args) throws IOException {
        int loaded = 0;
        try (JarFile jar = new JarFile(args[0])) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, LargeGuest.class.getClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class whose supertype needs what the platform loader lacks: the same in every mode
                }
            }
        }
        if (loaded < 1000) {
            System.err.println("only " + loaded + " classes loaded");
        }
    }
}
