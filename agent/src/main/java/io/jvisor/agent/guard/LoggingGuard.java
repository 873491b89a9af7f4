package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Woven into {@code java.util.logging}, where a program finds its loggers and configures them: a
 * guest finds its own (its own {@code LogManager}, named loggers, global and anonymous loggers,
 * and those behind {@code System.getLogger}), and configures no other program's; its
 * {@code FileHandler}s' patterns name its own directories. Nothing is woven where a logger logs.
 */
final class LoggingGuard {

    private LoggingGuard() {
    }

    /** On {@code FileHandler.generate(String, int, int, int)}: a pattern's %t and %h are the guest's directories. */
    static final class LogFile {

        private LogFile() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) String pattern) {
            pattern = Guards.logFilePattern(pattern);
        }
    }

    /** Entered at {@code Logger}'s configuring methods, each of one argument. */
    static final class Changing {

        private Changing() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Logger logger, @Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object argument,
                @Advice.Origin("#t.#m") String method) {
            Guards.loggerChanging(logger, argument, method);
        }
    }

    /**
     * On the logging MXBean's {@code getLoggerNames}, {@code getLoggerLevel} and
     * {@code getParentLoggerName}: a guest's answer replaces the JVM's, which is not asked.
     */
    static final class BeanRead {

        private BeanRead() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object[] enter(@Advice.Origin("#m") String method, @Advice.AllArguments Object[] arguments) {
            return Guards.loggingBeanAsked(method, arguments.length == 0 ? null : (String) arguments[0], null);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Object[] answer,
                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (answer != null) {
                returned = answer[0];
            }
        }
    }

    /** On the logging MXBean's {@code setLoggerLevel}: a guest sets the level of its own logger, never the JVM's. */
    static final class BeanWrite {

        private BeanWrite() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object[] enter(@Advice.Argument(0) String name, @Advice.Argument(1) String level) {
            return Guards.loggingBeanAsked("setLoggerLevel", name, level);
        }
    }

    /** Entered at {@code LogManager}'s {@code reset}, {@code readConfiguration} and {@code updateConfiguration}. */
    static final class ManagerChanging {

        private ManagerChanging() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This LogManager manager, @Advice.Origin("#t.#m") String method) {
            Guards.logManagerChanging(manager, method);
        }
    }

    /** Entered at {@code Logger.demandLogger(String, String, Class)}, where {@code Logger.getLogger} arrives with its caller. */
    static final class Demand {

        private Demand() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Logger enter(@Advice.Argument(0) String name, @Advice.Argument(2) Class<?> caller) {
            return Guards.loggerDemanded(name, caller);
        }
    }

    /** Entered at {@code LoggingProviderImpl.demandJULLoggerFor(String, Module)}, behind {@code System.getLogger}. */
    static final class SystemDemand {

        private SystemDemand() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Logger enter(@Advice.Argument(0) String name, @Advice.Argument(1) Module module) {
            return Guards.julLoggerDemanded(name, module);
        }
    }

    /** Left by the two demands: the guest's own logger their entry found, instead of the JDK's code. */
    static final class Found {

        private Found() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Logger own, @Advice.Return(readOnly = false) Logger logger) {
            if (own != null) {
                logger = own;
            }
        }
    }

    /** Left by {@code LogManager.getLogManager()}. */
    static final class Manager {

        private Manager() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) LogManager manager) {
            manager = Guards.logManager(manager);
        }
    }

    /** Left by {@code Logger.getGlobal()}. */
    static final class Global {

        private Global() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) Logger logger) {
            logger = Guards.globalLogger(logger);
        }
    }

    /** Left by {@code Logger.getAnonymousLogger(String)}. */
    static final class Anonymous {

        private Anonymous() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return Logger logger) {
            Guards.anonymousLoggerMade(logger);
        }
    }
}
