package io.jvisor.hooks;

import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * A {@code FileWriter} on a guest's file: a guest's {@code new FileWriter(...)} must give a
 * {@code FileWriter}, and its writes must reach the hypervisor's stream (which counts them against
 * the guest's disk quota), so every write goes to a writer over that stream. The superclass only
 * holds the file descriptor.
 */
final class GuestFileWriter extends FileWriter {

    private final OutputStreamWriter out;

    GuestFileWriter(FileOutputStream stream, Charset charset) throws IOException {
        super(stream.getFD());
        this.out = new OutputStreamWriter(stream, charset);
    }

    @Override
    public String getEncoding() {
        return out.getEncoding();
    }

    @Override
    public void write(int c) throws IOException {
        out.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        out.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        out.write(str, off, len);
    }

    @Override
    public Writer append(CharSequence csq) throws IOException {
        out.append(csq);
        return this;
    }

    @Override
    public Writer append(CharSequence csq, int start, int end) throws IOException {
        out.append(csq, start, end);
        return this;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
