package dev.kwam.codec.chunk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Cuts an {@link InputStream} into FastCDC chunks with bounded memory: one window of
 * {@code 2 × max} bytes, allocated once; no allocation per chunk.
 *
 * <pre>{@code
 * byte[] chunk = new byte[params.max()];
 * try (ChunkReader reader = new ChunkReader(in, params)) {
 *     for (int n; (n = reader.next(chunk)) >= 0; ) {
 *         store(chunk, 0, n);            // chunk[0, n) is the next chunk
 *     }
 * }
 * }</pre>
 *
 * <p>The chunks are exactly those {@link FastCdc#cutPoint} finds over the whole stream at once,
 * whatever sizes the stream's reads return. An empty stream has no chunks; a stream shorter than
 * {@code min} is one chunk. Not thread-safe; closing the reader closes the stream.
 */
public final class ChunkReader implements Closeable {
    private final InputStream in;
    private final ChunkerParams params;
    private final byte[] window;
    private int start;
    private int limit;
    private boolean endOfStream;
    private boolean closed;

    public ChunkReader(InputStream in, ChunkerParams params) {
        this.in = Objects.requireNonNull(in, "in");
        this.params = Objects.requireNonNull(params, "params");
        this.window = new byte[2 * params.max()];
    }

    /**
     * Copies the next chunk into {@code dst[0, n)}.
     *
     * @param dst at least {@code params.max()} bytes long, so any chunk fits
     * @return the chunk length {@code n}, or -1 once the stream is exhausted
     */
    public int next(byte[] dst) throws IOException {
        if (dst.length < params.max()) {
            throw new IllegalArgumentException("chunk buffer holds " + dst.length
                    + " bytes but a chunk may be up to " + params.max());
        }
        if (closed) {
            throw new IOException("chunk reader is closed");
        }
        fillToMax();
        int available = limit - start;
        if (available == 0) {
            return -1;
        }
        int n = FastCdc.cutPoint(window, start, available, params);
        System.arraycopy(window, start, dst, 0, n);
        start += n;
        return n;
    }

    /*
     * A cut point is final only when max bytes are visible or the stream has ended, so read until
     * one holds. Compaction moves fewer than max bytes and happens at most once per max bytes read.
     */
    private void fillToMax() throws IOException {
        int max = params.max();
        if (endOfStream || limit - start >= max) {
            return;
        }
        if (window.length - start < max) {
            System.arraycopy(window, start, window, 0, limit - start);
            limit -= start;
            start = 0;
        }
        while (limit - start < max) {
            int read = in.read(window, limit, window.length - limit);
            if (read < 0) {
                endOfStream = true;
                return;
            }
            limit += read;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }
}
