package io.jvisor.sandbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvisor.sandbox.device.Console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java.util.prefs} in guests: the JDK's preferences are one tree for the whole JVM, kept
 * on the files of the JVM's user (under jvisor they did not work at all: the JDK locks them by a
 * host path the guest's disk does not have). Each guest with a disk has its own trees, kept there:
 * what one guest puts, another does not see, and what a guest put is there on its next run, flushed
 * or not, as natively after a JVM's exit.
 */
class GuestPreferencesIT {

    private static final String NL = System.lineSeparator();

    /** {@code KEY [VALUE [flush]]}: prints the stored value of KEY, then puts VALUE, flushing if asked. */
    private static final String GUEST = String.join("\n",
            "import java.util.prefs.Preferences;",
            "public class Prefs {",
            "  public static void main(String[] args) throws Exception {",
            "    Preferences node = Preferences.userNodeForPackage(Prefs.class).node(\"settings/../odd name\");",
            "    System.out.println(args[0] + \"=\" + node.get(args[0], \"(none)\") + \" user \" + node.isUserNode());",
            "    if (args.length > 1) {",
            "      node.put(args[0], args[1]);",
            "      Preferences.systemRoot().node(\"shared\").putInt(\"runs\", 1);",
            "      if (args.length > 2) {",
            "        node.flush();",
            "      }",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    private String run(Path classes, String name, String... args) throws Exception {
        Guest g = Hypervisor.get().start(GuestSpec.builder(name).disk(dir.resolve(name)).classPath(classes).mainClass("Prefs")
                .args(List.of(args)).console(Console.Mode.CAPTURE).build());
        GuestResult r = g.await(Duration.ofSeconds(60));
        assertEquals(0, r == null ? -1 : r.exitStatus(), g.console().capturedErr());
        return g.console().capturedOut();
    }

    @Test
    void eachGuestKeepsItsOwnPreferencesOnItsDisk() throws Exception {
        Path classes = GuestSources.compile(dir.resolve("sources"), Map.of("Prefs", GUEST));
        String first = run(classes, "alice", "colour", "blue", "flush");
        String other = run(classes, "bob", "colour");
        String again = run(classes, "alice", "colour", "green");
        String afterUnflushed = run(classes, "alice", "colour");

        Path node = dir.resolve("alice/home/guest/.java/.userPrefs/_PHVubmFtZWQ-/settings/_Li4/_b2RkIG5hbWU/prefs.properties");
        assertAll(first + other + again + afterUnflushed,
                () -> assertEquals("colour=(none) user true" + NL, first),
                () -> assertEquals("colour=(none) user true" + NL, other, "another guest's preferences"),
                () -> assertEquals("colour=blue user true" + NL, again, "kept on the disk"),
                () -> assertEquals("colour=green user true" + NL, afterUnflushed, "written when the guest ended"),
                () -> assertTrue(Files.readString(node).contains("colour=green"), node + " holds the node"),
                () -> assertTrue(Files.readString(dir.resolve("alice/etc/.java/.systemPrefs/shared/prefs.properties"))
                        .contains("runs=1"), "the system tree on the disk"));
    }
}
