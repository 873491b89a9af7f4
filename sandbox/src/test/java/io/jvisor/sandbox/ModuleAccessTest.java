package io.jvisor.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleAccessTest {

    @Test
    void parsesWhatJavaTakesWithTheGuestAsTheOnlyTarget() {
        assertEquals(new ModuleAccess("jdk.compiler", "com.sun.tools.javac.api", false),
                ModuleAccess.parse("jdk.compiler/com.sun.tools.javac.api", false));
        assertEquals(new ModuleAccess("java.base", "java.lang", true), ModuleAccess.parse("java.base/java.lang=ALL-UNNAMED", true));
        assertEquals("--add-opens java.base/java.lang", ModuleAccess.parse("java.base/java.lang", true).toString());
        assertEquals("'java.base/java.lang=com.example': a guest's code is the only target: give MODULE/PACKAGE",
                assertThrows(IllegalArgumentException.class, () -> ModuleAccess.parse("java.base/java.lang=com.example", false))
                        .getMessage());
        for (String bad : List.of("java.base", "/java.lang", "java.base/", "java base/java.lang", "java.base/java..lang")) {
            assertThrows(IllegalArgumentException.class, () -> ModuleAccess.parse(bad, false), bad);
        }
    }

    @Test
    void anOpenedPackageCoversItsExportButNotTheOtherWayRound() {
        ModuleAccess exported = ModuleAccess.parse("java.base/java.lang", false);
        ModuleAccess opened = ModuleAccess.parse("java.base/java.lang", true);
        assertTrue(opened.covers(exported));
        assertTrue(exported.covers(exported));
        assertFalse(exported.covers(opened));
        assertFalse(exported.covers(ModuleAccess.parse("java.base/java.io", false)));
    }

    @Test
    void aJarAsksByTheAttributesOfItsManifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(ModuleAccess.ADD_EXPORTS, "jdk.compiler/com.sun.tools.javac.api  jdk.compiler/com.sun.tools.javac.util");
        manifest.getMainAttributes().put(ModuleAccess.ADD_OPENS, "java.base/java.lang");
        assertEquals(List.of(ModuleAccess.parse("jdk.compiler/com.sun.tools.javac.api", false),
                ModuleAccess.parse("jdk.compiler/com.sun.tools.javac.util", false), ModuleAccess.parse("java.base/java.lang", true)),
                ModuleAccess.askedBy(manifest));
        assertEquals(List.of(), ModuleAccess.askedBy(new Manifest()));
    }
}
