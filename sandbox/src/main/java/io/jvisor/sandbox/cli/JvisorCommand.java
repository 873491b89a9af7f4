package io.jvisor.sandbox.cli;

import io.jvisor.agent.rewrite.Rewriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jvisor} command. Exit status: the guest's for {@code run}; 0 for success otherwise;
 * 1 when {@code policy check} or {@code scan} finds errors, or a technique of {@code escapes} was
 * not contained; 2 for a wrong command line; 125 when
 * jvisor cannot do what was asked (a missing or corrupt jar, a bad policy, no main class).
 */
@Command(name = "jvisor",
        mixinStandardHelpOptions = true,
        versionProvider = JvisorCommand.Version.class,
        description = "A hypervisor for JVM bytecode: runs Java programs as guests in one JVM, with every "
                + "privileged call trapped and decided by a policy.",
        subcommands = {RunCommand.class, RunAllCommand.class, GuestsCommand.class, ScanCommand.class, PolicyCommand.class, EscapesCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit status: the guest's for 'run'; 2 for a wrong command line; "
                + FailedException.STATUS + " when jvisor cannot run what was asked."})
final class JvisorCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, run-all, guests, scan, policy or escapes");
    }

    /** Parses {@code run}'s words as {@code jvisor run} does, also where {@code run-all} reads them from a file. */
    static CommandLine parsingRun(CommandLine run) {
        // Everything after the guest belongs to the guest, options included.
        return run.setStopAtPositional(true).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Parses and runs a command line; returns the exit status. */
    static int execute(String... args) {
        CommandLine cl = new CommandLine(new JvisorCommand()).setUsageHelpWidth(100);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        parsingRun(cl.getSubcommands().get("run"));
        cl.setParameterExceptionHandler((e, args1) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("jvisor: " + e.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            boolean verbose = commandLine.getParseResult().hasMatchedOption("--verbose");
            if (e instanceof FailedException) {
                commandLine.getErr().println("jvisor: " + e.getMessage());
                if (verbose && e.getCause() != null) {
                    e.getCause().printStackTrace(commandLine.getErr());
                }
                return FailedException.STATUS;
            }
            commandLine.getErr().println("jvisor: internal error: " + e);
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("jvisor: run again with --verbose for details");
            }
            return FailedException.STATUS;
        });
        return cl.execute(args);
    }

    /** What {@code --version} prints. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JvisorCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "jvisor " + (v == null ? "(development build)" : v),
                "running on Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                "reads class files up to version " + Rewriter.NEWEST_MAJOR_VERSION + " (Java "
                        + (Rewriter.NEWEST_MAJOR_VERSION - 44) + ")"
            };
        }
    }
}
