package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.RewriteException;
import io.jvisor.agent.rewrite.Rewriter;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The packages a hosted guest's code may neither name nor define classes in are every package of
 * the jars jvisor ships but its API's: checked against the jars as built, so a package added to
 * jvisor (or a library it relocates) cannot stay open to guests by being left off the rewriter's
 * list.
 */
class JvisorPackagesIT {

    private final Rewriter hosted = new Rewriter(Catalog.standard()).withSafepoints();

    @Test
    void everyPackageOfJvisorsJarsButItsApiIsClosedToAHostedGuest() throws IOException {
        Path target = Launch.jvisorJar().getParent();
        SortedSet<String> closed = new TreeSet<>();
        for (String jar : List.of("jvisor.jar", "jvisor-agent.jar", "jvisor-hooks.jar")) {
            closed.addAll(packagesOf(target.resolve(jar)));
        }
        SortedSet<String> open = packagesOf(target.resolve("jvisor-api.jar"));

        assertFalse(closed.isEmpty(), "no classes found in jvisor's jars");
        assertAll(closed.stream().map(p -> () -> assertThrows(RewriteException.class,
                () -> hosted.rewrite(classIn(p)), "a guest class in " + p)));
        assertAll(open.stream().map(p -> () -> assertDoesNotThrow(
                () -> hosted.rewrite(classIn(p)), "a guest class in the API's " + p)));
    }

    /** The packages of the classes in a jar, as internal names; its multi-release versions' too. */
    private static SortedSet<String> packagesOf(Path jar) throws IOException {
        SortedSet<String> packages = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName().replaceFirst("^META-INF/versions/\\d+/", "");
                if (name.endsWith(".class") && !name.equals("module-info.class") && name.contains("/")
                        && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')));
                }
            }
        }
        return packages;
    }

    /** An empty public class in a package, written by hand: these tests run on the jar, whose ASM is relocated. */
    private static byte[] classIn(String pkg) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            out.writeShort(5); // constant pool: #1 its name, #2 its class, #3 Object's name, #4 Object
            out.writeByte(1);
            out.writeUTF(pkg + "/GuestProbe");
            out.writeByte(7);
            out.writeShort(1);
            out.writeByte(1);
            out.writeUTF("java/lang/Object");
            out.writeByte(7);
            out.writeShort(3);
            out.writeShort(0x0021); // public super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces, fields, methods, attributes
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
