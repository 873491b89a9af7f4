package io.jvisor.sandbox.cli;

import io.jvisor.agent.catalog.Catalog;
import io.jvisor.agent.rewrite.Rewriter;
import io.jvisor.agent.scan.ScanReport;
import io.jvisor.agent.scan.Scanner;
import picocli.CommandLine.Command;
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
                + "with a summary by category. Runs nothing. Exit status 1 if a class cannot be read."})
final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "a jar, or a directory of classes")
    private Path path;

    @Option(names = "--json", description = "print the report as JSON, for tools")
    private boolean json;

    @Override
    public Integer call() {
        ScanReport report;
        try {
            report = Scanner.scan(path, new Rewriter(Catalog.standard()));
        } catch (IOException e) {
            throw new FailedException(e.getMessage(), e);
        }
        System.out.print(json ? report.toJson() : report.toText());
        System.out.flush();
        return report.errors().isEmpty() ? 0 : 1;
    }
}
