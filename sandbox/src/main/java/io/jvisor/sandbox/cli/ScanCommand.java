package io.jvisor.sandbox.cli;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.scan.ScanReport;
import io.jvisor.agent.scan.Scanner;
import io.jvisor.sandbox.policy.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jvisor scan}: the prescan report, without running anything. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        description = {"Lists every call of a privileged JDK method that jvisor would trap in a jar or a "
                + "directory of classes: class, method, source line, the method called and its category, "
                + "with a summary by category. Runs nothing. Exit status 1 if a class cannot be read.",
                "With --policy or --preset, also the ring that policy gives each class as one of a guest's own: "
                        + "1 or 2 where a 'ring N package|jar' statement names it, else 3."})
final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "a jar, or a directory of classes")
    private Path path;

    @Option(names = "--json", description = "print the report as JSON, for tools")
    private boolean json;

    @Mixin
    private PolicyOptions policy = new PolicyOptions();

    @Override
    public Integer call() {
        ScanReport report;
        try {
            Policy rings = policy.given() ? policy.resolve() : null;
            String entry = path.toAbsolutePath().normalize().toString();
            report = Scanner.scan(path, new Rewriter(Catalog.standard()), rings == null ? null : c -> rings.ring(c, entry));
        } catch (IOException e) {
            throw new FailedException(e.getMessage(), e);
        }
        System.out.print(json ? report.toJson() : report.toText());
        System.out.flush();
        return report.errors().isEmpty() ? 0 : 1;
    }
}
