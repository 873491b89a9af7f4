package io.jvisor.agent.scan;

/**
 * Scanned by {@link ScannerTest}, never run. The {@code site:} markers name the lines the test
 * expects the scan to report; keep each marker on the line of its use.
 */
final class ConsoleFixture {

    private ConsoleFixture() {
    }

    static Runnable complain() {
        return () -> System.err.println("complaint"); // site:stderr-lambda
    }
}
