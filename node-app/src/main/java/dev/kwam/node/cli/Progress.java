package dev.kwam.node.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A byte-count progress bar on stderr, shown only when stderr is a terminal: redirecting stderr
 * (scripts, CI, {@code 2> log}) turns it off. JDK 17 cannot ask isatty of one descriptor, so on Linux
 * the test reads where {@code /proc/self/fd/2} points (a tty or pseudo-terminal device); elsewhere it
 * falls back to {@code System.console() != null}, which means stdin and stdout are terminals.
 * Stdout never carries the bar, so machine-read output is never interleaved with it.
 */
abstract class Progress implements LongConsumer, AutoCloseable {

    /** A bar counting up to {@code totalBytes}, or a no-op when nobody is watching. */
    static Progress bytes(String task, long totalBytes) {
        if (!stderrIsTerminal()) {
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

    static boolean stderrIsTerminal() {
        java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
        if (java.nio.file.Files.isSymbolicLink(fd2)) {
            try {
                String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (java.io.IOException | SecurityException e) {
                return System.console() != null; // /proc unreadable: fall back to the JDK's weaker test
            }
        }
        return System.console() != null;
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
