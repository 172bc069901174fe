package dev.kwam.node.maintenance;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An operator's mark on a node, as consensus keeps it: what, since when, by whom. A node without one is in service. */
public record NodeMark(State state, Instant at, String by) {

    /** What a mark means for placement: none of them receives new fragments. */
    public enum State {
        /** No new fragments; everything it holds stays and is served. Reversible with uncordon. */
        CORDONED,
        /** Being emptied: its fragments are re-placed elsewhere. */
        DRAINING,
        /** Emptied: it holds nothing the fleet needs and may be stopped. */
        DRAINED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> of(String word) {
            return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
        }
    }

    public NodeMark {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }
}
