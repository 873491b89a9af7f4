package io.jvisor.agent.transform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRewritesTest {

    private final AtomicInteger made = new AtomicInteger();

    /** A rewrite that counts itself: the class file with one byte more. */
    private final Function<byte[], SharedRewrites.Rewrite> rewrite = classFile -> {
        made.incrementAndGet();
        return new SharedRewrites.Rewrite(java.util.Arrays.copyOf(classFile, classFile.length + 1), false);
    };

    @Test
    void theSameBytesGetTheRewriteMadeOnce() {
        SharedRewrites shared = new SharedRewrites(1 << 20);
        SharedRewrites.Rewrite first = shared.of(new byte[] {1, 2, 3}, rewrite);
        SharedRewrites.Rewrite again = shared.of(new byte[] {1, 2, 3}, rewrite);
        SharedRewrites.Rewrite other = shared.of(new byte[] {1, 2, 4}, rewrite);

        assertSame(first, again, "another array of the same bytes");
        assertNotSame(first, other);
        assertEquals(2, made.get());
        assertEquals(3 + 4 + 3 + 4, shared.held(), "originals and rewrites");
    }

    @Test
    void pastItsBudgetAllIsDroppedAndSharingStartsAfresh() {
        SharedRewrites shared = new SharedRewrites(10);
        SharedRewrites.Rewrite kept = shared.of(new byte[] {1, 2, 3}, rewrite);
        assertSame(kept, shared.of(new byte[] {1, 2, 3}, rewrite), "within the budget: 7 bytes");
        shared.of(new byte[] {4, 5, 6}, rewrite);
        assertEquals(0, shared.held(), "14 bytes: all dropped");

        SharedRewrites.Rewrite again = shared.of(new byte[] {1, 2, 3}, rewrite);
        assertNotSame(kept, again);
        assertSame(again, shared.of(new byte[] {1, 2, 3}, rewrite), "kept anew");
        assertEquals(3, made.get());
    }

    @Test
    void aFailedRewriteIsNotKept() {
        SharedRewrites shared = new SharedRewrites(1 << 20);
        IllegalStateException failure = new IllegalStateException("cannot rewrite");

        assertSame(failure, assertThrows(IllegalStateException.class, () -> shared.of(new byte[] {1}, b -> {
            throw failure;
        })));
        shared.of(new byte[] {1}, rewrite);
        assertEquals(1, made.get(), "made after the failure");
        assertEquals(0 + 1 + 2, shared.held());
    }

    @Test
    void aThreadAskingForARewriteInProgressWaitsForIt() throws Exception {
        SharedRewrites shared = new SharedRewrites(1 << 20);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<SharedRewrites.Rewrite> first = new AtomicReference<>();
        AtomicReference<SharedRewrites.Rewrite> second = new AtomicReference<>();
        Thread making = new Thread(() -> first.set(shared.of(new byte[] {7}, b -> {
            started.countDown();
            await(release);
            return rewrite.apply(b);
        })));
        making.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread waiting = new Thread(() -> second.set(shared.of(new byte[] {7}, rewrite)));
        waiting.start();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (waiting.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        });
        release.countDown();
        making.join();
        waiting.join();

        assertSame(first.get(), second.get());
        assertEquals(1, made.get(), "made by the first thread only");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
