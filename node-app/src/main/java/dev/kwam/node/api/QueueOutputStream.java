package dev.kwam.node.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

/**
 * An OutputStream into a backpressured {@code Source.queue}: each write waits until the stream has
 * room, and fails once the consumer has gone away (so an abandoned recovery stops instead of
 * running to the end). Small writes are gathered into 64 KiB elements. Closing it does not complete
 * the stream; the caller completes or fails the queue, which is what lets a failed recovery fail
 * the stream rather than end it.
 *
 * <p>Public for node-app's own stand-ins of a node in tests (they stream a recovery the same way); not part of
 * the integrator API.
 */
public final class QueueOutputStream extends OutputStream {
    private static final int ELEMENT = 64 << 10;
    private final SourceQueueWithComplete<ByteString> queue;
    private final byte[] pending = new byte[ELEMENT];
    private int filled;

    public QueueOutputStream(SourceQueueWithComplete<ByteString> queue) {
        this.queue = queue;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, ELEMENT - filled);
            System.arraycopy(b, off, pending, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == ELEMENT) {
                flushPending();
            }
        }
    }

    /** Hands what is gathered to the stream; deliberately not {@link #flush()}, which the SDK calls before its final check. */
    public void flushPending() throws IOException {
        if (filled == 0) {
            return;
        }
        ByteString element = ByteString.fromArray(pending, 0, filled);
        filled = 0;
        QueueOfferResult result;
        try {
            result = queue.offer(element).toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the reader was slow");
        } catch (ExecutionException e) {
            throw new IOException("the reader went away: " + e.getCause(), e.getCause());
        }
        if (!QueueOfferResult.enqueued().equals(result)) {
            throw new IOException("the reader went away (" + result + ")");
        }
    }
}
