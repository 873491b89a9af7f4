package io.jvisor.api.spi;

import io.jvisor.api.Clock;

/** The JVM's own clock, {@code System.currentTimeMillis()} and {@code System.nanoTime()}. For backends; a guest never uses it. */
public enum SystemClock implements Clock {
    /** The only one. */
    INSTANCE;

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
