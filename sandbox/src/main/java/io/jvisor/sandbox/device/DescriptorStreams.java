package io.jvisor.sandbox.device;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The file streams a guest gets for the JVM's standard descriptors ({@code new
 * FileOutputStream(FileDescriptor.out)} ...): streams over the guest's own console, so that the
 * host's descriptors never become the guest's. Their own descriptor is a new, invalid one, so that
 * nothing reaching past the overridden methods ({@code getChannel()}) touches the host's.
 */
public final class DescriptorStreams {

    private DescriptorStreams() {
    }

    /** A {@code FileOutputStream} that writes to {@code target}; closing it leaves the console open. */
    public static FileOutputStream output(OutputStream target) {
        return new ConsoleOutput(target);
    }

    /** A {@code FileInputStream} that reads from {@code source}; closing it leaves the console open. */
    public static FileInputStream input(InputStream source) {
        return new ConsoleInput(source);
    }

    private static final class ConsoleOutput extends FileOutputStream {
        private final OutputStream target;

        ConsoleOutput(OutputStream target) {
            super(new FileDescriptor());
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            target.write(b, 0, b.length);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.flush();
        }
    }

    private static final class ConsoleInput extends FileInputStream {
        private final InputStream source;

        ConsoleInput(InputStream source) {
            super(new FileDescriptor());
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            return source.read();
        }

        @Override
        public int read(byte[] b) throws IOException {
            return source.read(b, 0, b.length);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return source.read(b, off, len);
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            return source.readAllBytes();
        }

        @Override
        public byte[] readNBytes(int len) throws IOException {
            return source.readNBytes(len);
        }

        @Override
        public long skip(long n) throws IOException {
            return source.skip(n);
        }

        @Override
        public int available() throws IOException {
            return source.available();
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            return source.transferTo(out);
        }

        @Override
        public void close() {
            // the guest's standard input stays open, as System.in does
        }
    }
}
