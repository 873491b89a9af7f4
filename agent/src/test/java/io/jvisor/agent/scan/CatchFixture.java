package io.jvisor.agent.scan;

/**
 * Scanned by {@link ScannerTest}, never run: uses no critical instruction, but its handler catches
 * {@code Throwable}, so the rewriter still changes it.
 */
final class CatchFixture {

    private CatchFixture() {
    }

    static String attempt(Runnable task) {
        try {
            task.run();
            return "done";
        } catch (Throwable t) {
            return "failed";
        }
    }
}
