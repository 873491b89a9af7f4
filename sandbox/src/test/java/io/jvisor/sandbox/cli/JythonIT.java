package io.jvisor.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvisor.sandbox.cli.Launch.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jython 2.7 from Maven Central, unmodified, as a guest: a Python program from the guest's disk,
 * compiled at run time, that handles and raises a signal (Jython's {@code signal} module installs
 * its handlers by {@code sun.misc.Signal}, which under the default preset are the guest's own) and
 * writes a file there; its process is refused. Before, the default preset refused its handler
 * (global-state), and {@code import signal} failed.
 */
class JythonIT {

    private static final String PROGRAM = String.join("\n",
            "import signal, threading",
            "from sun.misc import Signal",
            "handled = threading.Event()",
            "def interrupted(number, frame):",
            "    print('handled signal %d' % number)",
            "    handled.set()",
            "signal.signal(signal.SIGINT, interrupted)",
            "print('installed: %s' % (signal.getsignal(signal.SIGINT) == interrupted))",
            "Signal.raise(Signal('INT'))",
            "handled.wait()",
            "with open('squares.txt', 'w') as f:",
            "    f.write(','.join(str(n * n) for n in range(1, 5)))",
            "print(open('squares.txt').read())",
            "import subprocess",
            "try:",
            "    subprocess.call(['ls'])",
            "except Exception as e:",
            "    print('process refused: %s' % ('deny process' in str(e)))",
            "");

    @TempDir
    Path dir;

    @Test
    void aPythonProgramHandlesItsOwnSignalsAndStaysOnItsDisk() throws IOException {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Files.writeString(disk.resolve("program.py"), PROGRAM);
        Path jython = Launch.property("guest.jython");

        Result guest = Launch.jvisor(dir, "run", "--disk", disk.toString(), jython.toString(), "/program.py");

        assertAll(guest.toString(),
                () -> assertEquals(0, guest.status()),
                () -> assertEquals(List.of("installed: True", "handled signal 2", "1,4,9,16", "process refused: True"),
                        guest.outLines()),
                () -> assertEquals("1,4,9,16", Files.readString(disk.resolve("squares.txt")), "the file on the guest's disk"));
    }
}
