package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.AuditLog;
import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestResult;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.GuestStartException;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.device.Console;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jvisor run-all FILE}: runs a set of guests at once in this JVM, one per line of a file,
 * each line what {@code jvisor run} takes. Every line is read and checked before any guest starts.
 */
@Command(name = "run-all",
        mixinStandardHelpOptions = true,
        description = {"Runs several guests at once in this JVM, one per line of FILE, each line the options and arguments "
                + "'jvisor run' takes (quote an argument with ' or \" to keep its spaces; # starts a comment). Output is "
                + "labelled [NAME] unless a line says --console. Exits with 0 if every guest's status was 0, else with "
                + "the status of the first guest in the file that ended otherwise."},
        footer = {"", "Example FILE:", "  --name web  --cpu-time 2s samples/hello/target/hello.jar a b",
                "  --name job  --mode container --threads 8 samples/busy/target/busy.jar threads 4"})
final class RunAllCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the guests, one per line")
    private Path file;

    /** One line's guest, read and checked. */
    private record Planned(int line, GuestSpec spec, boolean verbose) {
    }

    @Override
    public Integer call() throws InterruptedException {
        List<AuditLog> audits = new ArrayList<>();
        List<Planned> plan;
        try {
            plan = read(audits);
        } catch (FailedException e) {
            close(audits);
            throw e;
        }
        List<Guest> guests = new ArrayList<>();
        try {
            for (Planned p : plan) {
                try {
                    guests.add(Hypervisor.get().start(p.spec));
                } catch (GuestStartException e) {
                    guests.forEach(Guest::kill); // all of the file or nothing
                    throw new FailedException(file + ":" + p.line + ": " + e.getMessage(), e);
                }
            }
            int status = 0;
            for (int i = 0; i < guests.size(); i++) {
                GuestResult result = guests.get(i).await();
                if (plan.get(i).verbose) {
                    System.err.println("jvisor: " + result.describe());
                }
                if (status == 0) {
                    status = result.exitStatus();
                }
            }
            return status;
        } finally {
            close(audits);
        }
    }

    private static void close(List<AuditLog> audits) {
        for (AuditLog audit : audits) {
            try {
                audit.close();
            } catch (IOException e) {
                System.err.println("jvisor: cannot close an audit log: " + e.getMessage());
            }
        }
    }

    /** Reads every line into a guest's spec, opening its audit log into {@code audits}; fails on the first that is wrong, naming it. */
    private List<Planned> read(List<AuditLog> audits) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FailedException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> words = words(lines.get(i), i + 1);
            if (words.isEmpty()) {
                continue;
            }
            try {
                plan.add(plan(words, i + 1, plan, audits));
            } catch (CommandLine.ParameterException | FailedException e) {
                throw new FailedException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (plan.isEmpty()) {
            throw new FailedException(file + " names no guest: write one per line, as 'jvisor run' takes them");
        }
        return plan;
    }

    /** One line's guest, its audit log opened into {@code audits}: not one of the {@code earlier} guests' name or disk. */
    private static Planned plan(List<String> words, int line, List<Planned> earlier, List<AuditLog> audits) {
        RunCommand run = new RunCommand();
        CommandLine.ParseResult parsed = JvisorCommand.parsingRun(new CommandLine(run)).parseArgs(words.toArray(new String[0]));
        GuestSpec.Builder spec = run.spec();
        if (!parsed.hasMatchedOption("--console")) {
            spec.console(Console.Mode.PREFIX);
        }
        AuditLog audit = run.openAudit();
        audits.add(audit);
        GuestSpec built = RunCommand.build(spec.audit(audit));
        for (Planned other : earlier) {
            if (other.spec().name().equals(built.name())) {
                throw new FailedException("a second guest named '" + built.name() + "': give each its own with --name");
            }
            if (sharesDisk(other.spec(), built)) {
                throw new FailedException("the disks of guest '" + other.spec().name() + "' (" + other.spec().disk() + ") and guest '"
                        + built.name() + "' (" + built.disk() + ") overlap, where each would write the other's files: "
                        + "give each its own with --disk");
            }
        }
        return new Planned(line, built, run.verbose());
    }

    /** Whether two guests' disks, given with --disk, are one or one lies in the other, where each would write the other's files. */
    private static boolean sharesDisk(GuestSpec one, GuestSpec other) {
        if (one.disk() == null || other.disk() == null) {
            return false; // a default disk is the guest's name's
        }
        Path a = one.disk().toAbsolutePath().normalize();
        Path b = other.disk().toAbsolutePath().normalize();
        return a.startsWith(b) || b.startsWith(a);
    }

    /** The words of a line: split at spaces, '...' and "..." kept whole, from # on a comment. */
    private List<String> words(String line, int number) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new FailedException(file + ":" + number + ": a quote " + quote + " is not closed");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
