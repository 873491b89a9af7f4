package io.jvisor.bench;

/** A guest that does nothing and returns: what {@link GuestStartBenchmark} starts. */
public final class TrivialGuest {

    private TrivialGuest() {
    }

    public static void main(String[] args) {
        // nothing: the cost measured is the start and end around it
    }
}
