package io.jvisor.bench;

import io.jvisor.sandbox.Guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an idle guest costs in memory, against a JVM process: starts N idle guests (each waits on
 * its main thread), containers or fully virtualised, and reports per guest the heap in use and
 * the resident memory of this JVM that they added; or the resident memory of a new {@code java}
 * process that runs the same idle main. Not a JMH benchmark (memory, not time); one JVM per
 * measurement, under jvisor's agent:
 *
 * <pre>
 *   java -javaagent:sandbox/target/jvisor-agent.jar -cp bench/target/benchmarks.jar io.jvisor.bench.Footprint container|full|process [N]
 * </pre>
 */
public final class Footprint {

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "container";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path jar = HostedGuests.jarOf(IdleGuest.class);
        if (what.equals("process")) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar.toString(), IdleGuest.class.getName(), "0").redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out.readLine(); // "started"
                System.out.printf(Locale.ROOT, "process: %,d bytes resident (JDK %s)%n", rss(Path.of("/proc", Long.toString(p.pid()), "status")),
                        Runtime.version());
            } finally {
                p.destroyForcibly().waitFor();
            }
            return;
        }
        boolean container = what.equals("container");
        long heapBefore = settledHeap();
        long rssBefore = rss(Path.of("/proc/self/status"));
        List<Guest> guests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            guests.add(HostedGuests.startIdle(jar, what + "-" + i, 0, container));
        }
        long heap = settledHeap() - heapBefore;
        long rss = rss(Path.of("/proc/self/status")) - rssBefore;
        System.out.printf(Locale.ROOT, "%d idle %s guests: %,d bytes of heap and %,d bytes resident per guest; %d threads in the JVM (JDK %s)%n",
                n, what, heap / n, rss / n, ManagementFactory.getThreadMXBean().getThreadCount(), Runtime.version());
        for (Guest g : guests) {
            g.kill();
        }
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The resident set of a process, from its /proc status, in bytes; 0 where there is none. */
    private static long rss(Path status) throws IOException {
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
    }
}
