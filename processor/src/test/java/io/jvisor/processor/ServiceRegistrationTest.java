package io.jvisor.processor;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.api.Guest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** javac finds the processor on a processor path by its service registration, as Maven's compiler plugin has it. */
class ServiceRegistrationTest {

    @TempDir
    Path out;

    @Test
    void javacRunsTheProcessorFromTheProcessorPath() {
        String processorPath = Stream.of(JvisorProcessor.class, Catalog.class, Opcodes.class, Guest.class)
                .map(Javac::locationOf).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Javac.Result result = Javac.compile(out, Map.of(
                "g/Main.java", "package g;\n@io.jvisor.api.Guest(mode = io.jvisor.api.Guest.Mode.PARAVIRTUAL)\n"
                        + "public class Main {\n    public static void main(String[] args) {\n        System.exit(1);\n    }\n}\n"),
                null, List.of("-processorpath", processorPath));
        assertFalse(result.success());
        assertEquals(List.of("g/Main.java:5: direct call of System.exit(int) in paravirtual code: use Hypercalls.exit(int) instead"),
                result.errors());
        assertTrue(Files.exists(out.resolve("META-INF/jvisor/guest.properties")), "the descriptor is written before the check fails");
    }
}
