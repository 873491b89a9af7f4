package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guest sees the heap it may use: with a live-heap limit, its {@code Runtime.maxMemory()},
 * {@code totalMemory()} and {@code freeMemory()} and the JVM's {@code MemoryMXBean} (called
 * directly, by reflection, or through the platform MBean server) show the limit and its own live
 * heap, as a JVM in a container sees the container's memory limit, so that a program that sizes
 * itself by the heap fits its quota. H2 (Maven Central, unmodified) reports the guest's memory.
 */
class GuestMemoryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long MIB = 1L << 20;

    private static final String PROBE = """
            package probe;

            import java.lang.management.ManagementFactory;
            import java.lang.management.MemoryUsage;
            import javax.management.ObjectName;
            import javax.management.openmbean.CompositeData;

            public final class Probe {
                static byte[][] held;

                public static void main(String[] args) throws Exception {
                    Runtime rt = Runtime.getRuntime();
                    System.out.println("runtime " + rt.maxMemory() + " " + rt.totalMemory() + " " + rt.freeMemory());
                    System.out.println("reflected " + Runtime.class.getMethod("maxMemory").invoke(rt) + " "
                            + Runtime.class.getMethod("totalMemory").invoke(rt));
                    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.println("bean " + heap.getMax() + " " + heap.getCommitted() + " " + heap.getUsed());
                    CompositeData served = (CompositeData) ManagementFactory.getPlatformMBeanServer()
                            .getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
                    System.out.println("server " + served.get("max"));
                    if (args.length > 0) {
                        int mebibytes = Integer.parseInt(args[0]);
                        held = new byte[mebibytes][];
                        for (int i = 0; i < mebibytes; i++) {
                            held[i] = new byte[1 << 20];
                        }
                        // the hypervisor estimates the live heap by walks a period apart
                        while (rt.totalMemory() - rt.freeMemory() < mebibytes * (1L << 20)) {
                            Thread.sleep(10);
                        }
                        System.out.println("sees its " + mebibytes + " MiB");
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private GuestSpec.Builder probe(String name, String... args) throws Exception {
        Path classes = GuestSources.compile(dir, Map.of("probe.Probe", PROBE));
        return GuestSpec.builder(name).classPath(classes).mainClass("probe.Probe").args(List.of(args))
                .console(Console.Mode.CAPTURE);
    }

    /** Each line of the guest's output, split into its words, by its first word. */
    private static Map<String, List<String>> run(GuestSpec spec) throws Exception {
        Guest g = Hypervisor.get().start(spec);
        GuestResult result = g.await(PATIENCE);
        assertEquals(0, result == null ? -1 : result.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut().lines().map(line -> Arrays.asList(line.split(" ")))
                .collect(java.util.stream.Collectors.toMap(words -> words.get(0), words -> words.subList(1, words.size())));
    }

    private static long number(Map<String, List<String>> out, String line, int word) {
        return Long.parseLong(out.get(line).get(word));
    }

    @Test
    void aGuestWithALiveHeapLimitSeesItAsItsHeapAndWhatItHoldsAsUsed() throws Exception {
        long limit = 64 * MIB;
        assertTrue(Runtime.getRuntime().maxMemory() > limit, "the JVM's heap is larger than the limit");
        Map<String, List<String>> out = run(probe("memory-limited", "8").quota(Resource.LIVE_HEAP, Limit.hard(limit)).build());
        assertEquals(limit, number(out, "runtime", 0), "maxMemory: " + out);
        assertTrue(number(out, "runtime", 1) <= limit, "totalMemory: " + out);
        assertTrue(number(out, "runtime", 2) <= number(out, "runtime", 1), "freeMemory: " + out);
        assertEquals(List.of(String.valueOf(limit), String.valueOf(number(out, "runtime", 1))), out.get("reflected"));
        assertEquals(limit, number(out, "bean", 0), "MemoryMXBean: " + out);
        assertTrue(number(out, "bean", 1) <= limit && number(out, "bean", 2) <= number(out, "bean", 1), "MemoryMXBean: " + out);
        assertEquals(limit, number(out, "server", 0), "the platform MBean server: " + out);
        assertEquals(List.of("its", "8", "MiB"), out.get("sees"), "what it holds shows as used: " + out);
    }

    @Test
    void theSoftLimitIsTheHeapWhereTheGuestIsFirstHeldBack() throws Exception {
        Map<String, List<String>> out = run(probe("memory-soft").quota(Resource.LIVE_HEAP, new Limit(32 * MIB, 64 * MIB)).build());
        assertEquals(32 * MIB, number(out, "runtime", 0), out.toString());
        assertEquals(32 * MIB, number(out, "bean", 0), out.toString());
    }

    @Test
    void aGuestWithoutALimitAndAContainerSeeTheJvmsHeap() throws Exception {
        long jvms = Runtime.getRuntime().maxMemory();
        Map<String, List<String>> unlimited = run(probe("memory-unlimited").build());
        assertEquals(jvms, number(unlimited, "runtime", 0), unlimited.toString());
        assertEquals(jvms, number(unlimited, "bean", 0), unlimited.toString());
        // a container's calls are not rewritten: it sees the JVM's heap, whatever its quota
        Map<String, List<String>> container = run(probe("memory-container").mode(GuestSpec.Mode.CONTAINER)
                .quota(Resource.LIVE_HEAP, Limit.hard(64 * MIB)).build());
        assertEquals(jvms, number(container, "runtime", 0), container.toString());
        assertEquals(jvms, number(container, "bean", 0), container.toString());
    }

    @Test
    void h2ReportsTheMemoryOfItsGuest() throws Exception {
        long limit = 16 * MIB;
        Guest g = Hypervisor.get().start(GuestSpec.builder("h2-memory").classPath(Path.of(System.getProperty("guest.h2")))
                .mainClass("org.h2.tools.Shell").args(List.of("-url", "jdbc:h2:mem:m", "-sql",
                        "SELECT MEMORY_FREE() || ' ' || MEMORY_USED() AS KIB"))
                .console(Console.Mode.CAPTURE).disk(dir.resolve("h2")).quota(Resource.LIVE_HEAP, Limit.hard(limit)).build());
        GuestResult result = g.await(PATIENCE);
        assertEquals(0, result == null ? -1 : result.exitStatus(), g.console().capturedErr());
        String out = g.console().capturedOut();
        String[] kib = out.lines().skip(1).findFirst().orElseThrow().trim().split(" ");
        long free = Long.parseLong(kib[0]);
        long used = Long.parseLong(kib[1]);
        // each is read apart (the estimate of what it holds may change in between), none past the limit
        assertTrue(free <= limit >> 10 && used <= limit >> 10 && free + used <= (limit >> 10) + 1, out);
    }
}
