package dev.kwam.codec.lrc;

import dev.kwam.codec.CodecSpec.LrcSpec;

/**
 * Where each shard of an LRC stripe sits, as {@link LrcSpec} fixes it: data 0..k-1 in l contiguous
 * groups of k/l, group g's local parity at k+g, global parity j at k+l+j.
 */
record ShardLayout(LrcSpec spec) {

    int data() {
        return spec.dataCount();
    }

    int groups() {
        return spec.localGroups();
    }

    int globals() {
        return spec.globalParities();
    }

    int total() {
        return spec.totalCount();
    }

    int groupSize() {
        return spec.groupSize();
    }

    boolean isData(int shard) {
        return shard < data();
    }

    boolean isLocalParity(int shard) {
        return shard >= data() && shard < data() + groups();
    }

    boolean isGlobalParity(int shard) {
        return shard >= data() + groups();
    }

    int localParity(int group) {
        return data() + group;
    }

    int globalParity(int index) {
        return data() + groups() + index;
    }

    /** The group of a data shard or local parity. */
    int groupOf(int shard) {
        if (isData(shard)) {
            return shard / groupSize();
        }
        if (isLocalParity(shard)) {
            return shard - data();
        }
        throw new IllegalArgumentException("global parity " + (shard - data() - groups()) + " belongs to no group");
    }

    int firstDataOf(int group) {
        return group * groupSize();
    }

    /** The shard's role in words, for error messages: "data 4 (group 1)", "local parity of group 0". */
    String describe(int shard) {
        if (isData(shard)) {
            return "data " + shard + " (group " + groupOf(shard) + ")";
        }
        if (isLocalParity(shard)) {
            return "local parity of group " + groupOf(shard);
        }
        return "global parity " + (shard - data() - groups());
    }
}
