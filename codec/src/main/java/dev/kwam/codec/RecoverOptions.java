package dev.kwam.codec;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/** How {@link Kwam#recover} and {@link Kwam#verify} run: workers, progress, and optionally the caller's executor. */
public final class RecoverOptions {
    private final int parallelism;
    private final LongConsumer progress;
    private final Executor executor;

    private RecoverOptions(int parallelism, LongConsumer progress, Executor executor) {
        this.parallelism = parallelism;
        this.progress = progress;
        this.executor = executor;
    }

    public static RecoverOptions defaults() {
        return new RecoverOptions(Runtime.getRuntime().availableProcessors(), bytes -> { }, null);
    }

    public RecoverOptions withParallelism(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + workers);
        }
        return new RecoverOptions(workers, progress, executor);
    }

    /** Called with the number of object bytes delivered (or, for verify, fragment bytes checked) so far. */
    public RecoverOptions withProgress(LongConsumer bytesDone) {
        return new RecoverOptions(parallelism, Objects.requireNonNull(bytesDone, "progress"), executor);
    }

    public RecoverOptions withExecutor(Executor executor) {
        return new RecoverOptions(parallelism, progress, Objects.requireNonNull(executor, "executor"));
    }

    public int parallelism() {
        return parallelism;
    }

    public LongConsumer progress() {
        return progress;
    }

    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }
}
