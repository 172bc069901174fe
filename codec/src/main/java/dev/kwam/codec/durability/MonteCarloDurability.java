package dev.kwam.codec.durability;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.durability.StripeLayout.Component;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An event-driven simulation of the closed form's model, to check the closed form where losses are
 * frequent enough to count (inflated failure rates, small codes). Same tree, same independence; up and
 * down times are exponential (the closed form's long-run rate depends only on their means, so this is no
 * loss of generality for the comparison). Each trial starts every component in its stationary state, so
 * the run estimates the same long-run quantities the closed form computes. Seeded and deterministic.
 */
public final class MonteCarloDurability {

    /** Refuse runs that would take minutes: the simulator is a cross-check, not a certifier. */
    static final double MAX_EXPECTED_EVENTS = 2e8;

    private MonteCarloDurability() {
    }

    /** Simulates {@code trials} missions of one stripe of {@code codec} under {@code inputs}. */
    public static SimulatedDurability simulate(CodecSpec codec, DurabilityInputs inputs, int trials, long seed) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(inputs, "inputs");
        if (trials < 1) {
            throw new IllegalArgumentException("simulate at least 1 trial, got " + trials);
        }
        StripeLayout layout = StripeLayout.of(codec, inputs);
        List<Component> components = layout.components();
        double missionHours = inputs.missionHours();
        double expectedEvents = 2.0 * trials * missionHours
                * components.stream().mapToDouble(Component::failureFrequency).sum();
        if (expectedEvents > MAX_EXPECTED_EVENTS) {
            throw new IllegalArgumentException(String.format(
                    "about %.2g events to simulate (limit %.0g): fewer trials, a shorter mission or slower failures", expectedEvents,
                    MAX_EXPECTED_EVENTS));
        }

        Trial trial = new Trial(layout, components, missionHours);
        SplittableRandom random = new SplittableRandom(seed);
        long events = 0;
        double sumSquares = 0;
        int trialsWithLoss = 0;
        double lostHours = 0;
        for (int i = 0; i < trials; i++) {
            trial.run(random);
            events += trial.entries;
            sumSquares += (double) trial.entries * trial.entries;
            lostHours += trial.lostHours;
            if (trial.everLost) {
                trialsWithLoss++;
            }
        }
        return summarise(inputs, trials, events, sumSquares, trialsWithLoss, lostHours / (trials * missionHours));
    }

    private static SimulatedDurability summarise(DurabilityInputs inputs, int trials, long events, double sumSquares,
            int trialsWithLoss, double lostFraction) {
        double missionYears = inputs.missionHours() / DurabilityInputs.hours(DurabilityInputs.ONE_YEAR);
        double mean = (double) events / trials;
        // Batch means: each trial is one batch, so clustered re-entries show up as variance between trials.
        // Never narrower than Poisson; with no losses at all, the 99% Poisson upper bound -ln(0.01) events.
        double variance = trials > 1 ? Math.max(0, (sumSquares - trials * mean * mean) / (trials - 1)) : mean;
        double halfWidth = SimulatedDurability.Z99 * Math.sqrt(Math.max(variance, mean) / trials);
        double low = Math.max(0, mean - halfWidth);
        double high = events == 0 ? -Math.log(0.01) / trials : mean + halfWidth;

        double perYear = mean / missionYears;
        double lowPerYear = low / missionYears;
        double highPerYear = high / missionYears;
        double[] firstLoss = wilson(trialsWithLoss, trials);
        return new SimulatedDurability(trials, trials * missionYears, events, perYear, lowPerYear, highPerYear, lostFraction,
                objectLoss(inputs, lostFraction, perYear), objectLoss(inputs, lostFraction, lowPerYear),
                objectLoss(inputs, lostFraction, highPerYear), (double) trialsWithLoss / trials, firstLoss[0], firstLoss[1]);
    }

    private static double objectLoss(DurabilityInputs inputs, double lostFraction, double perYear) {
        double perHour = perYear / DurabilityInputs.hours(DurabilityInputs.ONE_YEAR);
        long s = inputs.stripesPerObject();
        return Math.min(1.0, -Math.expm1(s * Math.log1p(-Math.min(lostFraction, 1.0)) - s * perHour * inputs.missionHours()));
    }

    /** Wilson score interval at 99%: well behaved at 0 and near 1, unlike the normal approximation. */
    private static double[] wilson(int successes, int trials) {
        double z2 = SimulatedDurability.Z99 * SimulatedDurability.Z99;
        double phat = (double) successes / trials;
        double centre = (phat + z2 / (2 * trials)) / (1 + z2 / trials);
        double half = SimulatedDurability.Z99 / (1 + z2 / trials)
                * Math.sqrt(phat * (1 - phat) / trials + z2 / (4.0 * trials * trials));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** One mission: mutable scratch state reused across trials. */
    private static final class Trial {
        private final List<Component> components;
        private final int tolerance;
        private final double missionHours;
        private final boolean[] down;
        /** Per fragment: how many of its components (its node, the domains above it) are down. */
        private final int[] downCauses;
        private int unreadable;
        long entries;
        double lostHours;
        boolean everLost;

        Trial(StripeLayout layout, List<Component> components, double missionHours) {
            this.components = components;
            this.tolerance = layout.tolerance();
            this.missionHours = missionHours;
            this.down = new boolean[components.size()];
            this.downCauses = new int[layout.fragments()];
        }

        void run(SplittableRandom random) {
            java.util.Arrays.fill(downCauses, 0);
            unreadable = 0;
            entries = 0;
            lostHours = 0;
            for (int i = 0; i < down.length; i++) {
                down[i] = false;
                if (random.nextDouble() < components.get(i).down()) {
                    toggle(i);
                }
            }
            everLost = unreadable > tolerance;
            double now = 0;
            while (true) {
                double total = 0;
                for (int i = 0; i < down.length; i++) {
                    total += rate(i);
                }
                double next = now - Math.log(1.0 - random.nextDouble()) / total;
                double until = Math.min(next, missionHours);
                if (unreadable > tolerance) {
                    lostHours += until - now;
                }
                if (next >= missionHours) {
                    return;
                }
                now = next;
                boolean wasLost = unreadable > tolerance;
                toggle(pick(random.nextDouble() * total));
                if (!wasLost && unreadable > tolerance) {
                    entries++;
                    everLost = true;
                }
            }
        }

        private double rate(int i) {
            Component c = components.get(i);
            return down[i] ? 1.0 / c.repairHours : 1.0 / c.mtbfHours;
        }

        private int pick(double target) {
            double running = 0;
            for (int i = 0; i < down.length; i++) {
                running += rate(i);
                if (target < running) {
                    return i;
                }
            }
            return down.length - 1;
        }

        private void toggle(int i) {
            Component c = components.get(i);
            down[i] = !down[i];
            for (int f = c.firstFragment; f < c.firstFragment + c.fragments; f++) {
                if (down[i]) {
                    if (downCauses[f]++ == 0) {
                        unreadable++;
                    }
                } else if (--downCauses[f] == 0) {
                    unreadable--;
                }
            }
        }
    }
}
