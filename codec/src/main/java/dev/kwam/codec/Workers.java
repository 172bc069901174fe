package dev.kwam.codec;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an SDK call runs on: codec work (hashing, coding) on one pool sized to the cores, and
 * blocking fragment I/O on another, wider one, so that a slow disk or a fsync never idles a core and
 * concurrent fsyncs can share a journal commit. Each is the caller's executor when given (a node passes
 * its codec and blocking-I/O dispatchers), else daemon threads owned by this call and shut down with it.
 */
final class Workers implements AutoCloseable {
    /** Fsyncs in flight at once: enough for the file system to group journal commits. */
    static final int DEFAULT_IO_THREADS = 16;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final Executor codec;
    private final Executor io;
    private final List<ExecutorService> owned = new ArrayList<>(2);

    private Workers(Optional<Executor> codec, int parallelism, Optional<Executor> io) {
        int pool = POOLS.incrementAndGet();
        this.codec = codec.orElseGet(() -> own("kwam-codec-" + pool, parallelism));
        this.io = io.orElseGet(() -> own("kwam-io-" + pool, DEFAULT_IO_THREADS));
    }

    static Workers of(Optional<Executor> codec, int parallelism) {
        return new Workers(codec, parallelism, Optional.empty());
    }

    static Workers of(Optional<Executor> codec, int parallelism, Optional<Executor> io) {
        return new Workers(codec, parallelism, io);
    }

    private ExecutorService own(String name, int threads) {
        AtomicInteger thread = new AtomicInteger();
        ExecutorService es = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        owned.add(es);
        return es;
    }

    /** Runs codec work (CPU-bound) on the codec pool. */
    <T> CompletableFuture<T> submit(Callable<T> task) {
        return on(codec, task);
    }

    /** Runs blocking I/O (sink writes, fsyncs, source reads) on the I/O pool. */
    <T> CompletableFuture<T> io(Callable<T> task) {
        return on(io, task);
    }

    /** Runs {@code task} on a caller's executor, outside any pool this class owns. */
    static <T> CompletableFuture<T> supply(Executor executor, Callable<T> task) {
        return on(executor, task);
    }

    private static <T> CompletableFuture<T> on(Executor executor, Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** Runs {@code step} after {@code previous} completes: an ordered lane on the same threads. */
    CompletableFuture<Void> then(CompletableFuture<Void> previous, Runnable step) {
        return previous.thenRunAsync(step, codec);
    }

    /** Waits for a task, turning its failure back into the exception it threw. */
    static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for codec work");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public void close() {
        owned.forEach(ExecutorService::shutdownNow);
    }
}
