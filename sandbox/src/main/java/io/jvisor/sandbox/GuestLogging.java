package io.jvisor.sandbox;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * A hosted guest's own {@code java.util.logging}: a {@code LogManager} of its own, which the
 * guards give the guest wherever it finds a logger, whose loggers hang under a root logger of its
 * own, configured as a program in a JVM of its own is (the guest's property {@code
 * java.util.logging.config.file}, a file on its disk, else the JDK's default: a console handler at
 * INFO, on the guest's own standard error). What the guest configures there is nobody else's
 * logging, and nobody else logs through its loggers. Made by {@link Guest#logging}, then
 * {@link #configure configured} once.
 */
final class GuestLogging {

    /** The property naming a program's logging configuration file, as {@code LogManager} reads it. */
    private static final String CONFIG_FILE = "java.util.logging.config.file";

    private final Guest guest;
    private final Manager manager;
    private final Root root;
    private final Logger global;

    /** Its manager's shutdown hook, which closes its handlers, is the guest's: it runs when the guest ends. */
    GuestLogging(Guest guest) {
        this.guest = guest;
        this.manager = TrapDispatcher.registeringHooksFor(guest, Manager::new);
        this.root = TrapDispatcher.delegateUnchecked(() -> register(new Root()));
        this.global = TrapDispatcher.delegateUnchecked(() -> register(new Named(Logger.GLOBAL_LOGGER_NAME)));
    }

    private <T extends Logger> T register(T logger) {
        manager.addLogger(logger);
        return logger;
    }

    /** Reads the guest's initial configuration, as the JVM's {@code LogManager} does at its first use. */
    void configure() {
        try {
            manager.readConfiguration();
        } catch (IOException | RuntimeException e) {
            guest.stderr().println("jvisor: the logging configuration of guest '" + guest.name() + "' could not be read: " + e);
        }
    }

    /** The guest's {@code LogManager}. */
    LogManager manager() {
        return manager;
    }

    /** The guest's global logger. */
    Logger global() {
        return global;
    }

    /**
     * The guest's logger of a name, made and registered if it has none, as {@code LogManager}
     * demands a logger: what the guest's configuration gives a logger of that name (its level and
     * handlers), it gets as the guest's doing.
     *
     * @throws NullPointerException if {@code name} is {@code null}
     */
    Logger logger(String name) {
        Logger found = manager.getLogger(name);
        while (found == null) {
            Logger made = TrapDispatcher.delegateUnchecked(() -> new Named(name));
            found = asGuest(() -> manager.addLogger(made)) ? made : manager.getLogger(name);
        }
        return found;
    }

    /**
     * What the JVM's logging MXBean answers, of the guest's own loggers: {@code getLoggerNames},
     * {@code getLoggerLevel} (the level's name, {@code ""} for none, {@code null} for no such
     * logger), {@code getParentLoggerName} (alike), and {@code setLoggerLevel} (answer {@code null}).
     *
     * @throws IllegalArgumentException as the JDK's: no such logger, or no such level
     */
    Object asMxBean(String method, String name, String level) {
        if (method.equals("getLoggerNames")) {
            return java.util.Collections.list(manager.getLoggerNames());
        }
        Logger logger = manager.getLogger(java.util.Objects.requireNonNull(name, "loggerName"));
        switch (method) {
            case "getLoggerLevel":
                return logger == null ? null : logger.getLevel() == null ? "" : logger.getLevel().getName();
            case "getParentLoggerName":
                return logger == null ? null : logger.getParent() == null ? "" : logger.getParent().getName();
            default:
                if (logger == null) {
                    throw new IllegalArgumentException("Logger " + name + " does not exist");
                }
                logger.setLevel(level == null ? null : java.util.logging.Level.parse(level));
                return null;
        }
    }

    /** Moves an anonymous logger the guest made under its own root logger. */
    void adopt(Logger anonymous) {
        TrapDispatcher.delegateUnchecked(() -> {
            anonymous.setParent(root);
            return null;
        });
    }

    /** Whether a logger is this guest's: in its hierarchy, or in none (an anonymous or unregistered logger it made). */
    Ownership ownership(Logger logger) {
        Logger top = logger;
        for (Logger parent = top.getParent(); parent != null; parent = parent.getParent()) {
            top = parent;
        }
        if (top == root) {
            return Ownership.OWN;
        }
        if (top instanceof Root) {
            return Ownership.ANOTHER_GUESTS;
        }
        return top.getName() != null && top.getName().isEmpty() ? Ownership.JVMS : Ownership.OWN;
    }

    /** Whose a logger is, from a guest's side. */
    enum Ownership {
        OWN, ANOTHER_GUESTS, JVMS
    }

    /** Whether {@code manager} is this guest's. */
    boolean owns(LogManager other) {
        return other == manager;
    }

    /** Whether {@code manager} is some guest's own. */
    static boolean isGuests(LogManager other) {
        return other instanceof Manager;
    }

    /** Runs a call of the JDK's as the guest's own: the guards decide what it reaches (files, handlers) as the guest's. */
    private <T> T asGuest(TrapDispatcher.GuardedCall<T> call) {
        try {
            return TrapDispatcher.actFor(guest, call);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Loads the root logger's handlers that the configuration names ({@code handlers}), as the JDK
     * does for the JVM's root logger, but by the guest's own class loader: its own handler classes
     * are not on the host's class path. A handler that cannot be made is reported as the JDK does.
     */
    private void loadRootHandlers() {
        String names = manager.getProperty("handlers");
        if (names == null) {
            return;
        }
        ClassLoader loader = guest.classLoader();
        for (String name : names.trim().split("[\\s,]+")) {
            if (name.isEmpty()) {
                continue;
            }
            try {
                root.addHandler((Handler) Class.forName(name, true, loader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                guest.stderr().println("Can't load log handler \"" + name + "\"");
                guest.stderr().println("" + e);
            }
        }
    }

    /**
     * The guest's configuration: its file, on its disk, if it names one (none at all if that file
     * does not exist: the JDK then starts with no configuration, and says nothing); else the JDK's
     * default.
     */
    private byte[] configuration() throws IOException {
        String file = guest.properties().getProperty(CONFIG_FILE);
        if (file != null) {
            return TrapDispatcher.actFor(guest, () -> {
                try (InputStream in = new FileInputStream(file)) {
                    return in.readAllBytes();
                } catch (java.io.FileNotFoundException e) {
                    return new byte[0];
                }
            });
        }
        return TrapDispatcher.delegate(() -> Files.readAllBytes(Path.of(System.getProperty("java.home"), "conf", "logging.properties")));
    }

    /**
     * The guest's {@code LogManager}: the JDK's, over the guest's own loggers. Its {@code
     * readConfiguration()} reads the guest's configuration, not the JVM's; its {@code
     * updateConfiguration} is refused, since the JDK's update changes the JVM's root logger.
     */
    private final class Manager extends LogManager {

        Manager() {
            addConfigurationListener(GuestLogging.this::loadRootHandlers);
        }

        @Override
        public void readConfiguration() throws IOException {
            byte[] configuration = configuration();
            TrapDispatcher.actFor(guest, () -> {
                readConfiguration(new ByteArrayInputStream(configuration));
                return null;
            });
        }

        @Override
        public void updateConfiguration(Function<String, BiFunction<String, String, String>> mapper) {
            throw notEmulated();
        }

        @Override
        public void updateConfiguration(InputStream ins, Function<String, BiFunction<String, String, String>> mapper) {
            throw notEmulated();
        }

        private SecurityException notEmulated() {
            return new SecurityException("jvisor: guest '" + guest.name() + "' may not call LogManager.updateConfiguration: "
                    + "its own logging is configured anew by readConfiguration(InputStream)");
        }
    }

    /** A named logger of a guest's. */
    private static class Named extends Logger {

        Named(String name) {
            super(name, null);
        }
    }

    /** A guest's root logger: a logger under it is that guest's. */
    private static final class Root extends Named {

        Root() {
            super("");
        }
    }
}
