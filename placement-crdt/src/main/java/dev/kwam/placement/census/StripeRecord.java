package dev.kwam.placement.census;

import dev.kwam.codec.Cid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One stripe inside a {@link StripeShard}, held compactly because the census keeps millions of them:
 * the slots live in parallel primitive arrays (one 32-byte digest run for all fragment cids, interned
 * node names), not as one object per slot. Measured cost: see "The census" in docs/benchmarks.md.
 *
 * <p>Each slot is a last-writer-wins register ordered by (stamp, writer, then the slot's content), a
 * total order, so merging two records slot by slot is a join: commutative, associative, idempotent.
 * Slots of different indexes never interfere, so concurrent writes of different fragments of one
 * stripe both survive. {@code k} and {@code m} merge by maximum (a writer never changes them; the
 * census refuses a write whose geometry differs from what it holds, and max keeps the merge a join
 * even when two nodes raced different geometries).
 *
 * <p>Immutable; arrays are never exposed or modified after construction.
 */
final class StripeRecord {
    static final int DIGEST = Cid.DIGEST_BYTES;
    private static final SlotState[] STATES = SlotState.values();

    final byte[] stripe;
    final int k;
    final int m;
    /** Slot indexes, ascending, unsigned (0..255). */
    final byte[] indexes;
    /** {@code DIGEST} bytes per slot, in slot order. */
    final byte[] fragments;
    final String[] nodes;
    final byte[] states;
    final long[] stamps;
    final String[] writers;

    StripeRecord(byte[] stripe, int k, int m, byte[] indexes, byte[] fragments, String[] nodes, byte[] states,
            long[] stamps, String[] writers) {
        this.stripe = stripe;
        this.k = k;
        this.m = m;
        this.indexes = indexes;
        this.fragments = fragments;
        this.nodes = nodes;
        this.states = states;
        this.stamps = stamps;
        this.writers = writers;
    }

    /**
     * A write of {@code slots} by {@code writer} at wall-clock {@code now}. Each slot is stamped
     * {@code max(now, stamp this replica already holds for it + 1)}, so a write always supersedes what
     * its writer has seen of that slot even when clocks step backwards.
     */
    static StripeRecord written(Cid stripe, int k, int m, List<FragmentSlot> slots, long now, String writer,
            StripeRecord existing) {
        List<FragmentSlot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingInt(FragmentSlot::index));
        int n = sorted.size();
        byte[] indexes = new byte[n];
        byte[] fragments = new byte[n * DIGEST];
        String[] nodes = new String[n];
        byte[] states = new byte[n];
        long[] stamps = new long[n];
        String[] writers = new String[n];
        String w = Names.intern(writer);
        for (int i = 0; i < n; i++) {
            FragmentSlot s = sorted.get(i);
            indexes[i] = (byte) s.index();
            System.arraycopy(s.fragment().digest(), 0, fragments, i * DIGEST, DIGEST);
            nodes[i] = Names.intern(s.node());
            states[i] = (byte) s.state().ordinal();
            long seen = existing == null ? Long.MIN_VALUE : existing.stampAt(s.index());
            stamps[i] = seen == Long.MIN_VALUE ? now : Math.max(now, seen + 1);
            writers[i] = w;
        }
        return new StripeRecord(stripe.digest(), k, m, indexes, fragments, nodes, states, stamps, writers);
    }

    int size() {
        return indexes.length;
    }

    int indexAt(int i) {
        return indexes[i] & 0xFF;
    }

    /** The stamp held for slot {@code index}, or {@code Long.MIN_VALUE} when it has none. */
    long stampAt(int index) {
        for (int i = 0; i < indexes.length; i++) {
            if (indexAt(i) == index) {
                return stamps[i];
            }
        }
        return Long.MIN_VALUE;
    }

    int compareStripe(byte[] otherStripe) {
        return Arrays.compareUnsigned(stripe, otherStripe);
    }

    StripeRecord merge(StripeRecord that) {
        if (this == that) {
            return this;
        }
        int na = size();
        int nb = that.size();
        int cap = na + nb;
        byte[] idx = new byte[cap];
        byte[] frag = new byte[cap * DIGEST];
        String[] nod = new String[cap];
        byte[] st = new byte[cap];
        long[] stp = new long[cap];
        String[] wr = new String[cap];
        int i = 0;
        int j = 0;
        int n = 0;
        boolean allThis = true;
        boolean allThat = true;
        while (i < na || j < nb) {
            int c = i == na ? 1 : j == nb ? -1 : Integer.compare(indexAt(i), that.indexAt(j));
            StripeRecord from;
            int at;
            if (c < 0) {
                from = this;
                at = i++;
                allThat = false;
            } else if (c > 0) {
                from = that;
                at = j++;
                allThis = false;
            } else {
                int v = compareSlots(this, i, that, j);
                if (v >= 0) {
                    from = this;
                    at = i;
                    allThat &= v == 0;
                } else {
                    from = that;
                    at = j;
                    allThis = false;
                }
                i++;
                j++;
            }
            idx[n] = from.indexes[at];
            System.arraycopy(from.fragments, at * DIGEST, frag, n * DIGEST, DIGEST);
            nod[n] = from.nodes[at];
            st[n] = from.states[at];
            stp[n] = from.stamps[at];
            wr[n] = from.writers[at];
            n++;
        }
        int mk = Math.max(k, that.k);
        int mm = Math.max(m, that.m);
        if (allThis && mk == k && mm == m) {
            return this;
        }
        if (allThat && mk == that.k && mm == that.m) {
            return that;
        }
        return new StripeRecord(stripe, mk, mm, Arrays.copyOf(idx, n), Arrays.copyOf(frag, n * DIGEST),
                Arrays.copyOf(nod, n), Arrays.copyOf(st, n), Arrays.copyOf(stp, n), Arrays.copyOf(wr, n));
    }

    /** The last-writer-wins order of two versions of one slot: positive when a's version wins. */
    static int compareSlots(StripeRecord a, int i, StripeRecord b, int j) {
        int c = Long.compare(a.stamps[i], b.stamps[j]);
        if (c == 0) {
            c = a.writers[i].compareTo(b.writers[j]);
        }
        if (c == 0) {
            c = Byte.compare(a.states[i], b.states[j]);
        }
        if (c == 0) {
            c = a.nodes[i].compareTo(b.nodes[j]);
        }
        if (c == 0) {
            c = Arrays.compareUnsigned(a.fragments, i * DIGEST, (i + 1) * DIGEST, b.fragments, j * DIGEST,
                    (j + 1) * DIGEST);
        }
        return c;
    }

    StripeEntry toEntry() {
        List<FragmentSlot> slots = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            slots.add(new FragmentSlot(indexAt(i), Cid.ofDigest(Arrays.copyOfRange(fragments, i * DIGEST, (i + 1) * DIGEST)),
                    nodes[i], STATES[states[i]]));
        }
        return new StripeEntry(Cid.ofDigest(stripe), k, m, slots);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StripeRecord r && k == r.k && m == r.m && Arrays.equals(stripe, r.stripe)
                && Arrays.equals(indexes, r.indexes) && Arrays.equals(fragments, r.fragments)
                && Arrays.equals(nodes, r.nodes) && Arrays.equals(states, r.states) && Arrays.equals(stamps, r.stamps)
                && Arrays.equals(writers, r.writers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(stripe) + Arrays.hashCode(stamps);
    }

    @Override
    public String toString() {
        return "StripeRecord(" + toEntry() + ", stamps=" + Arrays.toString(stamps) + ")";
    }
}
