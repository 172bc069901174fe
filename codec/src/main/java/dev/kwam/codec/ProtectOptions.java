package dev.kwam.codec;

import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.sign.SigningKey;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * How {@link Kwam#protect} cuts, codes and signs. Defaults: rs(10,4), FastCDC 256 KiB / 1 MiB /
 * 4 MiB, one worker per core, and a throw-away signing key (whose public half is in the manifest,
 * so the result can still be pinned). Build with {@link #builder()}.
 */
public final class ProtectOptions {
    private final CodecSpec codec;
    private final ChunkerParams chunker;
    private final SigningKey signingKey;
    private final boolean ephemeralKey;
    private final int parallelism;
    private final LongConsumer progress;
    private final Executor executor;
    private final Executor ioExecutor;

    private ProtectOptions(Builder b) {
        this.codec = b.codec;
        this.chunker = b.chunker;
        this.ephemeralKey = b.signingKey == null;
        this.signingKey = ephemeralKey ? SigningKey.generate() : b.signingKey;
        this.parallelism = b.parallelism;
        this.progress = b.progress;
        this.executor = b.executor;
        this.ioExecutor = b.ioExecutor;
    }

    public static ProtectOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public CodecSpec codec() {
        return codec;
    }

    public ChunkerParams chunker() {
        return chunker;
    }

    public SigningKey signingKey() {
        return signingKey;
    }

    /** True when no key was given and the manifest is signed by a key nobody keeps. */
    public boolean ephemeralKey() {
        return ephemeralKey;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Called with the number of input bytes consumed so far, from the caller's thread. */
    public LongConsumer progress() {
        return progress;
    }

    /** The executor codec work runs on; empty means protect makes (and closes) its own pool. */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /**
     * The executor fragment writes ({@link FragmentSink#put}) run on; empty means protect makes its own
     * pool of 16 threads, so concurrent fsyncs can share journal commits.
     */
    public Optional<Executor> ioExecutor() {
        return Optional.ofNullable(ioExecutor);
    }

    public static final class Builder {
        private CodecSpec codec = new CodecSpec.ReedSolomonSpec(10, 4);
        private ChunkerParams chunker = ChunkerParams.DEFAULT;
        private SigningKey signingKey;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private LongConsumer progress = bytes -> { };
        private Executor executor;
        private Executor ioExecutor;

        private Builder() {
        }

        public Builder codec(CodecSpec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder chunker(ChunkerParams chunker) {
            this.chunker = Objects.requireNonNull(chunker, "chunker");
            return this;
        }

        public Builder signingKey(SigningKey key) {
            this.signingKey = Objects.requireNonNull(key, "signingKey");
            return this;
        }

        public Builder parallelism(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + workers);
            }
            this.parallelism = workers;
            return this;
        }

        public Builder progress(LongConsumer bytesDone) {
            this.progress = Objects.requireNonNull(bytesDone, "progress");
            return this;
        }

        /** Runs codec work on the caller's executor (a node passes its codec dispatcher). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Runs blocking fragment writes on the caller's executor (a node passes its blocking-I/O dispatcher). */
        public Builder ioExecutor(Executor ioExecutor) {
            this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor");
            return this;
        }

        public ProtectOptions build() {
            return new ProtectOptions(this);
        }
    }
}
