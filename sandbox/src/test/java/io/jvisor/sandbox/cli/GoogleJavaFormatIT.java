package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * google-java-format as it is distributed (Maven Central, the all-deps jar, unmodified): its
 * manifest asks for javac's internal packages ({@code Add-Exports}), which {@code java -jar}
 * exports to every program's code. Under jvisor they are the guest's only when the host gives
 * them ({@code --add-exports}, or a policy that allows native code): else it does not start, with
 * one message that says how, and leaves the file as it was.
 */
class GoogleJavaFormatIT {

    private static final String SOURCE = "class A {  void f( ) {int x=1;} }\n";
    private static final List<String> PACKAGES = List.of("api", "code", "file", "parser", "tree", "util");

    @TempDir
    Path dir;

    private Result format(String... options) {
        List<String> command = new ArrayList<>(List.of("run", "--disk", dir.resolve("disk").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of(Launch.property("guest.google-java-format").toString(), "--replace", "src/A.java"));
        return Launch.jvisor(dir, command.toArray(new String[0]));
    }

    @Test
    void theJavacPackagesItsManifestAsksForAreTheGuestsOnlyWhenTheHostGivesThem() throws IOException {
        Path source = Files.createDirectories(dir.resolve("disk/src")).resolve("A.java");
        Files.writeString(source, SOURCE);
        Path nativeCopy = Files.writeString(dir.resolve("native.java"), SOURCE);
        Result natively = Launch.java(dir, "-jar", Launch.property("guest.google-java-format").toString(), "--replace",
                nativeCopy.toString());
        assertEquals(0, natively.status(), natively.toString());

        Result refused = format();
        assertAll(refused.toString(),
                () -> assertEquals(125, refused.status()),
                () -> assertTrue(refused.stderr().contains("asks, by Add-Exports in the manifest of ")
                        && refused.stderr().contains("for jdk.compiler/com.sun.tools.javac.api, which its module does not export: "
                                + "denied by policy rule 'deny native'")
                        && refused.stderr().contains("give it with --add-exports jdk.compiler/com.sun.tools.javac.api")),
                () -> assertEquals(SOURCE, Files.readString(source), "the file as it was"));

        List<String> given = new ArrayList<>();
        PACKAGES.forEach(p -> given.addAll(List.of("--add-exports", "jdk.compiler/com.sun.tools.javac." + p)));
        Result formatted = format(given.toArray(new String[0]));
        assertAll(formatted.toString(),
                () -> assertEquals(0, formatted.status()),
                () -> assertEquals(Files.readString(nativeCopy), Files.readString(source), "formatted as natively"),
                () -> assertTrue(Files.readString(source).contains("    int x = 1;")));
    }
}
