package io.jvisor.sandbox.device;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Writes whole lines to a shared host stream, each behind a label, so that the output of guests
 * sharing the stream never interleaves within a line. A line longer than {@link #MAX_LINE} bytes
 * is cut there.
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
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Ends an unfinished line. */
    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            line.write('\n');
            emit();
        }
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        line.reset();
        synchronized (host) {
            host.write(label, 0, label.length);
            host.write(bytes, 0, bytes.length);
            if (bytes[bytes.length - 1] != '\n') {
                host.write('\n');
            }
            host.flush();
        }
    }
}
