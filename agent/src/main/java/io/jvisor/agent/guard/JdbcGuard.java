package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverAction;
import java.util.List;
import java.util.Properties;

/**
 * Woven into JDBC's {@code DriverManager}, one for the whole JVM: its drivers (those of the class
 * path, loaded once by the loader of the first program to ask, and every registered one, kept
 * until deregistered), its login timeout and its log. A hosted guest finds its own there, as in a
 * JVM of its own; the host finds the JVM's.
 */
final class JdbcGuard {

    private JdbcGuard() {
    }

    /** Entered at {@code registerDriver(Driver, DriverAction)}, where {@code registerDriver(Driver)} arrives too. */
    static final class Register {

        private Register() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Driver driver, @Advice.Argument(1) DriverAction action) {
            return Guards.jdbcDriverRegistering(driver, action);
        }
    }

    /** Entered at {@code deregisterDriver(Driver)}. */
    static final class Deregister {

        private Deregister() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) Driver driver) throws Exception {
            return Guards.jdbcDriverDeregistering(driver);
        }
    }

    /** Entered at the private {@code getConnection(String, Properties, Class)}, where every public form arrives. */
    static final class Connect {

        private Connect() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Connection enter(@Advice.Argument(0) String url, @Advice.Argument(1) Properties info,
                @Advice.Argument(2) Class<?> caller) throws Exception {
            return (Connection) Guards.jdbcConnecting(url, info, caller);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Connection own, @Advice.Return(readOnly = false) Connection connection) {
            if (own != null) {
                connection = own;
            }
        }
    }

    /** Entered at {@code getDriver(String)}. */
    static final class DriverFor {

        private DriverFor() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Driver enter(@Advice.Argument(0) String url) throws Exception {
            return (Driver) Guards.jdbcDriverFor(url);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Driver own, @Advice.Return(readOnly = false) Driver driver) {
            if (own != null) {
                driver = own;
            }
        }
    }

    /** Entered at the private {@code getDrivers(Class)}, where {@code getDrivers()} and {@code drivers()} arrive. */
    static final class Drivers {

        private Drivers() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        @SuppressWarnings("unchecked") // the guest's drivers
        static List<Driver> enter(@Advice.Argument(0) Class<?> caller) {
            return (List<Driver>) Guards.jdbcDrivers(caller);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter List<Driver> own, @Advice.Return(readOnly = false) List<Driver> drivers) {
            if (own != null) {
                drivers = own;
            }
        }
    }

    /** Left by {@code getLoginTimeout()}, {@code getLogWriter()} and {@code getLogStream()}. */
    static final class Setting {

        private Setting() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Origin("#m") String method,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
            value = Guards.jdbcSetting(method, value);
        }
    }

    /** Entered at {@code setLoginTimeout(int)}, {@code setLogWriter(PrintWriter)} and {@code setLogStream(PrintStream)}. */
    static final class SettingChange {

        private SettingChange() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Origin("#m") String method,
                @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object value) {
            return Guards.jdbcSettingChanging(method, value);
        }
    }

    /** Entered at {@code println(String)}, where drivers write to the log. */
    static final class Log {

        private Log() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) String message) {
            return Guards.jdbcLogging(message);
        }
    }
}
