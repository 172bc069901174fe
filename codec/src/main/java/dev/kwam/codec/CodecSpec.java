package dev.kwam.codec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The geometry of a stripe, as recorded in fragment headers and manifests. The text form
 * ({@code rs(10,4)}, {@code lrc(12,2,2)}) is what the CLI, the policy language and the docs use.
 */
public sealed interface CodecSpec permits CodecSpec.ReedSolomonSpec, CodecSpec.LrcSpec {

    /** At most this many shards in one stripe: GF(2^8) has 256 distinct evaluation points. */
    int MAX_SHARDS = 256;

    /** The one-byte code written in fragment headers and manifests. */
    byte id();

    int dataCount();

    int parityCount();

    default int totalCount() {
        return dataCount() + parityCount();
    }

    /** Parity shards beyond which some loss pattern is always fatal (the code's guaranteed tolerance). */
    int guaranteedTolerance();

    /** Reed–Solomon: k data shards, m parity shards; any k of the k+m rebuild the stripe. */
    record ReedSolomonSpec(int dataCount, int parityCount) implements CodecSpec {
        public static final byte ID = 1;

        public ReedSolomonSpec {
            if (dataCount < 1) {
                throw new IllegalArgumentException("rs: data shards must be at least 1, got " + dataCount);
            }
            if (parityCount < 1) {
                throw new IllegalArgumentException("rs: parity shards must be at least 1, got " + parityCount);
            }
            if (dataCount + parityCount > MAX_SHARDS) {
                throw new IllegalArgumentException("rs(" + dataCount + "," + parityCount + "): at most "
                        + MAX_SHARDS + " shards in all, got " + (dataCount + parityCount));
            }
        }

        @Override
        public byte id() {
            return ID;
        }

        @Override
        public int guaranteedTolerance() {
            return parityCount;
        }

        @Override
        public String toString() {
            return "rs(" + dataCount + "," + parityCount + ")";
        }
    }

    /**
     * Azure-style local reconstruction code: k data shards in l equal local groups, one local
     * parity per group, plus r global parities. Shard order: data 0..k-1, local parities k..k+l-1
     * (group g's at k+g), global parities k+l..k+l+r-1.
     */
    record LrcSpec(int dataCount, int localGroups, int globalParities) implements CodecSpec {
        public static final byte ID = 2;

        public LrcSpec {
            if (dataCount < 2) {
                throw new IllegalArgumentException("lrc: data shards must be at least 2, got " + dataCount);
            }
            if (localGroups < 1 || dataCount % localGroups != 0) {
                throw new IllegalArgumentException("lrc(" + dataCount + "," + localGroups + "," + globalParities
                        + "): the local group count must divide the data shards evenly");
            }
            if (globalParities < 0) {
                throw new IllegalArgumentException("lrc: global parities must be at least 0, got " + globalParities);
            }
            if (dataCount + localGroups + globalParities > MAX_SHARDS) {
                throw new IllegalArgumentException("lrc(" + dataCount + "," + localGroups + "," + globalParities
                        + "): at most " + MAX_SHARDS + " shards in all");
            }
        }

        @Override
        public byte id() {
            return ID;
        }

        @Override
        public int parityCount() {
            return localGroups + globalParities;
        }

        public int groupSize() {
            return dataCount / localGroups;
        }

        /** Azure LRC tolerates any r+1 losses. */
        @Override
        public int guaranteedTolerance() {
            return globalParities + 1;
        }

        @Override
        public String toString() {
            return "lrc(" + dataCount + "," + localGroups + "," + globalParities + ")";
        }
    }

    Pattern TEXT = Pattern.compile("(rs|lrc)\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*(?:,\\s*(\\d{1,3})\\s*)?\\)");

    /** Parses {@code rs(k,m)} or {@code lrc(k,l,r)}. */
    static CodecSpec parse(String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a codec: '" + text + "' (expected rs(k,m) or lrc(k,l,r))");
        }
        int a = Integer.parseInt(m.group(2));
        int b = Integer.parseInt(m.group(3));
        if (m.group(1).equals("rs")) {
            if (m.group(4) != null) {
                throw new IllegalArgumentException("rs takes two numbers, rs(k,m): '" + text + "'");
            }
            return new ReedSolomonSpec(a, b);
        }
        if (m.group(4) == null) {
            throw new IllegalArgumentException("lrc takes three numbers, lrc(k,l,r): '" + text + "'");
        }
        return new LrcSpec(a, b, Integer.parseInt(m.group(4)));
    }
}
