package io.jvisor.sandbox;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/** A weak reference to a guest's class loader, to tell whether the guest's end let go of it. */
final class Collected {

    private final ReferenceQueue<ClassLoader> queue = new ReferenceQueue<>();
    private final WeakReference<ClassLoader> loader;

    Collected(ClassLoader loader) {
        this.loader = new WeakReference<>(loader, queue);
    }

    /**
     * Collects garbage until the loader is collected, about five seconds at most (the JVM tells of
     * a collected object by its queue, and collects only when asked or in need): whether it was.
     */
    boolean collected() throws InterruptedException {
        for (int i = 0; i < 50 && loader.get() != null; i++) {
            System.gc();
            queue.remove(100);
        }
        return loader.get() == null;
    }
}
