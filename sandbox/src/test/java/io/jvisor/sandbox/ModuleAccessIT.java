package io.jvisor.sandbox;

import io.jvisor.sandbox.device.Console;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A package the host gives a guest beyond its module's exports is the guest's code's alone. */
class ModuleAccessIT {

    private static final String JAVAC_API = "com.sun.tools.javac.api";

    private static GuestSpec.Builder hello(String name) {
        return GuestSpec.builder(name).classPath(Path.of(System.getProperty("sample.hello"))).console(Console.Mode.CAPTURE);
    }

    @Test
    void aPackageGivenToAGuestIsExportedToItsCodeAlone() throws Exception {
        Module compiler = ModuleLayer.boot().findModule("jdk.compiler").orElseThrow();
        Guest given = Hypervisor.get().start(hello("exports").moduleAccess(ModuleAccess.parse("jdk.compiler/" + JAVAC_API, false)).build());
        Module guestCode = given.classLoader().getUnnamedModule();
        Guest other = Hypervisor.get().start(hello("no-exports").build());
        Module otherCode = other.classLoader().getUnnamedModule();
        assertTrue(compiler.isExported(JAVAC_API, guestCode), "the guest's");
        assertFalse(compiler.isOpen(JAVAC_API, guestCode), "exported, not opened");
        assertFalse(compiler.isExported(JAVAC_API, otherCode), "another guest's");
        assertFalse(compiler.isExported(JAVAC_API, ModuleAccessIT.class.getModule()), "the host's");
        assertNotNull(given.await(Duration.ofSeconds(30)));
        assertNotNull(other.await(Duration.ofSeconds(30)));
    }

    @Test
    void aModuleOrPackageTheJvmDoesNotHaveIsOneClearRefusal() {
        assertEquals("cannot give guest 'no-module' --add-exports jdk.nothing/a.b: this JVM has no module jdk.nothing",
                assertThrows(GuestStartException.class, () -> Hypervisor.get().start(hello("no-module")
                        .moduleAccess(ModuleAccess.parse("jdk.nothing/a.b", false)).build())).getMessage());
        assertEquals("cannot give guest 'no-package' --add-opens java.base/java.nothing: module java.base has no package java.nothing",
                assertThrows(GuestStartException.class, () -> Hypervisor.get().start(hello("no-package")
                        .moduleAccess(ModuleAccess.parse("java.base/java.nothing", true)).build())).getMessage());
    }
}
