package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import io.jvisor.sandbox.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.text.DateFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guest's default locale, time zone and uncaught-exception handler are its own: the JDK's
 * formatting on its threads follows them, while the host, formatting at the same time, keeps the
 * JVM's. The guests are techniques of the escape suite that set the JVM's defaults natively.
 */
class GuestDefaultsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    private Guest start(String technique) throws GuestStartException {
        return Hypervisor.get().start(GuestSpec.builder(technique.substring(technique.lastIndexOf('.') + 1))
                .classPath(Path.of(System.getProperty("sample.escapes"))).mainClass(technique)
                .console(Console.Mode.CAPTURE).disk(dir.resolve(technique)).build());
    }

    private static String out(Guest g) throws InterruptedException {
        GuestResult r = g.await(PATIENCE);
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut();
    }

    /** What the host's formatting gives with the JVM's defaults. */
    private static String hostFormats() {
        return String.format("%,d", 1234567) + " " + DateFormat.getDateInstance(DateFormat.LONG).format(new Date(0)) + " "
                + new Date(0) + " " + ZoneId.systemDefault() + " " + "title".toUpperCase();
    }

    @Test
    void guestsFormatWithTheirOwnDefaultsWhileTheHostFormatsWithTheJvms() throws Exception {
        Locale jvmLocale = Locale.getDefault();
        TimeZone jvmZone = TimeZone.getDefault();
        String before = hostFormats();
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> hostSaw = new ArrayList<>();
        Thread host = new Thread(() -> {
            while (running.get()) {
                String now = hostFormats();
                if (!now.equals(before) && hostSaw.size() < 5) {
                    hostSaw.add(now);
                }
            }
        }, "host-formatting");
        host.start();
        Guest locale = start("escape.state.DefaultLocale");
        Guest zone = start("escape.state.DefaultTimeZone");
        String localeOut = out(locale);
        String zoneOut = out(zone);
        running.set(false);
        host.join();

        Locale tr = Locale.forLanguageTag("tr-TR");
        String turkish = String.format(tr, "%,d", 1234567) + " " + DateFormat.getDateInstance(DateFormat.LONG, tr).format(new Date(0))
                + " " + "title".toUpperCase(tr);
        assertEquals("state-locale: the default Locale is now tr_TR" + NL + "state-locale: main formats " + turkish + NL
                + "state-locale: its thread formats " + turkish + NL, localeOut);
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        assertTrue(zoneOut.startsWith("state-timezone: the default TimeZone is now Pacific/Kiritimati" + NL
                + "state-timezone: main reads Pacific/Kiritimati "), zoneOut);
        String epoch = String.format("%tR", ZonedDateTime.ofInstant(Instant.EPOCH, kiritimati));
        assertTrue(zoneOut.contains(" " + epoch + NL + "state-timezone: its thread reads Pacific/Kiritimati "), zoneOut);
        assertTrue(zoneOut.endsWith(" " + epoch + NL), zoneOut);

        assertEquals(List.of(), hostSaw, "the host's formatting while the guests ran");
        assertEquals(before, hostFormats());
        assertSame(jvmLocale, Locale.getDefault());
        assertEquals(jvmZone, TimeZone.getDefault());
    }

    @Test
    void aGuestsDefaultHandlerHasItsThreadsDeathsAndTheJvmsStaysTheHosts() throws Exception {
        Thread.UncaughtExceptionHandler jvms = Thread.getDefaultUncaughtExceptionHandler();
        String out = out(start("escape.state.DefaultUncaughtHandler"));
        assertTrue(out.startsWith("state-uncaught-handler: the default handler is now escape.state.DefaultUncaughtHandler$$Lambda"), out);
        assertTrue(out.endsWith("state-uncaught-handler: the handler has an exception of dying" + NL), out);
        assertSame(jvms, Thread.getDefaultUncaughtExceptionHandler());
    }

    /**
     * A factory of URL stream handlers may be installed once per JVM, and Tomcat installs one as it
     * starts: each guest installs its own, once, which only its own URLs ask.
     */
    @Test
    void eachGuestInstallsItsOwnFactoryOfUrlStreamHandlersAndTheJvmKeepsNone() throws Exception {
        Guest[] guests = new Guest[2];
        for (int i = 0; i < guests.length; i++) {
            guests[i] = Hypervisor.get().start(GuestSpec.builder("factory-" + i).classPath(Path.of(System.getProperty("sample.hello")))
                    .args(List.of("--url-factory=greeting=hello from guest " + i)).console(Console.Mode.CAPTURE)
                    .disk(dir.resolve("factory-" + i)).build());
        }
        for (int i = 0; i < guests.length; i++) {
            assertEquals("Hello from a jvisor guest." + NL + "greeting:x says hello from guest " + i + NL
                    + "a second factory: java.lang.Error: factory already defined" + NL, out(guests[i]));
        }
        java.net.MalformedURLException unknown = assertThrows(java.net.MalformedURLException.class, () -> new java.net.URL("greeting:x"));
        assertTrue(unknown.getMessage().contains("unknown protocol"), unknown.toString());
    }

    /**
     * Outside jvisor a program registers its MBeans in the platform server of its own JVM: each
     * guest registers its own under the same name, in a server of its own, and reads the JVM's
     * through it, but may not change them (the default preset denies {@code global-state}).
     */
    @Test
    void eachGuestRegistersItsMBeansInAPlatformServerOfItsOwn() throws Exception {
        String name = "guest.hello:type=Greeting";
        Guest[] guests = new Guest[2];
        for (int i = 0; i < guests.length; i++) {
            guests[i] = Hypervisor.get().start(GuestSpec.builder("mbeans-" + i).classPath(Path.of(System.getProperty("sample.hello")))
                    .args(List.of("--mbean=" + name)).console(Console.Mode.CAPTURE).disk(dir.resolve("mbeans-" + i)).build());
        }
        for (Guest g : guests) {
            assertEquals("Hello from a jvisor guest." + NL + "read back: hello from " + name + NL + "found by MBeanServerFactory: true" + NL
                    + "the JVM's runtime bean read: true" + NL + "gc: jvisor: guest '" + g.name() + "' may not call "
                    + "javax.management.MBeanServer.invoke on the JVM's platform MBean server, which changes the JVM for every "
                    + "program in it: denied by policy rule 'deny global-state' (preset constrained:14)" + NL, out(g));
        }
        assertFalse(java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(new javax.management.ObjectName(name)),
                "the guests' MBeans are not the JVM's");
    }

    @Test
    void aScopesDefaultsAreItsOwnAndTheThreadsItStartsInheritThem() throws Exception {
        List<String> seen = new ArrayList<>();
        GuestScope.run(Policy.preset(Policy.DEFAULT_PRESET), () -> {
            Locale.setDefault(Locale.GERMANY);
            seen.add(String.format("%,d", 1234567));
            Thread started = new Thread(() -> seen.add(String.format("%,d", 7654321)));
            started.start();
            started.join();
        });
        assertEquals(List.of("1.234.567", "7.654.321"), seen);
        assertEquals(String.format(Locale.getDefault(Locale.Category.FORMAT), "%,d", 1234567), String.format("%,d", 1234567));
    }
}
