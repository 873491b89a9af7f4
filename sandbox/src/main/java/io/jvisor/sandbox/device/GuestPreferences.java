package io.jvisor.sandbox.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.BackingStoreException;
import java.util.regex.Pattern;

/**
 * A guest's own {@code java.util.prefs} tree, which {@code Preferences.userRoot()} and
 * {@code systemRoot()} give it: kept in the guest's own file system (its disk, through its policy
 * and quota), as the JDK keeps its own below a home directory, one directory a node and the node's
 * entries in its {@code prefs.properties}. The JDK's preferences are one tree for the whole JVM,
 * in memory for every program and on the files of the JVM's user; a guest's are its alone.
 *
 * <p>What is put is kept in memory until {@link #flush()} or {@link #sync()} writes it (and, as
 * the JDK does at the JVM's exit, until the guest ends: {@link #flushQuietly()}); {@code sync()}
 * reads the stored entries anew. Thread-safe, as {@link AbstractPreferences} is.
 */
public final class GuestPreferences extends AbstractPreferences {

    /** Where a guest's user tree is kept, in its own file system. */
    public static final String USER_ROOT = "/home/guest/.java/.userPrefs";
    /** Where a guest's system tree is kept, in its own file system. */
    public static final String SYSTEM_ROOT = "/etc/.java/.systemPrefs";

    private static final String ENTRIES = "prefs.properties";
    /** Node names kept as they are in a directory's name; any other is {@code _} and its UTF-8 in base 64. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

    private final Path directory;
    private final boolean user;
    private Properties entries;
    private boolean changed;

    private GuestPreferences(GuestPreferences parent, String name, Path directory, boolean user) {
        super(parent, name);
        this.directory = directory;
        this.user = user;
        newNode = !Files.isDirectory(directory);
    }

    /**
     * The root of a guest's user or system tree.
     *
     * @param fileSystem the guest's own file system, where the tree is kept
     * @param user       whether the user tree ({@link #USER_ROOT}), else the system tree ({@link #SYSTEM_ROOT})
     */
    public static GuestPreferences root(FileSystem fileSystem, boolean user) {
        Objects.requireNonNull(fileSystem, "fileSystem");
        return new GuestPreferences(null, "", fileSystem.getPath(user ? USER_ROOT : SYSTEM_ROOT), user);
    }

    @Override
    public boolean isUserNode() {
        return user;
    }

    /**
     * Writes what was put and not yet written, of this node and those below it, as the JDK does at
     * the JVM's exit: a failure goes to {@code report}, not thrown.
     */
    public void flushQuietly(java.util.function.Consumer<String> report) {
        try {
            flush();
        } catch (BackingStoreException | IllegalStateException e) {
            report.accept("the preferences of " + directory + " were not kept: " + e.getMessage());
        }
    }

    private Properties entries() {
        if (entries == null) {
            entries = new Properties();
            try (InputStream in = Files.newInputStream(directory.resolve(ENTRIES))) {
                entries.load(in);
            } catch (NoSuchFileException e) {
                // a node with nothing stored yet
            } catch (IOException | IllegalArgumentException e) {
                entries = null;
                throw new IllegalStateException("cannot read " + directory.resolve(ENTRIES) + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    @Override
    protected void putSpi(String key, String value) {
        entries().setProperty(key, value);
        changed = true;
    }

    @Override
    protected String getSpi(String key) {
        return entries().getProperty(key);
    }

    @Override
    protected void removeSpi(String key) {
        if (entries().remove(key) != null) {
            changed = true;
        }
    }

    @Override
    protected void removeNodeSpi() throws BackingStoreException {
        try {
            Files.deleteIfExists(directory.resolve(ENTRIES));
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            throw new BackingStoreException(directory + " holds more than the node: " + e.getMessage());
        } catch (IOException e) {
            throw new BackingStoreException(e);
        }
        entries = new Properties();
        changed = false;
    }

    @Override
    protected String[] keysSpi() throws BackingStoreException {
        try {
            return entries().stringPropertyNames().toArray(new String[0]);
        } catch (IllegalStateException e) {
            throw new BackingStoreException(e.getMessage());
        }
    }

    @Override
    protected String[] childrenNamesSpi() throws BackingStoreException {
        if (!Files.isDirectory(directory)) {
            return new String[0];
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path child : children) {
                String name = nodeName(child.getFileName().toString());
                if (name != null) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new BackingStoreException(e);
        }
        return names.toArray(new String[0]);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
        return new GuestPreferences(this, name, directory.resolve(directoryName(name)), user);
    }

    @Override
    protected void syncSpi() throws BackingStoreException {
        flushSpi();
        entries = null;
    }

    @Override
    protected void flushSpi() throws BackingStoreException {
        if (!changed || isRemoved()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Path written = directory.resolve(ENTRIES + ".new");
            try (OutputStream out = Files.newOutputStream(written)) {
                entries.store(out, null);
            }
            Files.move(written, directory.resolve(ENTRIES), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackingStoreException(e);
        }
        changed = false;
    }

    /** The directory name of a node's name: unique, never {@code .}, {@code ..} or a path. */
    static String directoryName(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name
                : "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The node name of a directory {@link #directoryName} made, or {@code null} for another. */
    static String nodeName(String directoryName) {
        if (PLAIN_NAME.matcher(directoryName).matches()) {
            return directoryName;
        }
        if (directoryName.startsWith("_")) {
            try {
                return new String(Base64.getUrlDecoder().decode(directoryName.substring(1)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
