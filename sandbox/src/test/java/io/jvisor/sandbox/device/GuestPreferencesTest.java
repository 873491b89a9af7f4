package io.jvisor.sandbox.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How a guest's preference nodes are named on its disk: one directory each, whatever the node's name. */
class GuestPreferencesTest {

    @Test
    void everyNodeNameHasADirectoryOfItsOwnBelowItsParent() {
        for (String name : List.of("settings", "org", "v1.2", "odd name", ".", "..", "...", "_hidden", "-flag", "<unnamed>", "ü",
                "a\\b", "x".repeat(80))) {
            String directory = GuestPreferences.directoryName(name);
            assertEquals(name, GuestPreferences.nodeName(directory), directory);
            assertFalse(directory.equals(".") || directory.equals("..") || directory.contains("/") || directory.contains("\\"),
                    directory);
        }
        assertEquals("settings", GuestPreferences.directoryName("settings"), "a plain name as it is");
    }

    @Test
    void aDirectoryOfAnotherKindIsNoNode() {
        assertNull(GuestPreferences.nodeName(".hidden"));
        assertNull(GuestPreferences.nodeName("_not base64!"));
    }
}
