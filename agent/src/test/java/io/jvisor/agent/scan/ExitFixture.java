package io.jvisor.agent.scan;

import java.util.function.IntConsumer;

/**
 * Scanned by {@link ScannerTest}, never run. The {@code site:} markers name the lines the test
 * expects the scan to report; keep each marker on the line of its use.
 */
final class ExitFixture {

    private ExitFixture() {
    }

    static void main(String[] args) {
        System.out.println("bye"); // site:stdout
        System.exit(2); // site:exit
    }

    static IntConsumer exitReference() {
        return System::exit; // site:exit-handle
    }
}
