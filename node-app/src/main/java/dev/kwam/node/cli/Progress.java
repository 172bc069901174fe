package dev.kwam.node.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A byte-count progress bar on stderr, shown only when a person is watching. The test is
 * {@code System.console() != null}, which on JDK 17 means stdin and stdout are both a terminal:
 * piping or redirecting the output (scripts, CI, {@code --format json > file}) turns the bar off,
 * so machine-read output is never interleaved with it. Stdout never carries the bar.
 */
abstract class Progress implements LongConsumer, AutoCloseable {

    /** A bar counting up to {@code totalBytes}, or a no-op when nobody is watching. */
    static Progress bytes(String task, long totalBytes) {
        if (System.console() == null) {
            return new Silent();
        }
        return new Bar(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(totalBytes, 1))
                .setUnit("MiB", 1L << 20)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .clearDisplayOnFinish()
                .build());
    }

    /** Moves the bar to {@code done} bytes (a running total, not an increment). */
    @Override
    public abstract void accept(long done);

    @Override
    public abstract void close();

    private static final class Silent extends Progress {
        @Override
        public void accept(long done) {
            // nobody is watching: nothing to draw
        }

        @Override
        public void close() {
            // nothing was drawn
        }
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void accept(long done) {
            bar.stepTo(done);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
