package dev.kwam.actors.runtime;

/**
 * The JVM's common ForkJoinPool, sized so {@code CompletableFuture}'s {@code *Async} calls reuse threads. With two
 * cores or fewer its parallelism is 1, and then every {@code *Async} call without an executor — Ratis's client
 * replies, Pekko's Java-future bridge — starts a new thread: three per consent spend, measured with JFR (13,000
 * thread starts in 15 s; docs/benchmarks.md). Parallelism 2 keeps them on pooled threads (+55–66 % spends/s there).
 */
public final class CommonPool {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    /**
     * Call first thing in {@code main}, before anything touches the common pool (it reads the property once, when
     * it is created). A parallelism set on the command line is left alone.
     */
    public static void atLeastTwo() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(PARALLELISM, "2");
        }
    }
}
