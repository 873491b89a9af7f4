package io.jvisor.sandbox.device.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A channel to a file on a guest's disk that keeps the disk's quota: a write reserves the bytes by
 * which it grows the file before it writes, so a write past the quota fails whole; a truncation
 * gives room back. The guest never sees the host channel, not even through a lock's
 * {@link FileLock#channel()}, so every write passes here.
 *
 * <p>A write without a position writes at {@link #position()}, which for a channel opened with
 * {@code APPEND} is the file's size (the JDK's channel reports it so).
 */
final class QuotaFileChannel extends FileChannel {

    /** A host operation that reports how many bytes it moved. */
    @FunctionalInterface
    private interface Transfer {
        long run() throws IOException;
    }

    /** The most bytes {@link #transferFrom} reads from a channel that is not a file before it writes them. */
    private static final int TRANSFER_BUFFER = 64 * 1024;

    private final FileChannel delegate;
    private final DiskQuota quota;
    private final boolean unlinked;

    QuotaFileChannel(FileChannel delegate, DiskQuota quota) {
        this(delegate, quota, false);
    }

    /**
     * @param unlinked whether the file was opened with {@code DELETE_ON_CLOSE}: the host unlinked
     *                 it at once, and its room comes back when the channel closes
     */
    QuotaFileChannel(FileChannel delegate, DiskQuota quota, boolean unlinked) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.unlinked = unlinked;
    }

    /** The bytes by which writing {@code bytes} at {@code position} grows a file of {@code size}. */
    private static long growth(long position, long bytes, long size) {
        return Math.max(0, position + bytes - size);
    }

    /** Runs a transfer of up to {@code bytes} at {@code position} with its growth reserved, then gives back what it did not use. */
    private long reserved(long position, long bytes, Transfer transfer) throws IOException {
        long size = delegate.size();
        long reserved = growth(position, bytes, size);
        quota.reserve(reserved);
        long done;
        try {
            done = transfer.run();
        } catch (IOException | RuntimeException | Error e) {
            quota.release(reserved);
            throw e;
        }
        quota.release(reserved - growth(position, Math.max(0, done), size));
        return done;
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffers.length);
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += buffers[i].remaining();
        }
        return sum;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (quota.unlimited()) {
            return delegate.write(src);
        }
        return (int) reserved(delegate.position(), src.remaining(), () -> delegate.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (quota.unlimited()) {
            return delegate.write(srcs, offset, length);
        }
        long bytes = remaining(srcs, offset, length);
        return reserved(delegate.position(), bytes, () -> delegate.write(srcs, offset, length));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (quota.unlimited()) {
            return delegate.write(src, position);
        }
        return (int) reserved(position, src.remaining(), () -> delegate.write(src, position));
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (quota.unlimited()) {
            delegate.truncate(size);
            return this;
        }
        long before = delegate.size();
        delegate.truncate(size);
        quota.release(before - delegate.size());
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    /**
     * Transfers from a file by the host, with the growth of the bytes the file has left reserved;
     * from another channel through a buffer, reserving what each read brought, so a {@code count}
     * that only means "all" does not meet the quota.
     */
    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        if (src instanceof FileChannel file) {
            long bytes = Math.min(count, Math.max(0, file.size() - file.position()));
            return reserved(position, bytes, () -> delegate.transferFrom(src, position, bytes));
        }
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        if (position > delegate.size()) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, TRANSFER_BUFFER));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(count - done, buffer.capacity()));
            if (src.read(buffer) <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += write(buffer, position + done);
            }
        }
        return done;
    }

    /** Maps a region; a region past the end extends the file (if the channel may write), so its growth is reserved. */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        long before = delegate.size();
        long reserved = growth(position, size, before);
        quota.reserve(reserved);
        try {
            return delegate.map(mode, position, size);
        } finally {
            quota.release(reserved - Math.max(0, delegate.size() - before));
        }
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return new Lock(this, delegate.lock(position, size, shared));
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        FileLock lock = delegate.tryLock(position, size, shared);
        return lock == null ? null : new Lock(this, lock);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            if (unlinked) {
                quota.release(delegate.size());
            }
        } finally {
            delegate.close();
        }
    }

    /** A lock of the host channel, shown as a lock of the wrapping channel so the host channel stays hidden. */
    private static final class Lock extends FileLock {

        private final FileLock delegate;

        Lock(FileChannel channel, FileLock delegate) {
            super(channel, delegate.position(), delegate.size(), delegate.isShared());
            this.delegate = delegate;
        }

        Lock(AsynchronousFileChannel channel, FileLock delegate) {
            super(channel, delegate.position(), delegate.size(), delegate.isShared());
            this.delegate = delegate;
        }

        @Override
        public boolean isValid() {
            return delegate.isValid();
        }

        @Override
        public void release() throws IOException {
            delegate.release();
        }
    }

    /** The asynchronous channel to a file on a guest's disk that keeps the disk's quota, as {@link QuotaFileChannel} does. */
    static final class Asynchronous extends AsynchronousFileChannel {

        private final AsynchronousFileChannel delegate;
        private final DiskQuota quota;
        private final boolean unlinked;

        /** @param unlinked whether the file was opened with {@code DELETE_ON_CLOSE} */
        Asynchronous(AsynchronousFileChannel delegate, DiskQuota quota, boolean unlinked) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.quota = Objects.requireNonNull(quota, "quota");
            this.unlinked = unlinked;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public AsynchronousFileChannel truncate(long size) throws IOException {
            if (quota.unlimited()) {
                delegate.truncate(size);
                return this;
            }
            long before = delegate.size();
            delegate.truncate(size);
            quota.release(before - delegate.size());
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            delegate.force(metaData);
        }

        @Override
        public <A> void lock(long position, long size, boolean shared, A attachment,
                             CompletionHandler<FileLock, ? super A> handler) {
            Objects.requireNonNull(handler, "handler");
            delegate.lock(position, size, shared, attachment, new CompletionHandler<FileLock, A>() {
                @Override
                public void completed(FileLock lock, A a) {
                    handler.completed(new Lock(Asynchronous.this, lock), a);
                }

                @Override
                public void failed(Throwable e, A a) {
                    handler.failed(e, a);
                }
            });
        }

        @Override
        public Future<FileLock> lock(long position, long size, boolean shared) {
            CompletableFuture<FileLock> result = new CompletableFuture<>();
            lock(position, size, shared, null, completing(result));
            return result;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            FileLock lock = delegate.tryLock(position, size, shared);
            return lock == null ? null : new Lock(this, lock);
        }

        @Override
        public <A> void read(ByteBuffer dst, long position, A attachment,
                             CompletionHandler<Integer, ? super A> handler) {
            delegate.read(dst, position, attachment, handler);
        }

        @Override
        public Future<Integer> read(ByteBuffer dst, long position) {
            return delegate.read(dst, position);
        }

        /** Writes with the growth reserved first; a write past the quota fails through the handler before it starts. */
        @Override
        public <A> void write(ByteBuffer src, long position, A attachment,
                              CompletionHandler<Integer, ? super A> handler) {
            Objects.requireNonNull(handler, "handler");
            if (quota.unlimited()) {
                delegate.write(src, position, attachment, handler);
                return;
            }
            long size;
            long reserved;
            try {
                size = delegate.size();
                reserved = growth(position, src.remaining(), size);
                quota.reserve(reserved);
            } catch (IOException e) {
                handler.failed(e, attachment);
                return;
            }
            try {
                delegate.write(src, position, attachment, new CompletionHandler<Integer, A>() {
                    @Override
                    public void completed(Integer written, A a) {
                        quota.release(reserved - growth(position, Math.max(0, written), size));
                        handler.completed(written, a);
                    }

                    @Override
                    public void failed(Throwable e, A a) {
                        quota.release(reserved);
                        handler.failed(e, a);
                    }
                });
            } catch (RuntimeException | Error e) {
                quota.release(reserved);
                throw e;
            }
        }

        @Override
        public Future<Integer> write(ByteBuffer src, long position) {
            CompletableFuture<Integer> result = new CompletableFuture<>();
            write(src, position, null, completing(result));
            return result;
        }

        private static <V> CompletionHandler<V, Object> completing(CompletableFuture<V> future) {
            return new CompletionHandler<>() {
                @Override
                public void completed(V value, Object attachment) {
                    future.complete(value);
                }

                @Override
                public void failed(Throwable e, Object attachment) {
                    future.completeExceptionally(e);
                }
            };
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                if (unlinked && delegate.isOpen()) {
                    quota.release(delegate.size());
                }
            } finally {
                delegate.close();
            }
        }
    }
}
