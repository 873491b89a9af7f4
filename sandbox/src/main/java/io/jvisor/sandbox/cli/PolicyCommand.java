package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.policy.PolicyDoc;
import io.jvisor.sandbox.policy.PolicyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jvisor policy check|show}. */
@Command(name = "policy",
        mixinStandardHelpOptions = true,
        description = {"Checks and shows policies (see docs/POLICY.md).", "", PolicyDoc.FORMAT, "",
            "Operations: see docs/CATALOG.md, or 'jvisor policy show'."},
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Show.class})
final class PolicyCommand {

    /** {@code jvisor policy check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks a policy file; lists every error with its line. Exit status 0 if it is valid, 1 if not.")
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the policy file")
        private Path file;

        @Override
        public Integer call() {
            try {
                Policy p = Policy.load(file);
                System.out.println(file + ": valid, " + p.rules().size() + " rules");
                return 0;
            } catch (PolicyException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    /** {@code jvisor policy show [--policy FILE | --preset NAME]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the effective decision for every operation, and the rule that makes it.")
    static final class Show implements Callable<Integer> {

        @Mixin
        private PolicyOptions policy = new PolicyOptions();

        @Override
        public Integer call() {
            System.out.print(policy.resolve().describe());
            return 0;
        }
    }
}
