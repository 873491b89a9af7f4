package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.cli.Launch.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rings on a real plugin host ({@code samples/plugins}): a program that loads plugin jars in class
 * loaders of its own. Its policy puts the host's package in ring 1, which may write the report;
 * the plugins it loads stay in ring 3, which may write nothing, even the one whose package claims
 * to be the host's.
 */
class RingsIT {

    private static final Path POLICY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../samples/plugins/plugin-host.policy").normalize();

    @TempDir
    Path dir;

    private Path disk;

    @BeforeEach
    void installPlugins() throws IOException {
        disk = dir.resolve("disk");
        Files.createDirectories(disk.resolve("plugins"));
        for (String plugin : List.of("hello", "sneaky")) {
            Files.copy(Fixtures.pluginJar(plugin), disk.resolve("plugins/" + plugin + ".jar"));
        }
    }

    private Result run(Path policy) {
        return Launch.jvisor(dir, "run", "--name", "plugins", "--disk", disk.toString(), "--policy", policy.toString(), "--audit",
                dir.resolve("audit.jsonl").toString(), Fixtures.pluginHostJar().toString());
    }

    @Test
    void theHostInRingOneWritesItsReportAndThePluginsInRingThreeWriteNothing() throws IOException {
        Result r = run(POLICY);

        List<String> audit = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertEquals("hello: hello from a plugin", r.outLines().get(0)),
                () -> assertEquals("sneaky failed: java.nio.file.AccessDeniedException: /data/sneaky.txt: jvisor: guest 'plugins' "
                        + "may not write it: denied by policy rule 'deny file-write' (plugin-host.policy:4)", r.outLines().get(1)),
                () -> assertEquals("report: 2 plugins, written to /data/report.txt", r.outLines().get(2)),
                () -> assertEquals(r.outLines().subList(0, 2), Files.readAllLines(disk.resolve("data/report.txt"))),
                () -> assertFalse(Files.exists(disk.resolve("data/sneaky.txt"))),
                () -> assertEquals(1, audit.size(), audit.toString()),
                () -> assertTrue(audit.get(0).contains("\"class\": \"guest.plugins.host.sneaky.SneakyPlugin\", \"method\": \"run\"")
                        && audit.get(0).contains("\"ring\": 3, \"operation\": \"file-write\", \"argument\": \"/data/sneaky.txt\", "
                                + "\"decision\": \"deny\""), audit.get(0)));
    }

    @Test
    void withoutItsRingTheHostMayNotWriteItsReportEither() throws IOException {
        Path flat = dir.resolve("flat.policy");
        Files.writeString(flat, "preset constrained\ndeny file-write\n");

        Result r = run(flat);

        assertAll(r.toString(),
                () -> assertEquals(1, r.status()),
                () -> assertEquals(List.of("cannot write the report: java.nio.file.AccessDeniedException: /data: jvisor: "
                        + "guest 'plugins' may not write it: denied by policy rule 'deny file-write' (flat.policy:2)"), r.errLines()),
                () -> assertFalse(Files.exists(disk.resolve("data/report.txt"))));
    }

    @Test
    void scanShowsEachClasssRingAsThePolicyAssignsIt() {
        Result r = Launch.jvisor(dir, "scan", "--policy", POLICY.toString(), "--json", Fixtures.pluginHostJar().toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.stdout().contains("\"rings\": {\"guest.plugins.host.Plugin\": 1, \"guest.plugins.host.PluginHost\": 1, "
                        + "\"guest.plugins.host.PluginHost$Action\": 1}")),
                () -> assertTrue(r.stdout().contains("\"form\": \"call\", \"ring\": 1}")));
    }

    @Test
    void policyShowNamesTheRings() {
        Result r = Launch.jvisor(dir, "policy", "show", "--policy", POLICY.toString());

        assertAll(r.toString(),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(r.stdout().contains("  ring 1: package guest.plugins.host by 'ring 1 package guest.plugins.host' "
                        + "(plugin-host.policy:5)")),
                () -> assertTrue(r.stdout().contains("  ring 3: every other class of the guest")));
    }
}
