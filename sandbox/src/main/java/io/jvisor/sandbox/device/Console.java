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
    private final ByteArrayOutputStream outBuffer;
    private final ByteArrayOutputStream errBuffer;
    private final PrintStream initialOut;
    private final PrintStream initialErr;
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
                initialOut = new PrintStream(outLines, true, cs);
                initialErr = new PrintStream(errLines, true, cs);
                break;
            default:
                outLines = null;
                errLines = null;
                outBuffer = new ByteArrayOutputStream();
                errBuffer = new ByteArrayOutputStream();
                initialOut = new PrintStream(outBuffer, true, cs);
                initialErr = new PrintStream(errBuffer, true, cs);
        }
        this.out = initialOut;
        this.err = initialErr;
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
