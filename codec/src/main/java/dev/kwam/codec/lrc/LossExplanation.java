package dev.kwam.codec.lrc;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Why a pattern of losses cannot be rebuilt, in the terms an operator reasons in: each group's
 * intact local parity rebuilds one of its lost data shards, every other lost data shard needs a
 * surviving global parity.
 */
final class LossExplanation {

    private LossExplanation() {
    }

    /** The data shards that need a global parity, beyond what intact local parities rebuild. */
    static int dataBeyondLocalParities(ShardLayout layout, boolean[] present) {
        int beyond = 0;
        for (int g = 0; g < layout.groups(); g++) {
            int lost = lostDataOf(layout, present, g);
            beyond += Math.max(0, lost - (present[layout.localParity(g)] ? 1 : 0));
        }
        return beyond;
    }

    static int globalsLeft(ShardLayout layout, boolean[] present) {
        int left = 0;
        for (int j = 0; j < layout.globals(); j++) {
            left += present[layout.globalParity(j)] ? 1 : 0;
        }
        return left;
    }

    /** The full refusal: what is missing, why that is too much, and what was present. */
    static String refusal(ShardLayout layout, boolean[] present) {
        return layout.spec() + ": cannot rebuild " + missing(layout, present) + ": " + reason(layout, present)
                + "; present: " + indexes(present, true);
    }

    static String reason(ShardLayout layout, boolean[] present) {
        int beyond = dataBeyondLocalParities(layout, present);
        int left = globalsLeft(layout, present);
        StringJoiner groups = new StringJoiner(", ");
        for (int g = 0; g < layout.groups(); g++) {
            int lost = lostDataOf(layout, present, g);
            boolean local = present[layout.localParity(g)];
            if (lost > (local ? 1 : 0)) {
                groups.add("lost " + lost + " of group " + g + (local ? " with its local parity" : " and its local parity"));
            }
        }
        String globals = left + " global " + (left == 1 ? "parity" : "parities") + " left";
        if (beyond > left) {
            return groups + ", so " + beyond + " data " + (beyond == 1 ? "shard needs" : "shards need")
                    + " a global parity with " + globals;
        }
        return groups + " with " + globals + ": within what local and global parities could cover, but "
                + layout.spec() + "'s global coefficients are linearly dependent on exactly these shards"
                + " (a pattern this code is not maximally recoverable for)";
    }

    private static String missing(ShardLayout layout, boolean[] present) {
        List<String> lost = new ArrayList<>();
        for (int s = 0; s < present.length; s++) {
            if (!present[s]) {
                lost.add(s + " = " + layout.describe(s));
            }
        }
        return "shards [" + String.join(", ", lost) + "]";
    }

    private static int lostDataOf(ShardLayout layout, boolean[] present, int group) {
        int lost = 0;
        for (int i = layout.firstDataOf(group); i < layout.firstDataOf(group) + layout.groupSize(); i++) {
            lost += present[i] ? 0 : 1;
        }
        return lost;
    }

    static String indexes(boolean[] present, boolean value) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (int s = 0; s < present.length; s++) {
            if (present[s] == value) {
                list.add(Integer.toString(s));
            }
        }
        return list.toString();
    }
}
