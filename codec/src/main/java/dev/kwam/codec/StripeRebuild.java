package dev.kwam.codec;

import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuilding some fragments of one stripe, one step at a time, so that a repair actor can fetch
 * sources its own way (network, retries, events) while only the codec produces bytes.
 *
 * <p>The loop: ask {@link #sourcesNeeded()}, fetch those fragments, hand each to {@link #offer} (it
 * is hash-checked against the manifest's cid and its header against the stripe) or report it
 * {@link #missing}; a rejected source is dropped and the next call names a replacement, the LRC
 * local group first when it is intact. When nothing more is needed, {@link #rebuild()} reconstructs the
 * targets, re-seals each with its header and keeps only those whose cid equals the manifest's.
 *
 * <p>Not thread-safe: one owner at a time; {@link #rebuild()} may run on another thread (the codec
 * dispatcher) once the owner has handed it over.
 */
public final class StripeRebuild {
    private final Manifest manifest;
    private final ChunkEntry entry;
    private final ErasureCode code;
    private final int stripe;
    private final Set<Integer> targets;
    /** Fragments not known to be unusable and not targets: what repairSources may choose from. */
    private final boolean[] usable;
    private final TreeMap<Integer, Fragment> held = new TreeMap<>();
    private final List<FragmentProblem> problems = new ArrayList<>();
    private final MessageDigest sha = Cid.sha256();
    private long bytesRead;

    StripeRebuild(Manifest manifest, int stripe, Set<Integer> targets) {
        this.manifest = manifest;
        this.stripe = stripe;
        this.entry = manifest.chunks().get(stripe);
        this.code = ErasureCodes.of(manifest.codec());
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("nothing to rebuild: no target fragment for stripe " + stripe);
        }
        this.usable = new boolean[code.totalCount()];
        java.util.Arrays.fill(usable, true);
        for (int t : targets) {
            if (t < 0 || t >= code.totalCount()) {
                throw new IllegalArgumentException("fragment " + t + " does not exist in a " + manifest.codec() + " stripe");
            }
            usable[t] = false;
        }
        this.targets = Collections.unmodifiableSet(new TreeSet<>(targets));
    }

    public int stripe() {
        return stripe;
    }

    public Set<Integer> targets() {
        return targets;
    }

    /** The cid the manifest promises for fragment {@code index} of this stripe. */
    public Cid cidOf(int index) {
        return entry.fragments().get(index);
    }

    /**
     * The fragments still to fetch before {@link #rebuild()} can run, in index order; empty when
     * every source the code needs is held.
     *
     * @throws RecoveryException when the fragments not yet ruled out cannot rebuild every target; it
     *         lists each source that was missing or corrupt
     */
    public List<Integer> sourcesNeeded() throws RecoveryException {
        TreeSet<Integer> wanted = new TreeSet<>();
        for (int target : targets) {
            try {
                for (int s : code.repairSources(target, usable)) {
                    wanted.add(s);
                }
            } catch (UnrecoverableStripeException e) {
                int good = 0;
                for (boolean u : usable) {
                    good += u ? 1 : 0;
                }
                throw new RecoveryException("cannot rebuild fragment(s) " + targets + " of stripe " + stripe + ": "
                        + e.getMessage(), List.of(new StripeFailure(stripe, code.dataCount(), good, problems)));
            }
        }
        wanted.removeAll(held.keySet());
        return List.copyOf(wanted);
    }

    /**
     * Checks a fetched fragment file against the manifest: its cid and its header. Held when good;
     * otherwise ruled out and returned as the problem (always {@link FragmentState#CORRUPT}).
     */
    public Optional<FragmentProblem> offer(int index, byte[] fragmentFile) {
        checkSource(index);
        bytesRead += fragmentFile.length;
        Cid cid = cidOf(index);
        try {
            Fragment f = Fragment.parseVerified(fragmentFile, cid, sha);
            FragmentHeader h = f.header();
            if (!h.codec().equals(manifest.codec()) || h.fragmentIndex() != index || h.stripeIndex() != stripe
                    || h.payloadLength() != entry.shardSize() || h.chunkLength() != entry.length()
                    || !h.chunkCid().equals(entry.chunkCid())) {
                return Optional.of(ruleOut(index, FragmentState.CORRUPT, "its header (" + h
                        + ") disagrees with the manifest's stripe " + stripe + " fragment " + index));
            }
            held.put(index, f);
            return Optional.empty();
        } catch (FragmentFormatException e) {
            return Optional.of(ruleOut(index, FragmentState.CORRUPT, e.getMessage()));
        }
    }

    /** Rules out a source that could not be had (not found, unreachable, timed out). */
    public FragmentProblem missing(int index, String reason) {
        checkSource(index);
        return ruleOut(index, FragmentState.MISSING, reason);
    }

    /** Rules out a source its holder reported corrupt (a store that verified and quarantined it). */
    public FragmentProblem corrupt(int index, String reason) {
        checkSource(index);
        return ruleOut(index, FragmentState.CORRUPT, reason);
    }

    /** Every source fragment ruled out so far, in the order it happened. */
    public List<FragmentProblem> problems() {
        return List.copyOf(problems);
    }

    /** Bytes of every fragment file offered, good or not: what the repair read over the wire. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Reconstructs every target from the held sources and SHA-gates each: the re-sealed fragment's cid
     * must equal the manifest's. CPU-bound; run it on the codec executor.
     *
     * @throws IllegalStateException when {@link #sourcesNeeded()} would still name something
     */
    public RebuildResult rebuild() throws RecoveryException {
        if (!sourcesNeeded().isEmpty()) {
            throw new IllegalStateException("stripe " + stripe + " still needs sources " + sourcesNeeded());
        }
        int n = code.totalCount();
        int size = entry.shardSize();
        byte[][] shards = new byte[n][];
        byte[] unread = new byte[size]; // present-but-unfetched shards: never read by the targets' combinations
        boolean[] present = usable.clone();
        for (int i = 0; i < n; i++) {
            Fragment f = held.get(i);
            if (f != null) {
                shards[i] = new byte[size];
                f.copyPayload(shards[i], 0);
            } else {
                shards[i] = present[i] ? unread : new byte[size];
            }
        }
        int[] outputs = targets.stream().mapToInt(Integer::intValue).toArray();
        code.reconstructTargets(shards, present, outputs, 0, size);

        List<Fragment> gated = new ArrayList<>(outputs.length);
        List<FragmentProblem> refused = new ArrayList<>();
        for (int target : outputs) {
            FragmentHeader unsealed = new FragmentHeader(manifest.codec(), target, stripe, entry.length(), size,
                    entry.chunkCid(), new byte[Cid.DIGEST_BYTES]);
            Fragment sealed = Fragment.seal(unsealed, shards[target], sha);
            if (sealed.cid().equals(cidOf(target))) {
                gated.add(sealed);
            } else {
                refused.add(new FragmentProblem(stripe, target, cidOf(target), FragmentState.CORRUPT,
                        "rebuilt from fragments " + held.keySet() + ", it hashes to " + sealed.cid()
                                + ", not the manifest's cid: the sources disagree, re-examine them"));
            }
        }
        return new RebuildResult(stripe, gated, refused, List.copyOf(held.keySet()), problems, bytesRead);
    }

    private void checkSource(int index) {
        if (index < 0 || index >= code.totalCount()) {
            throw new IllegalArgumentException("fragment " + index + " does not exist in a " + manifest.codec() + " stripe");
        }
        if (targets.contains(index)) {
            throw new IllegalArgumentException("fragment " + index + " is a target of this rebuild, not a source");
        }
    }

    private FragmentProblem ruleOut(int index, FragmentState state, String reason) {
        usable[index] = false;
        held.remove(index);
        FragmentProblem p = new FragmentProblem(stripe, index, cidOf(index), state, reason);
        problems.add(p);
        return p;
    }
}
