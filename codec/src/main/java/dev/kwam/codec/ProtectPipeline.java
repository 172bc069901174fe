package dev.kwam.codec;

import dev.kwam.codec.chunk.ChunkReader;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * protect: the caller's thread cuts chunks and splits them into shards; one ordered lane hashes the
 * object (a SHA-256 stream cannot be split, but it need not wait for the chunker); workers hash each
 * chunk, encode its stripe, seal and store its fragments. At most
 * {@code 2 x parallelism} stripes are in flight, which bounds memory at about
 * {@code 2 x parallelism x (k+m)/k x chunk max}.
 */
final class ProtectPipeline {
    private static final byte[] UNSEALED = new byte[Cid.DIGEST_BYTES];

    private ProtectPipeline() {
    }

    static Manifest run(InputStream in, ProtectOptions options, FragmentSink sink) throws IOException {
        CodecSpec spec = options.codec();
        ErasureCode code = ErasureCodes.of(spec);
        MessageDigest objectSha = Cid.sha256();
        List<ChunkEntry> entries = new ArrayList<>();
        ArrayDeque<Stripe> inFlight = new ArrayDeque<>();
        int window = 2 * options.parallelism();
        byte[] chunk = new byte[options.chunker().max()];
        long consumed = 0;
        try (Workers workers = Workers.of(options.executor(), options.parallelism(), options.ioExecutor());
                ChunkReader reader = new ChunkReader(new KeepOpen(in), options.chunker())) {
            CompletableFuture<Void> hashed = CompletableFuture.completedFuture(null);
            int stripe = 0;
            for (int length = reader.next(chunk); length >= 0; length = reader.next(chunk)) {
                if (length == 0) {
                    continue;
                }
                byte[][] shards = split(chunk, length, spec);
                int index = stripe++;
                int chunkLength = length;
                // Data shards are never written after split, so hashing them races with nothing.
                hashed = workers.then(hashed, () -> hashData(objectSha, shards, chunkLength));
                inFlight.add(new Stripe(workers.submit(() -> encodeStripe(code, index, chunkLength, shards, sink, workers))
                        .thenCompose(stored -> stored), hashed));
                consumed += length;
                options.progress().accept(consumed);
                if (inFlight.size() >= window) {
                    entries.add(awaitOrCancel(inFlight));
                }
            }
            while (!inFlight.isEmpty()) {
                entries.add(awaitOrCancel(inFlight));
            }
        }
        return Manifest.sign(spec, options.chunker().min(), options.chunker().avg(), options.chunker().max(), consumed,
                Cid.ofDigest(objectSha.digest()), entries, options.signingKey());
    }

    /** One stripe in flight: its encoding, and the object hash up to and including it. */
    private record Stripe(CompletableFuture<ChunkEntry> entry, CompletableFuture<Void> hashed) {
    }

    private static ChunkEntry awaitOrCancel(ArrayDeque<Stripe> inFlight) throws IOException {
        Stripe next = inFlight.poll();
        try {
            Workers.await(next.hashed());
            return Workers.await(next.entry());
        } catch (IOException | RuntimeException e) {
            inFlight.forEach(s -> s.entry().cancel(true));
            throw e;
        }
    }

    private static void hashData(MessageDigest sha, byte[][] shards, int length) {
        int shardSize = shards[0].length;
        for (int i = 0, left = length; left > 0; i++, left -= shardSize) {
            sha.update(shards[i], 0, Math.min(shardSize, left));
        }
    }

    /** The caller owns the stream: protect reads it to the end but leaves closing it to them. */
    private static final class KeepOpen extends java.io.FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    /** Copies a chunk into k data shards of ceil(length/k) bytes (the tail zero-padded) plus m empty parity shards. */
    private static byte[][] split(byte[] chunk, int length, CodecSpec spec) {
        int k = spec.dataCount();
        int shardSize = ChunkEntry.shardSizeFor(length, k);
        byte[][] shards = new byte[spec.totalCount()][shardSize];
        for (int i = 0, at = 0; i < k && at < length; i++, at += shardSize) {
            System.arraycopy(chunk, at, shards[i], 0, Math.min(shardSize, length - at));
        }
        return shards;
    }

    /** Encodes and seals on a codec thread; the stripe is done when every fragment's put has returned. */
    private static CompletableFuture<ChunkEntry> encodeStripe(ErasureCode code, int stripe, int length, byte[][] shards,
            FragmentSink sink, Workers workers) {
        CodecSpec spec = code.spec();
        int shardSize = shards[0].length;
        MessageDigest sha = Cid.sha256();
        hashData(sha, shards, length);
        Cid chunkCid = Cid.ofDigest(sha.digest());
        code.encode(shards, 0, shardSize);
        List<Cid> fragments = new ArrayList<>(spec.totalCount());
        CompletableFuture<?>[] stored = new CompletableFuture<?>[spec.totalCount()];
        for (int i = 0; i < spec.totalCount(); i++) {
            FragmentHeader header = new FragmentHeader(spec, i, stripe, length, shardSize, chunkCid, UNSEALED);
            Fragment fragment = Fragment.seal(header, shards[i], sha);
            stored[i] = workers.io(() -> {
                sink.put(fragment);
                return null;
            });
            fragments.add(fragment.cid());
        }
        ChunkEntry entry = new ChunkEntry(chunkCid, length, shardSize, fragments);
        return CompletableFuture.allOf(stored).thenApply(done -> entry);
    }
}
