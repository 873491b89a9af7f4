package io.jvisor.sandbox.device;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Writes whole lines to a shared host stream, each behind a label and in one write, so that the
 * output of guests sharing the stream never interleaves within a line. A line longer than
 * {@link #MAX_LINE} bytes is cut there (never inside a UTF-8 character), and each piece labelled.
 */
final class LabelledLines extends OutputStream {

    static final int MAX_LINE = 8192;

    private final byte[] label;
    private final PrintStream host;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LabelledLines(String label, PrintStream host) {
        this.label = label.getBytes(Charset.defaultCharset());
        this.host = host;
    }

    @Override
    public synchronized void write(int b) {
        if (b != '\n' && line.size() >= MAX_LINE) {
            cut();
        }
        line.write(b);
        if (b == '\n') {
            emit(line.toByteArray(), line.size());
            line.reset();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Ends an unfinished line; the stream stays usable. ({@link #flush()}, which PrintStream calls
     *  after every write, must not: a line is written whole or not yet.) */
    synchronized void endLine() {
        if (line.size() > 0) {
            line.write('\n');
            emit(line.toByteArray(), line.size());
            line.reset();
        }
    }

    /** Emits a full buffer as a line of its own, keeping a UTF-8 character cut in two for the next. */
    private void cut() {
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            end--; // the lead byte of the character whose continuation bytes follow
        }
        if (end == 0) {
            end = bytes.length; // not UTF-8: cut where the buffer is full
        }
        emit(bytes, end);
        line.reset();
        line.write(bytes, end, bytes.length - end);
    }

    private void emit(byte[] bytes, int length) {
        boolean newline = length > 0 && bytes[length - 1] == '\n';
        byte[] out = new byte[label.length + length + (newline ? 0 : 1)];
        System.arraycopy(label, 0, out, 0, label.length);
        System.arraycopy(bytes, 0, out, label.length, length);
        if (!newline) {
            out[out.length - 1] = '\n';
        }
        synchronized (host) {
            host.write(out, 0, out.length);
            host.flush();
        }
    }
}
