package io.jvisor.agent.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The guards kept in jvisor's jar for this JDK are what Byte Buddy weaves into its classes now,
 * and every JDK class the guards go into is among those kept: a class left out would stay
 * unguarded where the kept guards are put in. Runs in the JVM of the integration tests, whose
 * jvisor-agent.jar is the shaded jar under test.
 */
class KeptGuardsIT {

    @Test
    void theGuardsKeptForThisJdkAreWhatByteBuddyWeavesIntoItsClasses() throws Exception {
        Map<String, byte[]> kept = WovenGuards.keptForThisJdk();
        assumeTrue(kept != null, "jvisor's build did not weave the guards for JDK " + Runtime.version());

        Map<String, byte[]> woven = GuardWeaving.weaveAll();

        assertEquals(woven.keySet(), new TreeSet<>(kept.keySet()), "the classes kept");
        for (Map.Entry<String, byte[]> e : woven.entrySet()) {
            assertArrayEquals(e.getValue(), kept.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void everyJdkClassTheGuardsGoIntoIsAmongThoseWovenAtTheBuild() throws IOException, IllegalClassFormatException {
        ClassFileTransformer weaver = GuardWeaving.weaver();
        List<String> matched = new ArrayList<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (Module module : ModuleLayer.boot().modules()) {
            ClassLoader loader = module.getClassLoader();
            if (loader != null && loader != ClassLoader.getPlatformClassLoader() && loader != ClassLoader.getSystemClassLoader()) {
                continue;
            }
            Path root = jrt.getPath("/modules", module.getName());
            List<Path> classFiles;
            try (Stream<Path> files = Files.walk(root)) {
                classFiles = files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class")).toList();
            }
            for (Path file : classFiles) {
                String name = root.relativize(file).toString().replace(".class", "");
                if (weaver.transform(module, loader, name, null, null, Files.readAllBytes(file)) != null) {
                    matched.add(name.replace('/', '.'));
                }
            }
        }
        assertEquals(new TreeSet<>(CalleeGuards.guardedClasses()), new TreeSet<>(matched));
    }
}
