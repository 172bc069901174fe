package dev.kwam.codec;

import dev.kwam.codec.manifest.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The embeddable SDK: erasure-code bytes into signed, content-addressed fragments, and rebuild
 * them fail-closed. Any good subset of fragments the code can decode rebuilds the exact original,
 * or recovery throws and names what was missing or corrupt.
 *
 * <pre>{@code
 * Manifest m = Kwam.protect(Path.of("model.bin"), ProtectOptions.builder().signingKey(key).build(), store);
 * Kwam.recover(m, store, out, TrustedKeys.of(key.publicKey()));
 * }</pre>
 */
public final class Kwam {
    private Kwam() {
    }

    /** Protects a stream with bounded memory; the stream is read to its end but not closed. */
    public static Manifest protect(InputStream in, ProtectOptions options, FragmentSink sink) throws IOException {
        return ProtectPipeline.run(in, options, sink);
    }

    public static Manifest protect(Path file, ProtectOptions options, FragmentSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ProtectPipeline.run(in, options, sink);
        }
    }

    public static Manifest protect(byte[] bytes, ProtectOptions options, FragmentSink sink) throws IOException {
        return ProtectPipeline.run(new ByteArrayInputStream(bytes), options, sink);
    }

    /**
     * Rebuilds the object into {@code out}, refusing a manifest none of {@code trust} signed.
     *
     * @throws RecoveryException when some stripe lacks enough good fragments (nothing of it or after
     *         it is written) or the rebuilt bytes do not hash to the object cid
     * @throws dev.kwam.codec.manifest.ManifestFormatException when the signer is not trusted
     */
    public static RecoveryResult recover(Manifest manifest, FragmentSource source, OutputStream out, TrustedKeys trust,
            RecoverOptions options) throws IOException {
        return RecoverPipeline.run(manifest, source, out, trust, options);
    }

    public static RecoveryResult recover(Manifest manifest, FragmentSource source, OutputStream out, TrustedKeys trust)
            throws IOException {
        return recover(manifest, source, out, trust, RecoverOptions.defaults());
    }

    /**
     * Rebuilds the object without checking who signed the manifest (its signature is still checked
     * against the key it names); {@link RecoveryResult#signerTrusted()} is then false.
     */
    public static RecoveryResult recover(Manifest manifest, FragmentSource source, OutputStream out) throws IOException {
        return recover(manifest, source, out, TrustedKeys.unchecked());
    }

    /** Hash-checks every fragment of every stripe without decoding anything. */
    public static HealthReport verify(Manifest manifest, FragmentSource source, RecoverOptions options)
            throws IOException {
        StripeReader reader = new StripeReader(manifest, ErasureCodes.of(manifest.codec()), source);
        int stripes = manifest.chunks().size();
        List<StripeHealth> health = new ArrayList<>(stripes);
        ArrayDeque<CompletableFuture<StripeHealth>> inFlight = new ArrayDeque<>();
        long checked = 0;
        try (Workers workers = Workers.of(options.executor(), options.parallelism())) {
            int submitted = 0;
            for (int done = 0; done < stripes; done++) {
                while (submitted < stripes && inFlight.size() < 2 * options.parallelism()) {
                    int stripe = submitted++;
                    inFlight.add(workers.submit(() -> reader.health(stripe)));
                }
                health.add(Workers.await(inFlight.poll()));
                checked += manifest.chunks().get(done).length();
                options.progress().accept(checked);
            }
        }
        return new HealthReport(manifest.cid(), manifest.objectCid(), health);
    }

    public static HealthReport verify(Manifest manifest, FragmentSource source) throws IOException {
        return verify(manifest, source, RecoverOptions.defaults());
    }

    /**
     * Starts rebuilding fragments {@code targets} of stripe {@code stripe}, for a caller that fetches
     * the sources itself (a repair actor); see {@link StripeRebuild} for the loop.
     */
    public static StripeRebuild rebuilding(Manifest manifest, int stripe, Set<Integer> targets) {
        return new StripeRebuild(manifest, stripe, targets);
    }

    /**
     * Rebuilds fragments {@code targets} of one stripe from {@code source}, fetching only what the code
     * needs (an LRC's local group when intact), hash-checking every source and SHA-gating every rebuilt
     * fragment against the manifest's cid. A source that is missing or corrupt is reported and another
     * tried. Fetches run on the calling thread; reconstruction on {@code codecExecutor}.
     *
     * @throws RecoveryException when the usable fragments cannot rebuild every target; it lists each
     *         source that was missing or corrupt
     */
    public static RebuildResult rebuild(Manifest manifest, int stripe, Set<Integer> targets, FragmentSource source,
            Executor codecExecutor) throws IOException {
        StripeRebuild rebuild = rebuilding(manifest, stripe, targets);
        for (List<Integer> needed = rebuild.sourcesNeeded(); !needed.isEmpty(); needed = rebuild.sourcesNeeded()) {
            for (int index : needed) {
                try {
                    Optional<byte[]> bytes = source.fetch(rebuild.cidOf(index));
                    if (bytes.isPresent()) {
                        rebuild.offer(index, bytes.get());
                    } else {
                        rebuild.missing(index, "not found");
                    }
                } catch (IOException e) {
                    if (e instanceof FragmentSource.CorruptAtSource) {
                        rebuild.corrupt(index, e.getMessage());
                    } else {
                        rebuild.missing(index, "unreadable: " + e.getMessage());
                    }
                }
            }
        }
        return Workers.await(Workers.supply(codecExecutor, rebuild::rebuild));
    }

    /** {@link #rebuild(Manifest, int, Set, FragmentSource, Executor)} with reconstruction on the calling thread. */
    public static RebuildResult rebuild(Manifest manifest, int stripe, Set<Integer> targets, FragmentSource source)
            throws IOException {
        return rebuild(manifest, stripe, targets, source, Runnable::run);
    }

    /**
     * The shared, thread-safe erasure code of a geometry: for planners that ask what a stripe can still
     * lose or which fragments a repair would read (the JHMM), without producing any bytes.
     */
    public static ErasureCode code(CodecSpec spec) {
        return ErasureCodes.of(spec);
    }

    /** Which GF(2^8) kernel this JVM runs ({@code vector} or {@code scalar}), for diagnostics. */
    public static String codecKernel() {
        return dev.kwam.codec.gf.GfKernelsProvider.get().name();
    }
}
