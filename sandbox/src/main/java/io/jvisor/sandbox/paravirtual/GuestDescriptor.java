package io.jvisor.sandbox.paravirtual;

import io.jvisor.api.spi.Amounts;
import io.jvisor.api.spi.Presets;
import io.jvisor.sandbox.GuestSpec;
import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A guest's descriptor, {@value #RESOURCE} in the first entry of its class path, as jvisor's
 * annotation processor writes it from {@code @io.jvisor.api.Guest}: how the guest asks to run.
 * {@link GuestSpec.Builder#build()} takes from it what the host did not say.
 *
 * <p>A guest may ask for less than jvisor gives by default, never more: a preset that trusts more
 * than {@value Presets#DEFAULT} and {@link GuestSpec.Mode#CONTAINER}, which rewrites nothing, are
 * the host's to grant. A descriptor that is corrupt, contradicts itself, or asks for what the host
 * did not grant is refused with an {@link IllegalArgumentException} naming the file and the key.
 */
public final class GuestDescriptor {

    /** Where the descriptor is in a jar or a directory of classes. */
    public static final String RESOURCE = "META-INF/jvisor/guest.properties";

    /** What a class path entry without a descriptor asks for: nothing. */
    private static final GuestDescriptor NONE = new GuestDescriptor("", new Properties());

    private static final Set<String> KEYS = Set.of("name", "main", "mode", "preset", "quota.cpuTimeMillis",
            "quota.allocatedBytes", "quota.liveHeapBytes", "quota.threads", "quota.openFiles", "quota.diskBytes", "quota.outputBytes");

    private final String file;
    private final Properties values;

    private GuestDescriptor(String file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /**
     * The descriptor of a class path entry: a jar's, or a directory's. An entry that does not
     * exist or is no jar has none (starting the guest reports it).
     *
     * @throws IllegalArgumentException if the descriptor cannot be read, is corrupt or contradicts itself
     */
    public static GuestDescriptor of(Path classPathEntry) {
        GuestDescriptor d = Files.isDirectory(classPathEntry) ? inDirectory(classPathEntry) : inJar(classPathEntry);
        d.check();
        return d;
    }

    private static GuestDescriptor inDirectory(Path directory) {
        Path resource = directory.resolve(RESOURCE);
        if (!Files.isRegularFile(resource)) {
            return NONE;
        }
        try (InputStream in = Files.newInputStream(resource)) {
            return load(resource.toString(), in);
        } catch (IOException e) {
            throw unreadable(resource.toString(), e);
        }
    }

    private static GuestDescriptor inJar(Path jar) {
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile());
        } catch (IOException notAJar) {
            return NONE;
        }
        String file = jar + "!/" + RESOURCE;
        try (zip) {
            ZipEntry entry = zip.getEntry(RESOURCE);
            if (entry == null) {
                return NONE;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return load(file, in);
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static IllegalArgumentException unreadable(String file, IOException e) {
        return new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
    }

    private static GuestDescriptor load(String file, InputStream in) throws IOException {
        Properties values = new Properties();
        try {
            values.load(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a properties file: " + e.getMessage(), e);
        }
        return new GuestDescriptor(file, values);
    }

    /** Checks every key and value, and that they agree; a descriptor without keys has nothing to check. */
    private void check() {
        if (values.isEmpty()) {
            return;
        }
        for (String key : values.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw error(key, "unknown key (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        for (String key : new String[] {"main", "mode"}) {
            if (value(key).isEmpty()) {
                throw error(key, "missing: jvisor's annotation processor always writes it");
            }
        }
        mode();
        preset();
        Map<Resource, Limit> quotas = quotas();
        if (quotas.containsKey(Resource.DISK) && preset().map(p -> Policy.preset(p).hostFiles()).orElse(false)) {
            throw error("quota.diskBytes", "a disk quota, but preset " + value("preset").orElseThrow()
                    + " works on the host's files, not on a disk");
        }
    }

    private Optional<String> value(String key) {
        return Optional.ofNullable(values.getProperty(key)).map(String::trim);
    }

    /** An error in the value of a key, naming the file and the key. */
    public IllegalArgumentException error(String key, String message) {
        return new IllegalArgumentException(file + ": " + key + (values.containsKey(key) ? " '" + values.getProperty(key) + "'" : "")
                + ": " + message);
    }

    /** The guest's name, if it asks for one. */
    public Optional<String> name() {
        return value("name");
    }

    /** Its main class, if the descriptor names one. */
    public Optional<String> mainClass() {
        return value("main");
    }

    private Optional<GuestSpec.Mode> mode() {
        Optional<String> mode = value("mode");
        try {
            return mode.map(m -> GuestSpec.Mode.valueOf(m.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw error("mode", "not a mode (full, paravirtual or container)");
        }
    }

    private Optional<String> preset() {
        Optional<String> preset = value("preset");
        if (preset.isPresent() && !Presets.NAMES.contains(preset.get())) {
            throw error("preset", "unknown preset (known: " + String.join(", ", Presets.NAMES) + ")");
        }
        return preset;
    }

    /** The quotas it asks for, each the limit a real machine has. */
    public Map<Resource, Limit> quotas() {
        Map<Resource, Limit> quotas = new EnumMap<>(Resource.class);
        quota(quotas, "quota.cpuTimeMillis", Resource.CPU_TIME, 1_000_000, 0);
        quota(quotas, "quota.allocatedBytes", Resource.ALLOCATED, 1, 1);
        quota(quotas, "quota.liveHeapBytes", Resource.LIVE_HEAP, 1, 1);
        quota(quotas, "quota.threads", Resource.THREADS, 1, 1);
        quota(quotas, "quota.openFiles", Resource.OPEN_FILES, 1, 1);
        quota(quotas, "quota.diskBytes", Resource.DISK, 1, 0);
        quota(quotas, "quota.outputBytes", Resource.OUTPUT, 1, 1);
        return Collections.unmodifiableMap(quotas);
    }

    private void quota(Map<Resource, Limit> quotas, String key, Resource resource, long unit, long least) {
        Optional<String> text = value(key);
        if (text.isEmpty()) {
            return;
        }
        long amount;
        try {
            amount = Math.multiplyExact(Amounts.count(text.get()), unit);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(key, "not a whole number that jvisor can count");
        }
        if (amount < least) {
            throw error(key, "must be at least " + least);
        }
        quotas.put(resource, Limit.single(resource, amount));
    }

    /**
     * The policy of a guest for which the host named none: the preset it asks for, if the host
     * grants it without asking, else the default preset.
     *
     * @throws IllegalArgumentException if it asks for a preset that trusts more than the default
     */
    public Policy grantedPolicy() {
        String preset = preset().orElse(Presets.DEFAULT);
        if (Presets.trustsMore(preset, Presets.DEFAULT)) {
            throw error("preset", "the guest asks for more trust than jvisor gives by default (" + Presets.DEFAULT
                    + "): grant it with --preset " + preset + ", or give another --preset or --policy");
        }
        return Policy.preset(preset);
    }

    /**
     * The mode of a guest for which the host named none: the one it asks for, if the host grants
     * it without asking, else full virtualisation.
     *
     * @throws IllegalArgumentException if it asks to run as a container
     */
    public GuestSpec.Mode grantedMode() {
        GuestSpec.Mode mode = mode().orElse(GuestSpec.Mode.FULL);
        if (mode == GuestSpec.Mode.CONTAINER) {
            throw error("mode", "a container rewrites none of the guest's classes: grant it with --mode container,"
                    + " or give another --mode");
        }
        return mode;
    }
}
