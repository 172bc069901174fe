package dev.kwam.codec;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
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
 * The threads codec work runs on: the caller's executor when given (a node's codec dispatcher),
 * else a pool of daemon threads owned by one SDK call and shut down when it returns.
 */
final class Workers implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final Executor executor;
    private final ExecutorService owned;

    private Workers(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    static Workers of(java.util.Optional<Executor> given, int parallelism) {
        if (given.isPresent()) {
            return new Workers(given.get(), null);
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService es = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "kwam-codec-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new Workers(es, es);
    }

    <T> CompletableFuture<T> submit(Callable<T> task) {
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
        return previous.thenRunAsync(step, executor);
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
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
