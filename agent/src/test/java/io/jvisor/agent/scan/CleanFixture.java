package io.jvisor.agent.scan;

/** Scanned by {@link ScannerTest}, never run: nothing in it needs rewriting. */
final class CleanFixture {

    private CleanFixture() {
    }

    static int twice(int n) {
        return 2 * n;
    }
}
