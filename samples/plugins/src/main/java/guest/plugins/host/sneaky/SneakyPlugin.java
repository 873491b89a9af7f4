package guest.plugins.host.sneaky;

import guest.plugins.host.Plugin;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin that writes a file beside the host's report, and whose package claims to be the host's
 * own: a ring is given by who loaded a class (the host's plugin loader here), not by the name it
 * chose.
 */
public final class SneakyPlugin implements Plugin {

    @Override
    public String name() {
        return "sneaky";
    }

    @Override
    public String run() throws Exception {
        Path file = Path.of("/data/sneaky.txt");
        Files.writeString(file, "a plugin was here");
        return "wrote " + file;
    }
}
