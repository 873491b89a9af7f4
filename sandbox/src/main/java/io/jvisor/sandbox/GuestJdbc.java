package io.jvisor.sandbox;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverAction;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A guest's own JDBC {@code DriverManager}: its drivers, login timeout and log. The JDK keeps one
 * of each for the whole JVM: the drivers of the class path are loaded once, by the loader of the
 * thread that asks first (a guest that asked second found none of its own), a registered driver
 * stays until deregistered (holding its program's class loader, every class of it, after the
 * program ended), and the timeout and log are every program's. A hosted guest's are its own, as
 * in a JVM of its own: the drivers of its class path are loaded on its first request, those its
 * classes register are kept here, and they go with it. The methods follow the JDK's
 * {@code DriverManager}, whose guards call them on the guest's behalf.
 */
final class GuestJdbc {

    /** A registered driver, and what it asked to be told when deregistered ({@code null} for nothing). */
    private record Registered(Driver driver, DriverAction action) {
    }

    private final ClassLoader classPath;
    private final Properties properties;
    private final List<Registered> drivers = new CopyOnWriteArrayList<>();
    private final Object loading = new Object();
    /** Whether the drivers of the class path were loaded; guarded by {@link #loading} until set. */
    private volatile boolean loaded;
    /** The thread loading them, whose drivers register themselves meanwhile; guarded by {@link #loading}. */
    private Thread loader;
    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;
    private volatile PrintStream logStream;

    /**
     * @param classPath  the guest's class loader, whose {@code java.sql.Driver} services are its
     *                   drivers; {@code null} for none
     * @param properties the guest's system properties, whose {@code jdbc.drivers} names more
     */
    GuestJdbc(ClassLoader classPath, Properties properties) {
        this.classPath = classPath;
        this.properties = properties;
    }

    /** {@code DriverManager.getConnection}: the first connection a driver the caller may use makes. */
    Connection connect(String url, Properties info, Class<?> caller) throws SQLException {
        if (url == null) {
            throw new SQLException("The url cannot be null", "08001");
        }
        ClassLoader callerLoader = callerLoader(caller);
        SQLException reason = null;
        for (Registered r : loadedDrivers()) {
            if (allowed(r.driver, callerLoader)) {
                try {
                    Connection connection = r.driver.connect(url, info);
                    if (connection != null) {
                        return connection;
                    }
                } catch (SQLException e) {
                    if (reason == null) {
                        reason = e;
                    }
                }
            }
        }
        if (reason != null) {
            throw reason;
        }
        throw new SQLException("No suitable driver found for " + url, "08001");
    }

    /** {@code DriverManager.getDriver}: the first driver the caller may use that accepts the URL. */
    Driver driver(String url, Class<?> caller) throws SQLException {
        ClassLoader callerLoader = callerLoader(caller);
        for (Registered r : loadedDrivers()) {
            if (allowed(r.driver, callerLoader)) {
                try {
                    if (r.driver.acceptsURL(url)) {
                        return r.driver;
                    }
                } catch (SQLException e) {
                    // as the JDK: a driver that cannot tell does not accept it
                }
            }
        }
        throw new SQLException("No suitable driver", "08001");
    }

    /** {@code DriverManager.getDrivers} and {@code drivers()}: those the caller may use. */
    List<Driver> drivers(Class<?> caller) {
        ClassLoader callerLoader = callerLoader(caller);
        List<Driver> result = new ArrayList<>();
        for (Registered r : loadedDrivers()) {
            if (allowed(r.driver, callerLoader)) {
                result.add(r.driver);
            }
        }
        return result;
    }

    /** {@code DriverManager.registerDriver}: keeps a driver of the guest's (once). */
    void register(Driver driver, DriverAction action) {
        if (drivers.stream().noneMatch(r -> r.driver == driver)) {
            drivers.add(new Registered(driver, action));
        }
        println("registerDriver: " + driver);
    }

    /**
     * {@code DriverManager.deregisterDriver}: lets a driver go, telling its action.
     *
     * @throws SecurityException if the caller may not use the driver, as the JDK refuses it
     */
    void deregister(Driver driver, Class<?> caller) throws SQLException {
        for (Registered r : drivers) {
            if (r.driver == driver) {
                if (!allowed(driver, callerLoader(caller))) {
                    throw new SecurityException();
                }
                if (r.action != null) {
                    r.action.deregister();
                }
                drivers.remove(r);
                return;
            }
        }
    }

    int loginTimeout() {
        return loginTimeout;
    }

    void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    PrintWriter logWriter() {
        return logWriter;
    }

    /** {@code DriverManager.setLogWriter}, which ends the log stream, as the JDK's does. */
    void setLogWriter(PrintWriter out) {
        logStream = null;
        logWriter = out;
    }

    PrintStream logStream() {
        return logStream;
    }

    /** {@code DriverManager.setLogStream}, which the log writer then writes to, as the JDK's does. */
    void setLogStream(PrintStream out) {
        logStream = out;
        logWriter = out == null ? null : new PrintWriter(out);
    }

    /** {@code DriverManager.println}: a line to the guest's log, if it keeps one. */
    void println(String message) {
        PrintWriter out = logWriter;
        if (out != null) {
            synchronized (this) {
                out.println(message);
                out.flush();
            }
        }
    }

    /** The caller's loader, or the thread's context loader for a caller of the JDK's, as the JDK takes it. */
    private static ClassLoader callerLoader(Class<?> caller) {
        ClassLoader loader = caller == null ? null : caller.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                ? Thread.currentThread().getContextClassLoader() : loader;
    }

    /** Whether a driver is the class the loader finds by its name, as the JDK's {@code isDriverAllowed} asks. */
    private static boolean allowed(Driver driver, ClassLoader loader) {
        try {
            return Class.forName(driver.getClass().getName(), true, loader) == driver.getClass();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The registered drivers, after those of the class path were loaded on the first request. */
    private List<Registered> loadedDrivers() {
        if (!loaded) {
            synchronized (loading) {
                if (!loaded && loader != Thread.currentThread()) {
                    loader = Thread.currentThread();
                    try {
                        loadClassPathDrivers();
                    } finally {
                        loader = null;
                        loaded = true;
                    }
                }
            }
        }
        return drivers;
    }

    /** Loads the drivers the class path offers as services, and those {@code jdbc.drivers} names: each registers itself. */
    private void loadClassPathDrivers() {
        if (classPath == null) {
            return; // a guest not started, or ended
        }
        Iterator<Driver> services = ServiceLoader.load(Driver.class, classPath).iterator();
        try {
            while (services.hasNext()) {
                services.next();
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // as the JDK: a service named but missing or failing ends the look-up
            println("DriverManager.initialize: " + e);
        }
        String named = properties.getProperty("jdbc.drivers");
        if (named != null) {
            for (String name : named.split(":")) {
                try {
                    Class.forName(name, true, classPath);
                } catch (ClassNotFoundException | LinkageError e) {
                    println("DriverManager.Initialize: load failed: " + e);
                }
            }
        }
    }
}
