package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.AuditLog;
import io.jvisor.sandbox.Guest;
import io.jvisor.sandbox.GuestResult;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.GuestStartException;
import io.jvisor.sandbox.Hypervisor;
import io.jvisor.sandbox.ModuleAccess;
import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.device.disk.VirtualDisk;
import io.jvisor.sandbox.policy.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code jvisor run}: runs one program as a guest and exits with its status. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs a Java program as a guest of this JVM: every privileged call it makes traps into "
                + "jvisor and is decided by its policy. Exits with the guest's exit status."},
        footer = {"", "Example: jvisor run --policy guest.policy app.jar --input data.txt"})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GUEST", description = "the guest: a jar, or a directory of classes (then give --main)")
    private Path guest;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "the guest's arguments, passed as they are")
    private List<String> args = new ArrayList<>();

    @Option(names = "--main", paramLabel = "CLASS",
            description = "the main class (default: the guest descriptor's, else the jar's Main-Class)")
    private String mainClass;

    @Option(names = {"-cp", "--class-path"}, paramLabel = "PATH", split = "${sys:path.separator}",
            description = "more jars or directories for the guest's class path")
    private List<Path> classPath = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME",
            description = "the guest's name (default: the guest descriptor's, else the jar's name)")
    private String name;

    @Option(names = "-D", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "a system property of the guest, as java -D sets one")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Mixin
    private PolicyOptions policy = new PolicyOptions();

    @Option(names = "--mode", paramLabel = "MODE",
            description = "how the guest is virtualised: full (its privileged calls rewritten into traps), paravirtual "
                    + "(its classes verified: it calls jvisor's hypercalls) or container (nothing rewritten); "
                    + "default: what the guest descriptor asks for, container only when given here, else full")
    private GuestSpec.Mode mode;

    /** Where output goes: the console modes that make sense for one guest on a terminal. */
    enum ConsoleChoice {
        INHERIT(Console.Mode.INHERIT), PREFIX(Console.Mode.PREFIX);

        final Console.Mode mode;

        ConsoleChoice(Console.Mode mode) {
            this.mode = mode;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--console", paramLabel = "MODE", defaultValue = "inherit",
            description = "where the guest's output goes: inherit (this process's streams, as they are) or "
                    + "prefix (each line labelled [NAME]); default: ${DEFAULT-VALUE}")
    private ConsoleChoice console;

    @Option(names = "--audit", paramLabel = "FILE",
            description = "append the guest's denied operations to FILE, one JSON object a line")
    private Path auditFile;

    @Option(names = "--audit-all", description = "with --audit: every decision, allowed ones too")
    private boolean auditAll;

    @Option(names = "--disk", paramLabel = "DIR",
            description = "the host directory that holds the guest's disk, its / (default: ~/.jvisor/disks/NAME)")
    private Path disk;

    @Mixin
    private QuotaOptions quotas = new QuotaOptions();

    @Option(names = "--mount", paramLabel = "HOST:GUEST[:rw]",
            description = "show a host file or directory in the guest's disk at the absolute path GUEST, "
                    + "read-only unless :rw follows; repeatable")
    private List<String> mounts = new ArrayList<>();

    @Option(names = "--add-exports", paramLabel = "MODULE/PACKAGE",
            description = "give the guest's code a package its module does not export, as java --add-exports "
                    + "MODULE/PACKAGE=ALL-UNNAMED does (to the guest alone); repeatable")
    private List<String> addExports = new ArrayList<>();

    @Option(names = "--add-opens", paramLabel = "MODULE/PACKAGE",
            description = "give the guest's code deep reflection into a package, as java --add-opens does (to the "
                    + "guest alone); repeatable. The Add-Exports and Add-Opens of the guest jar's manifest are "
                    + "decided by its policy as native")
    private List<String> addOpens = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "report how the guest ended on standard error; stack traces of jvisor's errors")
    private boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        GuestSpec.Builder spec = spec();
        GuestResult result;
        try (AuditLog audit = openAudit()) {
            Guest g = Hypervisor.get().start(build(spec.audit(audit)));
            forwardSignals(g);
            result = g.await();
        } catch (IOException e) {
            throw new FailedException("cannot close the audit log " + auditFile + ": " + e.getMessage(), e);
        } catch (GuestStartException | IllegalStateException e) {
            throw new FailedException(e.getMessage(), e);
        }
        if (verbose) {
            System.err.println("jvisor: " + result.describe());
        }
        return result.exitStatus();
    }

    /**
     * The process's signals that end a JVM go to the guest, the program this process runs, as they
     * would go to the program's own JVM: to the handler it installed, or they end it.
     */
    private static void forwardSignals(Guest g) {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> g.signal(name));
            } catch (IllegalArgumentException e) {
                // a JVM started with -Xrs keeps it: it ends the guest with the JVM, as without
            }
        }
    }

    /** What the options and arguments ask to run, its audit log aside. */
    GuestSpec.Builder spec() {
        Policy p = policy.resolve();
        GuestSpec.Builder spec;
        try {
            spec = name != null ? GuestSpec.builder(name) : GuestSpec.builder();
        } catch (IllegalArgumentException e) {
            throw new FailedException(e.getMessage() + " (choose one with --name)");
        }
        spec.classPath(guest).mainClass(mainClass).args(args).console(console.mode);
        if (policy.given()) {
            spec.policy(p);
        }
        if (mode != null) {
            spec.mode(mode);
        }
        classPath.forEach(spec::classPath);
        properties.forEach(spec::property);
        if (disk != null) {
            spec.disk(disk);
        }
        quotas.applyTo(spec);
        mounts.forEach(m -> spec.mount(mount(m)));
        addExports.forEach(a -> spec.moduleAccess(moduleAccess("--add-exports", a, false)));
        addOpens.forEach(a -> spec.moduleAccess(moduleAccess("--add-opens", a, true)));
        return spec;
    }

    /** Builds a guest's spec: what the guest's jar says is read here, and may be wrong. */
    static GuestSpec build(GuestSpec.Builder spec) {
        try {
            return spec.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new FailedException(e.getMessage(), e);
        }
    }

    /** The audit log that {@code --audit} names, opened; {@link AuditLog#NONE} without one. */
    AuditLog openAudit() {
        try {
            return auditFile == null ? AuditLog.NONE : AuditLog.open(auditFile, auditAll);
        } catch (IOException e) {
            throw new FailedException("cannot open the audit log " + auditFile + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code --verbose} was given. */
    boolean verbose() {
        return verbose;
    }

    private static ModuleAccess moduleAccess(String option, String value, boolean open) {
        try {
            return ModuleAccess.parse(value, open);
        } catch (IllegalArgumentException e) {
            throw new FailedException(option + " " + value + ": " + e.getMessage());
        }
    }

    private static VirtualDisk.Mount mount(String option) {
        String[] parts = option.split(":", -1);
        boolean writable = parts.length == 3 && parts[2].equals("rw");
        if (parts.length < 2 || parts.length > 3 || parts.length == 3 && !writable && !parts[2].equals("ro")
                || parts[0].isEmpty() || !parts[1].startsWith("/")) {
            throw new FailedException("--mount " + option + ": expected HOST:GUEST, HOST:GUEST:ro or HOST:GUEST:rw, "
                    + "with GUEST an absolute path");
        }
        Path host = Path.of(parts[0]);
        if (!java.nio.file.Files.exists(host)) {
            throw new FailedException("--mount " + option + ": " + host + " does not exist");
        }
        return new VirtualDisk.Mount(parts[1], host, writable);
    }
}
