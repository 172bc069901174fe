package dev.kwam.node.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real file channel that fails the way the kernel does: after {@code writeBudget} bytes every
 * write throws what Java throws for ENOSPC, or {@code force} throws what it throws for EIO. The
 * bytes written before the failure really are in the file, as after a short write on a full disk.
 */
final class FailingChannel extends FileChannel {
    static final String ENOSPC = "No space left on device";
    static final String EIO = "Input/output error";

    private final FileChannel real;
    private long writeBudget;
    private final boolean failForce;

    FailingChannel(FileChannel real, long writeBudget, boolean failForce) {
        this.real = real;
        this.writeBudget = writeBudget;
        this.failForce = failForce;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (writeBudget <= 0) {
            throw new IOException(ENOSPC);
        }
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + (int) Math.min(part.remaining(), writeBudget));
        int n = real.write(part);
        src.position(src.position() + n);
        writeBudget -= n;
        return n;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForce) {
            throw new IOException(EIO);
        }
        real.force(metaData);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new UnsupportedOperationException("the store writes temp files sequentially");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("the store writes temp files sequentially");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
