package dev.kwam.codec;

import dev.kwam.codec.manifest.Manifest;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * recover: workers fetch, verify and (when fragments are lost) rebuild stripes; the caller's
 * thread writes them in order and hashes the object. A stripe reaches the caller's stream only
 * after every one of its bytes was verified; after the first failed stripe nothing more is
 * written, but the remaining stripes are still examined so the error lists every failure at once.
 */
final class RecoverPipeline {
    private RecoverPipeline() {
    }

    static RecoveryResult run(Manifest manifest, FragmentSource source, OutputStream out, TrustedKeys trust,
            RecoverOptions options) throws IOException {
        trust.require(manifest);
        StripeReader reader = new StripeReader(manifest, ErasureCodes.of(manifest.codec()), source);
        MessageDigest objectSha = Cid.sha256();
        List<FragmentProblem> problems = new ArrayList<>();
        List<StripeFailure> failures = new ArrayList<>();
        ArrayDeque<CompletableFuture<StripeReader.Outcome>> inFlight = new ArrayDeque<>();
        int stripes = manifest.chunks().size();
        int window = 2 * options.parallelism();
        long written = 0;
        try (Workers workers = Workers.of(options.executor(), options.parallelism())) {
            int submitted = 0;
            for (int done = 0; done < stripes; done++) {
                while (submitted < stripes && inFlight.size() < window) {
                    int stripe = submitted++;
                    inFlight.add(workers.submit(() -> reader.rebuild(stripe)));
                }
                StripeReader.Outcome outcome = Workers.await(inFlight.poll());
                if (outcome instanceof StripeReader.Unrecoverable unrecoverable) {
                    failures.add(unrecoverable.failure());
                } else if (outcome instanceof StripeReader.Rebuilt stripe) {
                    problems.addAll(stripe.problems());
                    if (failures.isEmpty()) {
                        written += write(stripe, out, objectSha);
                        options.progress().accept(written);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new RecoveryException("cannot recover object " + manifest.objectCid() + " (manifest " + manifest.cid()
                    + "): " + failures.size() + " of " + stripes + " stripe(s) lack enough good fragments", failures);
        }
        Cid recovered = Cid.ofDigest(objectSha.digest());
        if (!recovered.equals(manifest.objectCid())) {
            throw new RecoveryException("the recovered bytes hash to " + recovered + " but manifest " + manifest.cid()
                    + " promises object " + manifest.objectCid() + ": discard the output", List.of());
        }
        out.flush();
        return new RecoveryResult(manifest.cid(), manifest.objectCid(), written, trust.checksSigner(), problems);
    }

    private static long write(StripeReader.Rebuilt stripe, OutputStream out, MessageDigest objectSha) throws IOException {
        byte[][] shards = stripe.shards();
        int shardSize = shards[0].length;
        int left = stripe.length();
        for (int i = 0; left > 0; i++) {
            int n = Math.min(shardSize, left);
            out.write(shards[i], 0, n);
            objectSha.update(shards[i], 0, n);
            left -= n;
        }
        return stripe.length();
    }
}
