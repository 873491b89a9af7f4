package io.jvisor.sandbox.device.disk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JdkFilesTest {

    @TempDir
    Path dir;

    @Test
    void findsWhereTheLinksOfAHomeLeadOutsideIt() throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk"));
        Path etc = Files.createDirectories(dir.resolve("etc/jdk"));
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(etc.resolve("net.properties"), "a=b");
        Files.writeString(home.resolve("release"), "17");
        Files.createDirectories(home.resolve("conf/security"));
        Files.createDirectories(home.resolve("legal/java.base"));
        Files.createSymbolicLink(home.resolve("conf/net.properties"), etc.resolve("net.properties"));
        Files.createSymbolicLink(home.resolve("conf/security/certs"), certs);
        Files.createDirectories(home.resolve("lib"));
        Files.createSymbolicLink(home.resolve("lib/release"), Path.of("../release"));
        Files.createSymbolicLink(home.resolve("conf/gone.properties"), etc.resolve("gone.properties"));
        Files.createSymbolicLink(home.resolve("legal/java.base/net.properties"), etc.resolve("net.properties"));
        Files.writeString(etc.resolve("jvm.cfg"), "-server KNOWN");
        Files.createSymbolicLink(home.resolve("lib/jvm.cfg"), etc.resolve("jvm.cfg"));

        assertEquals(List.of(certs.toRealPath(), etc.resolve("jvm.cfg").toRealPath(), etc.resolve("net.properties").toRealPath()),
                JdkFiles.targetsOutside(home), "files and a directory outside, from conf and lib; not a link within the home, "
                        + "nor one that leads nowhere, nor one where the JDK reads nothing as it runs (its licences)");
    }

    @Test
    void aHomeThatIsNotThereHasNone() {
        assertEquals(List.of(), JdkFiles.targetsOutside(dir.resolve("none")));
    }
}
