package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvisor.sandbox.GuestSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the JVM has processors enough for the JDK's asynchronous defaults to be its common pool
 * (three or more; the JVM is told it has four), a hosted guest's are its own common pool, whose
 * workers are its threads: JDK 17's {@code SubmissionPublisher} kept the JVM's pool, found on the
 * host's thread, in a static field, and a guest that filled it held up every program's
 * asynchronous work.
 */
class CommonPoolOfManyProcessorsIT {

    private static final List<String> FOUR_PROCESSORS = List.of("-XX:ActiveProcessorCount=4");

    private static final String POOLS = """
            package app;

            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ForkJoinPool;
            import java.util.concurrent.SubmissionPublisher;
            import java.util.concurrent.TimeUnit;

            public final class Pools {
                public static void main(String[] args) throws Exception {
                    ForkJoinPool common = ForkJoinPool.commonPool();
                    System.out.println("parallelism " + common.getParallelism());
                    System.out.println("CompletableFuture's default is the common pool "
                            + (new CompletableFuture<Void>().defaultExecutor() == common));
                    try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
                        System.out.println("SubmissionPublisher's default is the common pool " + (publisher.getExecutor() == common));
                        CompletableFuture<ThreadGroup> consumer = new CompletableFuture<>();
                        publisher.consume(item -> consumer.complete(Thread.currentThread().getThreadGroup()));
                        publisher.submit("item");
                        ThreadGroup group = consumer.get(30, TimeUnit.SECONDS);
                        System.out.println("its consumer runs in the group of main or below "
                                + Thread.currentThread().getThreadGroup().parentOf(group));
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aGuestsPublisherWithoutAnExecutorRunsOnItsOwnCommonPool() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("pools"), Map.of("app.Pools", POOLS));
        Launch.Result natively = Launch.java(dir, "-XX:ActiveProcessorCount=4", "-cp", classes.toString(), "app.Pools");
        assumeTrue(natively.outLines().contains("SubmissionPublisher's default is the common pool true"),
                "this JDK's publisher does not default to the common pool: " + natively);

        Launch.Result guest = Launch.jvisorFrom(Launch.jvisorJar(), FOUR_PROCESSORS, dir, "run", "--disk", dir.resolve("disk").toString(),
                "--main", "app.Pools", classes.toString());
        assertAll(natively + "\n" + guest,
                () -> assertEquals(List.of("parallelism 3", "CompletableFuture's default is the common pool true",
                        "SubmissionPublisher's default is the common pool true",
                        "its consumer runs in the group of main or below true"), guest.outLines()),
                () -> assertEquals(0, guest.status()));
    }
}
