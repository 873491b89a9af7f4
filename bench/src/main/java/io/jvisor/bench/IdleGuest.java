package io.jvisor.bench;

import java.util.concurrent.CountDownLatch;

/**
 * A guest that starts {@code N} threads (default 0) that spin, says {@code started}, and waits
 * until it is killed: what {@link PreemptionBenchmark} hosts and kills.
 */
public final class IdleGuest {

    private IdleGuest() {
    }

    public static void main(String[] args) throws InterruptedException {
        int spinners = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        for (int i = 0; i < spinners; i++) {
            Thread t = new Thread(IdleGuest::spin, "spinner-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("started");
        new CountDownLatch(1).await();
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void spin() {
        long i = 0;
        while (true) {
            i++;
        }
    }
}
