package io.jvisor.agent.transform;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The rewrites with safepoints the transformer made, by the class file they were made of: a class
 * that another guest, or another loader of the same guest, defines from the same bytes gets the
 * same rewrite without its work, as a hypervisor shares the pages of virtual machines booted from
 * one image. Guests of one program, and programs that share libraries, load the same class files;
 * rewriting one whole, for its polls, is most of what a large guest's start costs.
 *
 * <p>The rewrite is a function of the class file alone, so the class file is the key, compared
 * whole (its hash only finds it). The entries hold up to a budget of bytes, originals and
 * rewrites: past it they are all dropped, and sharing starts afresh, so that a guest that defines
 * class after class of its own costs the others their sharing for a while, never the host more
 * memory. A rewrite in progress on another thread is waited for, not made twice; one that fails is
 * not kept. Thread-safe.
 */
final class SharedRewrites {

    /** A class file's rewrite: the rewritten class file, or {@code null} where nothing changed; and whether it trapped a use. */
    record Rewrite(byte[] classFile, boolean trapped) {
    }

    private final ConcurrentHashMap<Key, CompletableFuture<Rewrite>> rewrites = new ConcurrentHashMap<>();
    private final long budget;
    private final AtomicLong held = new AtomicLong();

    /** @param budget the most bytes of class files (originals and rewrites) kept; 0 keeps none */
    SharedRewrites(long budget) {
        this.budget = budget;
    }

    /**
     * The rewrite of a class file: kept, or made by {@code rewrite} (and kept, while within the
     * budget). Neither the class file nor a rewrite returned may be changed.
     */
    Rewrite of(byte[] classFile, Function<byte[], Rewrite> rewrite) {
        Key key = new Key(classFile);
        CompletableFuture<Rewrite> made = rewrites.get(key);
        if (made == null) {
            CompletableFuture<Rewrite> mine = new CompletableFuture<>();
            made = rewrites.putIfAbsent(key, mine);
            if (made == null) {
                return make(key, mine, rewrite);
            }
        }
        try {
            return made.join();
        } catch (CompletionException e) {
            // the other thread's failure, thrown here as there: the same class file fails the same way
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw (Error) e.getCause();
        }
    }

    private Rewrite make(Key key, CompletableFuture<Rewrite> mine, Function<byte[], Rewrite> rewrite) {
        Rewrite made;
        try {
            made = rewrite.apply(key.classFile);
        } catch (RuntimeException | Error e) {
            rewrites.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        mine.complete(made);
        if (held.addAndGet(key.classFile.length + (made.classFile() == null ? 0 : made.classFile().length)) > budget) {
            // within the budget by a little: what another thread adds meanwhile may go uncounted
            rewrites.clear();
            held.set(0);
        }
        return made;
    }

    /** How many bytes the kept rewrites hold, originals included. */
    long held() {
        return held.get();
    }

    /** A class file as a key: equal to another of the same bytes. */
    private static final class Key {

        private final byte[] classFile;
        private final int hash;

        Key(byte[] classFile) {
            this.classFile = classFile;
            this.hash = Arrays.hashCode(classFile);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hash == hash && Arrays.equals(((Key) o).classFile, classFile);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
