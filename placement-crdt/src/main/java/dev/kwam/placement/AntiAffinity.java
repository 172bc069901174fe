package dev.kwam.placement;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fault-domain levels a stripe is spread over, exactly as a policy's {@code anti_affinity} lists
 * them: <b>smallest domain first</b> ({@code [rack, pdu, spine, az]}; a rack sits inside a pdu, a pdu
 * inside a spine, …; a {@code cell} is one more level at the end). The list gives the nesting; the
 * placer gives the outermost level precedence when levels compete (docs/placement.md, "Priority").
 */
public record AntiAffinity(List<String> levels) {

    public AntiAffinity {
        Objects.requireNonNull(levels, "anti-affinity levels");
        levels = List.copyOf(levels);
        Set<String> seen = new HashSet<>();
        for (String level : levels) {
            if (level.isBlank()) {
                throw new IllegalArgumentException("anti_affinity: a level name is blank (hint: [rack, pdu, spine, az])");
            }
            if (!seen.add(level)) {
                throw new IllegalArgumentException("anti_affinity " + levels + ": level '" + level
                        + "' is listed twice (hint: list each level once, smallest first)");
            }
        }
    }

    public static AntiAffinity of(String... levels) {
        return new AntiAffinity(List.of(levels));
    }

    public int size() {
        return levels.size();
    }

    @Override
    public String toString() {
        return "anti_affinity " + levels;
    }
}
