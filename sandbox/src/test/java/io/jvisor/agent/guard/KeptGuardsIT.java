package io.jvisor.agent.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * The guards kept in jvisor's jar for this JDK are what Byte Buddy weaves into its classes now,
 * every JDK class the guards go into is among those kept (a class left out would stay unguarded
 * where the kept guards are put in), and each is guarded in this JVM, whether the JDK loaded it
 * before the guards were put in or after (by another agent's view of its class file). Runs in
 * the JVM of the integration tests, whose jvisor-agent.jar is the shaded jar under test.
 */
class KeptGuardsIT {

    @Test
    void theGuardsKeptForThisJdkAreWhatByteBuddyWeavesIntoItsClasses() throws Exception {
        WovenGuards read = WovenGuards.read(null, null);
        assumeTrue(read != null, "jvisor's build did not weave the guards for JDK " + Runtime.version());
        Map<String, byte[]> kept = read.woven();

        Map<String, byte[]> woven = new TreeMap<>(WovenGuards.weaveNow(null, null).woven());

        assertEquals(woven.keySet(), new TreeSet<>(kept.keySet()), "the classes kept");
        for (Map.Entry<String, byte[]> e : woven.entrySet()) {
            assertArrayEquals(e.getValue(), kept.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void everyGuardedJdkClassIsGuardedInThisJvmLoadedBeforeTheGuardsOrAfter() throws Exception {
        List<Class<?>> guarded = new ArrayList<>();
        for (String name : CalleeGuards.guardedClasses()) {
            guarded.add(CalleeGuards.jdkClass(name));
        }
        Map<String, byte[]> now = new ConcurrentHashMap<>();
        ClassFileTransformer watcher = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
                if (redefined != null && guarded.contains(redefined)) {
                    now.put(redefined.getName(), classFile.clone());
                }
                return null;
            }
        };
        Instrumentation other = ByteBuddyAgent.install();
        other.addTransformer(watcher, true);
        try {
            other.retransformClasses(guarded.toArray(new Class<?>[0]));
        } finally {
            other.removeTransformer(watcher);
        }
        // the guards' class, as a class file names it: in the constant pool of a class that calls it
        List<String> unguarded = guarded.stream().map(Class::getName).filter(name -> now.get(name) == null
                || !new String(now.get(name), StandardCharsets.ISO_8859_1).contains("io/jvisor/hooks/Guards")).toList();
        assertEquals(List.of(), unguarded, "guarded classes whose code does not call the guards");
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
