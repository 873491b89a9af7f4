package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.device.disk.VirtualDisk;
import io.jvisor.sandbox.paravirtual.GuestDescriptor;
import io.jvisor.sandbox.policy.Policy;

import java.nio.file.Path;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run as a guest: its name, class path, main class, arguments, policy and console.
 * Build with {@link #builder(String)}; immutable.
 */
public final class GuestSpec {

    /** How a guest is virtualised: the seed's three techniques. */
    public enum Mode {
        /** full virtualisation: every class rewritten to trap, with safepoints; the default */
        FULL,
        /**
         * paravirtualisation: the guest calls the hypervisor through jvisor's hypercall API, and its
         * classes are verified, not trapped: one that calls a privileged JDK method itself is refused;
         * they get safepoints, so that the host can pause and kill its code
         */
        PARAVIRTUAL,
        /**
         * a class-loader container: its own classes and statics, nothing rewritten, the JDK's state
         * shared with the host; only the host's survival is guarded (its exit ends only it)
         */
        CONTAINER
    }

    private final String name;
    private final List<Path> classPath;
    private final String mainClass;
    private final List<String> args;
    private final Policy policy;
    private final Console.Mode consoleMode;
    private final byte[] stdin;
    private final Map<String, String> properties;
    private final AuditLog audit;
    private final Path disk;
    private final Map<Resource, Limit> quotas;
    private final Mode mode;
    private final List<VirtualDisk.Mount> mounts;
    private final List<ModuleAccess> moduleAccess;

    private GuestSpec(Builder b, String name, String mainClass, Mode mode, Policy policy, Map<Resource, Limit> quotas) {
        this.mounts = List.copyOf(b.mounts);
        this.moduleAccess = List.copyOf(b.moduleAccess);
        this.disk = b.disk;
        this.quotas = Collections.unmodifiableMap(new EnumMap<>(quotas));
        this.mode = mode;
        this.audit = b.audit;
        this.properties = Map.copyOf(b.properties);
        this.name = name;
        this.classPath = List.copyOf(b.classPath);
        this.mainClass = mainClass;
        this.args = List.copyOf(b.args);
        this.policy = policy;
        this.consoleMode = b.consoleMode;
        this.stdin = b.stdin;
    }

    /** A builder for a guest of the given name ({@link io.jvisor.api.Guest#NAME_FORM}). */
    public static Builder builder(String name) {
        return new Builder(checkName(name));
    }

    /**
     * A builder for a guest named by its descriptor ({@link GuestDescriptor}), else after the
     * first entry of its class path.
     */
    public static Builder builder() {
        return new Builder(null);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches(io.jvisor.api.Guest.NAME_FORM)) {
            throw new IllegalArgumentException("guest name '" + name + "' " + io.jvisor.api.Guest.NAME_RULE);
        }
        return name;
    }

    /** A guest's name after a jar or directory: its file name without {@code .jar}, made a valid name. */
    private static String nameOf(Path entry) {
        String file = String.valueOf(entry.toAbsolutePath().normalize().getFileName());
        String base = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_");
        return cleaned.isEmpty() ? "guest" : cleaned.substring(0, Math.min(64, cleaned.length()));
    }

    public String name() {
        return name;
    }

    public List<Path> classPath() {
        return classPath;
    }

    /** The main class, or {@code null} to take the {@code Main-Class} of the first jar. */
    public String mainClass() {
        return mainClass;
    }

    public List<String> args() {
        return args;
    }

    public Policy policy() {
        return policy;
    }

    public Console.Mode consoleMode() {
        return consoleMode;
    }

    /** System properties the guest starts with, over a copy of the host's. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Where the guest's policy decisions are written; {@link AuditLog#NONE} by default. */
    public AuditLog audit() {
        return audit;
    }

    /**
     * The host directory that holds the guest's disk, or {@code null} for the default,
     * {@code ~/.jvisor/disks/NAME}. Unused when the policy gives the guest the host's files.
     */
    public Path disk() {
        return disk;
    }

    /** Host files and directories mounted into the guest's disk, besides its policy's. */
    public List<VirtualDisk.Mount> mounts() {
        return mounts;
    }

    /**
     * The packages of the JVM's modules the host gives the guest's code beyond their exports
     * ({@code jvisor run --add-exports}, {@code --add-opens}); what the manifest of the jar that
     * names the main class asks for besides is decided by the guest's policy as {@code native}.
     */
    public List<ModuleAccess> moduleAccess() {
        return moduleAccess;
    }

    /** How the guest is virtualised; by default as its descriptor asks, else {@link Mode#FULL}. */
    public Mode mode() {
        return mode;
    }

    /** The guest's quotas when it starts; resources not named have no limit. */
    public Map<Resource, Limit> quotas() {
        return quotas;
    }

    /** The guest's standard input, or {@code null} for the host's (in INHERIT mode) or none. */
    byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    /**
     * Builds a {@link GuestSpec}. What the builder is not told is taken from the guest's
     * descriptor, {@link GuestDescriptor}, where the guest may ask for it.
     */
    public static final class Builder {
        private final String name;
        private final List<Path> classPath = new ArrayList<>();
        private String mainClass;
        private final List<String> args = new ArrayList<>();
        private Policy policy;
        private Console.Mode consoleMode = Console.Mode.PREFIX;
        private byte[] stdin;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private AuditLog audit = AuditLog.NONE;
        private Path disk;
        private final Map<Resource, Limit> quotas = new EnumMap<>(Resource.class);
        private Mode mode;
        private final List<VirtualDisk.Mount> mounts = new ArrayList<>();
        private final List<ModuleAccess> moduleAccess = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a jar or a directory of classes to the guest's class path. */
        public Builder classPath(Path jarOrDirectory) {
            classPath.add(Objects.requireNonNull(jarOrDirectory, "jarOrDirectory"));
            return this;
        }

        /** The main class; by default the descriptor's, else the {@code Main-Class} of the first jar. */
        public Builder mainClass(String className) {
            this.mainClass = className;
            return this;
        }

        /** The arguments of main. */
        public Builder args(List<String> arguments) {
            args.clear();
            args.addAll(arguments);
            return this;
        }

        /**
         * The policy; by default the preset the descriptor asks for, if it trusts no more than
         * the {@value Policy#DEFAULT_PRESET} preset, which is the default otherwise.
         */
        public Builder policy(Policy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /** Where output goes; by default {@link Console.Mode#PREFIX}. */
        public Builder console(Console.Mode mode) {
            this.consoleMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** A system property the guest starts with, as {@code java -Dname=value} would set it. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Where the guest's policy decisions are written; by default nowhere. */
        public Builder audit(AuditLog log) {
            this.audit = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The host directory that holds the guest's disk; by default {@code ~/.jvisor/disks/NAME}. */
        public Builder disk(Path directory) {
            this.disk = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Mounts a host file or directory into the guest's disk (besides its policy's mounts). */
        public Builder mount(VirtualDisk.Mount mount) {
            mounts.add(Objects.requireNonNull(mount, "mount"));
            return this;
        }

        /** Gives the guest's code a package of one of the JVM's modules beyond its exports (see {@link GuestSpec#moduleAccess()}). */
        public Builder moduleAccess(ModuleAccess access) {
            moduleAccess.add(Objects.requireNonNull(access, "access"));
            return this;
        }

        /**
         * How the guest is virtualised; by default as the descriptor asks, unless it asks for
         * {@link Mode#CONTAINER}, which the host must grant; else {@link Mode#FULL}.
         */
        public Builder mode(Mode how) {
            this.mode = Objects.requireNonNull(how, "how");
            return this;
        }

        /** A quota of the guest: the limit of one resource; by default the descriptor's, else none. */
        public Builder quota(Resource resource, Limit limit) {
            quotas.put(Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /** The guest's standard input; by default the host's in INHERIT mode, else empty. */
        public Builder stdin(byte[] input) {
            this.stdin = input.clone();
            return this;
        }

        /**
         * Builds the spec, with what it was not told taken from the guest's descriptor.
         *
         * @throws IllegalStateException    if the class path is empty
         * @throws IllegalArgumentException if the descriptor is corrupt, contradicts itself, or asks
         *                                  for what only the host may grant (its message names the
         *                                  file and the key)
         */
        public GuestSpec build() {
            if (classPath.isEmpty()) {
                throw new IllegalStateException("guest '" + (name != null ? name : "?") + "' has an empty class path");
            }
            GuestDescriptor descriptor = GuestDescriptor.of(classPath.get(0));
            String named = name;
            if (named == null) {
                named = descriptor.name().orElse(nameOf(classPath.get(0)));
                try {
                    checkName(named);
                } catch (IllegalArgumentException e) {
                    throw descriptor.error("name", e.getMessage());
                }
            }
            Policy granted = policy != null ? policy : descriptor.grantedPolicy();
            Map<Resource, Limit> limits = new EnumMap<>(Resource.class);
            // a guest that the host puts on its own files has no disk for the quota it asked for
            descriptor.quotas().forEach((r, l) -> {
                if (r != Resource.DISK || !granted.hostFiles()) {
                    limits.put(r, l);
                }
            });
            limits.putAll(quotas);
            return new GuestSpec(this, named, mainClass != null ? mainClass : descriptor.mainClass().orElse(null),
                    mode != null ? mode : descriptor.grantedMode(), granted, limits);
        }
    }
}
