package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One stripe as a tree of independently failing components: the fault domains of each listed level
 * (largest at the top) nest the smaller ones, and every fragment sits on its own node at the leaves.
 * A fragment is unreadable while its node or any domain above it is down. Both the closed form and the
 * simulator walk this same tree, so they model the same thing.
 */
final class StripeLayout {

    /** The label of loss events completed by an independent node failure. */
    static final String NODE = "node";

    /** A node or a fault domain: up for {@code mtbfHours} on average, then down for {@code repairHours}. */
    static final class Component {
        final String level;
        final double mtbfHours;
        final double repairHours;
        /** The stripe's fragments this component takes down when it fails. */
        final int fragments;
        /** Index of the first fragment beneath it; the fragments beneath are contiguous. */
        final int firstFragment;
        final List<Component> children;

        Component(String level, double mtbfHours, double repairHours, int firstFragment, int fragments,
                List<Component> children) {
            this.level = level;
            this.mtbfHours = mtbfHours;
            this.repairHours = repairHours;
            this.firstFragment = firstFragment;
            this.fragments = fragments;
            this.children = List.copyOf(children);
        }

        /** Stationary probability of being up (alternating renewal: mean up over mean cycle). */
        double up() {
            return mtbfHours / (mtbfHours + repairHours);
        }

        /** Stationary probability of being down, computed directly rather than as 1 - up() to keep tiny values exact. */
        double down() {
            return repairHours / (mtbfHours + repairHours);
        }

        /** Failures per hour in the long run: one per up-and-down cycle. */
        double failureFrequency() {
            return 1.0 / (mtbfHours + repairHours);
        }

        boolean isNode() {
            return children.isEmpty();
        }
    }

    private final int fragments;
    private final int tolerance;
    private final List<Component> roots;
    private final List<String> levelNames;

    private StripeLayout(int fragments, int tolerance, List<Component> roots, List<String> levelNames) {
        this.fragments = fragments;
        this.tolerance = tolerance;
        this.roots = roots;
        this.levelNames = levelNames;
    }

    /**
     * The stripe of {@code codec} under {@code inputs}. An LRC counts as tolerating its guaranteed r+1
     * losses: patterns it could also survive are not credited, which makes LRC figures pessimistic.
     */
    static StripeLayout of(CodecSpec codec, DurabilityInputs inputs) {
        return of(codec, inputs, inputs.domainLevels());
    }

    /** The same stripe with only the given domain levels (none: independent node loss alone). */
    static StripeLayout of(CodecSpec codec, DurabilityInputs inputs, List<FaultDomainLevel> levels) {
        int n = codec.totalCount();
        double nodeMtbf = DurabilityInputs.hours(inputs.nodeMtbf());
        double nodeMttr = DurabilityInputs.hours(inputs.nodeMttr());
        List<Component> roots = pack(0, n, levels, levels.size() - 1, nodeMtbf, nodeMttr);
        List<String> names = new ArrayList<>();
        names.add(NODE);
        levels.forEach(level -> names.add(level.name()));
        return new StripeLayout(n, codec.guaranteedTolerance(), List.copyOf(roots), List.copyOf(names));
    }

    // Fills domains of the level `fragmentsPerDomain` at a time, left to right, then does the same inside
    // each domain with the next smaller level: fragment i keeps its place when the stripe grows.
    private static List<Component> pack(int first, int count, List<FaultDomainLevel> levels, int levelIndex,
            double nodeMtbf, double nodeMttr) {
        List<Component> out = new ArrayList<>();
        if (levelIndex < 0) {
            for (int i = 0; i < count; i++) {
                out.add(new Component(NODE, nodeMtbf, nodeMttr, first + i, 1, List.of()));
            }
            return out;
        }
        FaultDomainLevel level = levels.get(levelIndex);
        double mtbf = DurabilityInputs.hours(level.mtbf());
        double recovery = DurabilityInputs.hours(level.recovery());
        for (int start = first; start < first + count; start += level.fragmentsPerDomain()) {
            int size = Math.min(level.fragmentsPerDomain(), first + count - start);
            out.add(new Component(level.name(), mtbf, recovery, start, size,
                    pack(start, size, levels, levelIndex - 1, nodeMtbf, nodeMttr)));
        }
        return out;
    }

    int fragments() {
        return fragments;
    }

    /** The most fragments that may be unreadable at once with the stripe still recoverable. */
    int tolerance() {
        return tolerance;
    }

    /** The top-level components; a virtual always-up root sits above them. */
    List<Component> roots() {
        return roots;
    }

    /** "node" first, then the domain levels smallest first. */
    List<String> levelNames() {
        return levelNames;
    }

    /** Every component, parents before children. */
    List<Component> components() {
        List<Component> all = new ArrayList<>();
        List<Component> frontier = new ArrayList<>(roots);
        while (!frontier.isEmpty()) {
            Component c = frontier.remove(frontier.size() - 1);
            all.add(c);
            frontier.addAll(c.children);
        }
        return all;
    }
}
