package io.jvisor.sandbox.device;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A guest's console: its own standard output, error and input, which its reads of
 * {@code System.out}, {@code System.err} and {@code System.in} return. What the guest writes goes
 * where the host chose by the {@link Mode}; {@code System.setOut} and friends replace the guest's
 * streams only. Thread-safe.
 */
public final class Console {

    /** Where a guest's output goes. */
    public enum Mode {
        /** straight to the host's standard streams, unlabelled: for a guest that runs alone */
        INHERIT,
        /** to the host's standard streams, each line whole and labelled {@code [guest] } */
        PREFIX,
        /** into memory, for the host to read with {@link #capturedOut()} and {@link #capturedErr()} */
        CAPTURE
    }

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream(), true);

    private final Mode mode;
    private final LabelledLines outLines;
    private final LabelledLines errLines;
    private final CaptureBuffer outBuffer;
    private final CaptureBuffer errBuffer;
    private volatile PrintStream initialOut;
    private volatile PrintStream initialErr;
    private volatile PrintStream out;
    private volatile PrintStream err;
    private volatile InputStream in;

    /**
     * @param label   the label of {@link Mode#PREFIX} lines, usually the guest's name
     * @param mode    where output goes
     * @param hostOut the host's standard output
     * @param hostErr the host's standard error
     * @param input   the guest's standard input ({@link Mode#INHERIT}: usually the host's)
     */
    public Console(String label, Mode mode, PrintStream hostOut, PrintStream hostErr, InputStream input) {
        Objects.requireNonNull(label, "label");
        this.mode = Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(hostOut, "hostOut");
        Objects.requireNonNull(hostErr, "hostErr");
        this.in = Objects.requireNonNull(input, "input");
        Charset cs = Charset.defaultCharset();
        switch (mode) {
            case INHERIT:
                outLines = null;
                errLines = null;
                outBuffer = null;
                errBuffer = null;
                initialOut = hostOut;
                initialErr = hostErr;
                break;
            case PREFIX:
                outLines = new LabelledLines("[" + label + "] ", hostOut);
                errLines = new LabelledLines("[" + label + "] ", hostErr);
                outBuffer = null;
                errBuffer = null;
                initialOut = new PrintStream(new Metered(outLines), true, cs);
                initialErr = new PrintStream(new Metered(errLines), true, cs);
                break;
            default:
                outLines = null;
                errLines = null;
                outBuffer = new CaptureBuffer();
                errBuffer = new CaptureBuffer();
                initialOut = new PrintStream(new Metered(outBuffer), true, cs);
                initialErr = new PrintStream(new Metered(errBuffer), true, cs);
        }
        this.out = initialOut;
        this.err = initialErr;
    }

    /** Decides each write to a console's initial output and error streams (an output quota). */
    @FunctionalInterface
    public interface Meter {
        /**
         * Called before bytes are written, on the writing thread.
         *
         * @param bytes how many bytes are to be written
         * @return whether to write them; {@code false} discards them
         */
        boolean admit(int bytes);
    }

    private static final Meter UNMETERED = bytes -> true;
    private volatile Meter meter = UNMETERED;

    /**
     * Sets what decides each write to the console's initial streams; by default every write passes.
     * In {@link Mode#INHERIT} the initial streams are the host's own until a meter is set, then
     * streams that pass what it admits to them.
     */
    public synchronized void meter(Meter decides) {
        Objects.requireNonNull(decides, "decides");
        if (mode == Mode.INHERIT && meter == UNMETERED) {
            Charset cs = Charset.defaultCharset();
            PrintStream metredOut = new PrintStream(new Metered(initialOut), true, cs);
            PrintStream metredErr = new PrintStream(new Metered(initialErr), true, cs);
            if (out == initialOut) {
                out = metredOut;
            }
            if (err == initialErr) {
                err = metredErr;
            }
            initialOut = metredOut;
            initialErr = metredErr;
        }
        this.meter = decides;
    }

    /**
     * Waits until the guest's captured standard output contains {@code text}, or the time is up.
     *
     * @return whether it does
     * @throws IllegalStateException if output is not captured ({@link Mode#CAPTURE})
     */
    public boolean awaitOut(String text, java.time.Duration timeout) throws InterruptedException {
        if (outBuffer == null) {
            throw new IllegalStateException("console output is not captured (mode " + mode + ")");
        }
        return outBuffer.await(text, timeout);
    }

    /** Passes what the meter admits to a sink. */
    private final class Metered extends OutputStream {
        private final OutputStream sink;

        Metered(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            if (meter.admit(1)) {
                sink.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            if (meter.admit(len)) {
                sink.write(b, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            sink.flush();
        }
    }

    /** Captured output that the host can wait on. */
    private static final class CaptureBuffer extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }

        synchronized boolean await(String text, java.time.Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!toString(Charset.defaultCharset()).contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** A console that reads nothing and discards everything. */
    public static PrintStream discarding() {
        return DISCARD;
    }

    /** Where this console's output goes. */
    public Mode mode() {
        return mode;
    }

    /** The guest's current standard output. */
    public PrintStream out() {
        return out;
    }

    /** The guest's current standard error. */
    public PrintStream err() {
        return err;
    }

    /** The guest's current standard input. */
    public InputStream in() {
        return in;
    }

    /** Replaces the guest's standard output ({@code null} as {@code System.setOut(null)} does). */
    public void setOut(PrintStream stream) {
        out = stream;
    }

    /** Replaces the guest's standard error. */
    public void setErr(PrintStream stream) {
        err = stream;
    }

    /** Replaces the guest's standard input. */
    public void setIn(InputStream stream) {
        in = stream;
    }

    /** Everything written to the guest's initial standard output, in {@link Mode#CAPTURE}. */
    public String capturedOut() {
        return captured(outBuffer);
    }

    /** Everything written to the guest's initial standard error, in {@link Mode#CAPTURE}. */
    public String capturedErr() {
        return captured(errBuffer);
    }

    /** Flushes what the guest wrote; an unfinished {@link Mode#PREFIX} line is ended. */
    public void flush() {
        initialOut.flush();
        initialErr.flush();
        if (mode == Mode.PREFIX) {
            outLines.endLine();
            errLines.endLine();
        }
    }

    private String captured(ByteArrayOutputStream buffer) {
        if (buffer == null) {
            throw new IllegalStateException("console output is not captured (mode " + mode + ")");
        }
        synchronized (buffer) {
            return buffer.toString(Charset.defaultCharset());
        }
    }
}
