package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

/** Guest programs that the tests write: Java sources compiled for Java 17 into a class path. */
public final class GuestSources {

    private GuestSources() {
    }

    /**
     * Compiles sources into {@code dir}'s {@code classes}, failing the test if they do not compile.
     *
     * @param sources   each class's source by its binary name
     * @param classPath what they compile against besides the JDK
     * @return the directory of the class files
     */
    public static Path compile(Path dir, Map<String, String> sources, Path... classPath) throws IOException {
        Path classes = dir.resolve("classes");
        List<String> javac = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        if (classPath.length > 0) {
            javac.add("-cp");
            javac.add(Stream.of(classPath).map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            javac.add(Files.writeString(file, source.getValue()).toString());
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(new String[0])), "the sources compile");
        return classes;
    }
}
