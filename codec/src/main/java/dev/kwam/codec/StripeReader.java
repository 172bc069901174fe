package dev.kwam.codec;

import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one stripe's fragments from a source and trusts none of them: each must hash to the cid
 * the signed manifest lists and its header must agree with the manifest. Rebuilt fragments go
 * through the same gate (SHA-256 of the rebuilt payload, header re-derived, cid compared).
 */
final class StripeReader {
    private final Manifest manifest;
    private final ErasureCode code;
    private final FragmentSource source;

    StripeReader(Manifest manifest, ErasureCode code, FragmentSource source) {
        this.manifest = manifest;
        this.code = code;
        this.source = source;
    }

    /** A rebuilt stripe, or the reason it could not be rebuilt. */
    sealed interface Outcome permits Rebuilt, Unrecoverable {
    }

    /** A stripe rebuilt and gated: its data shards, and the fragments that could not be used on the way. */
    record Rebuilt(int stripe, byte[][] shards, int length, List<FragmentProblem> problems) implements Outcome {
    }

    record Unrecoverable(StripeFailure failure) implements Outcome {
    }

    /** One fragment as fetched: verified against the manifest, or the problem that disqualifies it. */
    private sealed interface Fetched permits Verified, Refused {
    }

    private record Verified(Fragment fragment) implements Fetched {
    }

    private record Refused(FragmentProblem problem) implements Fetched {
    }

    /** Checks every fragment of a stripe; decodes nothing. */
    StripeHealth health(int stripe) {
        ChunkEntry entry = manifest.chunks().get(stripe);
        MessageDigest sha = Cid.sha256();
        boolean[] present = new boolean[code.totalCount()];
        List<FragmentStatus> statuses = new ArrayList<>(code.totalCount());
        for (int i = 0; i < code.totalCount(); i++) {
            Cid cid = entry.fragments().get(i);
            if (fetch(stripe, i, sha) instanceof Refused refused) {
                FragmentProblem p = refused.problem();
                statuses.add(new FragmentStatus(i, cid, p.state(), p.reason()));
            } else {
                present[i] = true;
                statuses.add(new FragmentStatus(i, cid, FragmentState.OK, ""));
            }
        }
        return new StripeHealth(stripe, code.dataCount(), code.isRecoverable(present), statuses);
    }

    /**
     * Fetches data fragments first (no decode needed when all are good), then parity in order
     * (an LRC's local parities come first) until the present set can rebuild the stripe.
     */
    Outcome rebuild(int stripe) {
        ChunkEntry entry = manifest.chunks().get(stripe);
        int n = code.totalCount();
        MessageDigest sha = Cid.sha256();
        byte[][] shards = new byte[n][];
        boolean[] present = new boolean[n];
        List<FragmentProblem> problems = new ArrayList<>();
        int next = 0;
        for (; next < code.dataCount(); next++) {
            take(stripe, next, sha, shards, present, problems);
        }
        while (!code.isRecoverable(present) && next < n) {
            take(stripe, next++, sha, shards, present, problems);
        }
        int good = count(present);
        if (!code.isRecoverable(present)) {
            return failed(stripe, good, problems);
        }
        if (!allData(present)) {
            for (int i = 0; i < n; i++) {
                if (!present[i]) {
                    shards[i] = new byte[entry.shardSize()];
                }
            }
            code.reconstruct(shards, present, 0, entry.shardSize());
            for (int i = 0; i < code.dataCount(); i++) {
                if (!present[i] && !gate(stripe, i, shards[i], entry, sha)) {
                    problems.add(new FragmentProblem(stripe, i, entry.fragments().get(i), FragmentState.CORRUPT,
                            "rebuilt from the other fragments, it does not hash to the manifest's cid: the sources disagree"));
                    return failed(stripe, good, problems);
                }
            }
        }
        return new Rebuilt(stripe, shards, entry.length(), problems);
    }

    /** Every fragment was fetched by now, so {@code problems} names each one that is missing or corrupt. */
    private Outcome failed(int stripe, int good, List<FragmentProblem> problems) {
        return new Unrecoverable(new StripeFailure(stripe, code.dataCount(), good, problems));
    }

    private void take(int stripe, int index, MessageDigest sha, byte[][] shards, boolean[] present,
            List<FragmentProblem> problems) {
        Fetched got = fetch(stripe, index, sha);
        if (got instanceof Verified verified) {
            Fragment f = verified.fragment();
            byte[] payload = new byte[f.payloadLength()];
            f.copyPayload(payload, 0);
            shards[index] = payload;
            present[index] = true;
        } else if (got instanceof Refused refused) {
            problems.add(refused.problem());
        }
    }

    private Fetched fetch(int stripe, int index, MessageDigest sha) {
        ChunkEntry entry = manifest.chunks().get(stripe);
        Cid cid = entry.fragments().get(index);
        Optional<byte[]> bytes;
        try {
            bytes = source.fetch(cid);
        } catch (IOException e) {
            if (e instanceof FragmentSource.CorruptAtSource) {
                return refused(stripe, index, cid, FragmentState.CORRUPT, e.getMessage());
            }
            return refused(stripe, index, cid, FragmentState.MISSING, "unreadable: " + e.getMessage());
        }
        if (bytes.isEmpty()) {
            return refused(stripe, index, cid, FragmentState.MISSING, "not found");
        }
        try {
            Fragment f = Fragment.parseVerified(bytes.get(), cid, sha);
            String disagreement = disagreement(f.header(), stripe, index, entry);
            if (disagreement != null) {
                return refused(stripe, index, cid, FragmentState.CORRUPT, disagreement);
            }
            return new Verified(f);
        } catch (FragmentFormatException e) {
            return refused(stripe, index, cid, FragmentState.CORRUPT, e.getMessage());
        }
    }

    private static Refused refused(int stripe, int index, Cid cid, FragmentState state, String reason) {
        return new Refused(new FragmentProblem(stripe, index, cid, state, reason));
    }

    /** A header that hashes right but describes another stripe means the manifest itself is inconsistent. */
    private String disagreement(FragmentHeader h, int stripe, int index, ChunkEntry entry) {
        if (!h.codec().equals(manifest.codec()) || h.fragmentIndex() != index || h.payloadLength() != entry.shardSize()
                || h.chunkLength() != entry.length() || !h.chunkCid().equals(entry.chunkCid())) {
            return "its header (" + h + ") disagrees with the manifest's stripe " + stripe + " fragment " + index;
        }
        return null;
    }

    /** The SHA-gate for a rebuilt shard: re-derive its header and compare the cid with the manifest's. */
    private boolean gate(int stripe, int index, byte[] payload, ChunkEntry entry, MessageDigest sha) {
        sha.reset();
        sha.update(payload, 0, entry.shardSize());
        FragmentHeader header = new FragmentHeader(manifest.codec(), index, stripe, entry.length(), entry.shardSize(),
                entry.chunkCid(), sha.digest());
        return header.cid().equals(entry.fragments().get(index));
    }

    private boolean allData(boolean[] present) {
        for (int i = 0; i < code.dataCount(); i++) {
            if (!present[i]) {
                return false;
            }
        }
        return true;
    }

    private static int count(boolean[] present) {
        int c = 0;
        for (boolean p : present) {
            c += p ? 1 : 0;
        }
        return c;
    }
}
