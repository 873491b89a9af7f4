package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another agent in the JVM cannot take the callee-side guards out of the JDK: a retransformation
 * starts from the guarded classes, and a redefinition with the JDK's own class files is guarded
 * again. Checked on the classes through which JDK code opens a file that a guest only names
 * ({@code java.util.logging.FileHandler}: the escape suite's technique), by the class files the
 * other agent is given and by what the guest can do after.
 */
class GuardDurabilityIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The guards' entry points, as a class file names them. */
    private static final byte[] GUARDS = "io/jvisor/hooks/Guards".getBytes(StandardCharsets.US_ASCII);

    /** The guarded classes a {@code FileHandler}'s opening of its file and lock file passes (JDK 17 to 25, Linux). */
    private static final List<String> FILE_CLASSES = List.of("java.io.FileOutputStream", "java.io.UnixFileSystem",
            "sun.nio.fs.AbstractFileSystemProvider", "sun.nio.fs.UnixFileSystemProvider", "sun.nio.fs.LinuxFileSystemProvider",
            "sun.nio.ch.FileChannelImpl");

    private static Instrumentation other;

    @TempDir
    Path dir;

    @BeforeAll
    static void anotherAgent() {
        other = ByteBuddyAgent.install();
    }

    @Test
    void aRetransformationStartsFromTheGuardedClassesAndKeepsThemGuarded() throws Exception {
        for (Map.Entry<String, byte[]> given : retransformed().entrySet()) {
            assertTrue(contains(given.getValue(), GUARDS), "the retransformation of " + given.getKey() + " began from the JDK's unguarded class");
        }
        assertHostFileStaysUnwritten("after-retransformation");
    }

    @Test
    void aRedefinitionWithTheJdksClassFilesIsGuardedAgain() throws Exception {
        List<ClassDefinition> originals = new ArrayList<>();
        for (Class<?> type : fileClasses()) {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(type.getName().replace('.', '/') + ".class")) {
                assertNotNull(in, type.getName());
                byte[] original = in.readAllBytes();
                assertFalse(contains(original, GUARDS), type.getName());
                originals.add(new ClassDefinition(type, original));
            }
        }
        other.redefineClasses(originals.toArray(new ClassDefinition[0]));
        for (Map.Entry<String, byte[]> now : retransformed().entrySet()) {
            assertTrue(contains(now.getValue(), GUARDS), now.getKey() + " lost its guards");
        }
        assertHostFileStaysUnwritten("after-redefinition");
    }

    private static List<Class<?>> fileClasses() throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : FILE_CLASSES) {
            classes.add(Class.forName(name, false, null));
        }
        return classes;
    }

    /** Retransforms the file classes by the other agent: the class files its transformer is given, by name. */
    private static Map<String, byte[]> retransformed() throws Exception {
        Map<String, byte[]> seen = new ConcurrentHashMap<>();
        ClassFileTransformer watcher = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
                if (redefined != null && FILE_CLASSES.contains(redefined.getName())) {
                    seen.put(name, classFile.clone());
                }
                return null;
            }
        };
        other.addTransformer(watcher, true);
        try {
            other.retransformClasses(fileClasses().toArray(new Class<?>[0]));
        } finally {
            other.removeTransformer(watcher);
        }
        assertEquals(FILE_CLASSES.size(), seen.size(), "the other agent's transformer was asked of " + seen.keySet());
        return seen;
    }

    /** A guest whose JDK code opens a host file: the guard keeps it on the guest's disk. */
    private void assertHostFileStaysUnwritten(String name) throws Exception {
        Path host = dir.resolve("host").resolve(name + ".log");
        Files.createDirectories(host.getParent());
        Guest guest = Hypervisor.get().start(GuestSpec.builder(name).classPath(Path.of(System.getProperty("sample.escapes")))
                .mainClass("escape.files.LoggingFileHandler").args(List.of(host.toString()))
                .console(Console.Mode.CAPTURE).disk(dir.resolve("disk")).build());
        assertNotNull(guest.await(PATIENCE), "the guest did not end");
        assertTrue(guest.console().capturedOut().startsWith("file-logging-file-handler"), guest.console().capturedErr());
        assertFalse(Files.exists(host), "a guest's FileHandler wrote the host's " + host + ": " + guest.console().capturedOut());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
