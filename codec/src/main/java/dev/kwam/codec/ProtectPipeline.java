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
 * protect: the caller's thread reads chunks and hashes the object (one SHA-256 stream cannot be
 * split); workers hash each chunk, encode its stripe, seal and store its fragments. At most
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
        ArrayDeque<CompletableFuture<ChunkEntry>> inFlight = new ArrayDeque<>();
        int window = 2 * options.parallelism();
        byte[] chunk = new byte[options.chunker().max()];
        long consumed = 0;
        try (Workers workers = Workers.of(options.executor(), options.parallelism());
                ChunkReader reader = new ChunkReader(in, options.chunker())) {
            int stripe = 0;
            for (int length = reader.next(chunk); length >= 0; length = reader.next(chunk)) {
                if (length == 0) {
                    continue;
                }
                objectSha.update(chunk, 0, length);
                byte[][] shards = split(chunk, length, spec);
                int index = stripe++;
                int chunkLength = length;
                inFlight.add(workers.submit(() -> encodeStripe(code, index, chunkLength, shards, sink)));
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

    private static ChunkEntry awaitOrCancel(ArrayDeque<CompletableFuture<ChunkEntry>> inFlight) throws IOException {
        try {
            return Workers.await(inFlight.poll());
        } catch (IOException | RuntimeException e) {
            inFlight.forEach(f -> f.cancel(true));
            throw e;
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

    private static ChunkEntry encodeStripe(ErasureCode code, int stripe, int length, byte[][] shards, FragmentSink sink)
            throws IOException {
        CodecSpec spec = code.spec();
        int shardSize = shards[0].length;
        MessageDigest sha = Cid.sha256();
        for (int i = 0, left = length; left > 0; i++, left -= shardSize) {
            sha.update(shards[i], 0, Math.min(shardSize, left));
        }
        Cid chunkCid = Cid.ofDigest(sha.digest());
        code.encode(shards, 0, shardSize);
        List<Cid> fragments = new ArrayList<>(spec.totalCount());
        for (int i = 0; i < spec.totalCount(); i++) {
            FragmentHeader header = new FragmentHeader(spec, i, stripe, length, shardSize, chunkCid, UNSEALED);
            Fragment fragment = Fragment.seal(header, shards[i], sha);
            sink.put(fragment);
            fragments.add(fragment.cid());
        }
        return new ChunkEntry(chunkCid, length, shardSize, fragments);
    }
}
