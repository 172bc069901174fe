package dev.kwam.codec.durability;

import dev.kwam.codec.durability.StripeLayout.Component;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed form: how often, in the long run, a stripe enters the state where more fragments are
 * unreadable than it tolerates, and how likely it is to be in that state at a given moment.
 *
 * <p>The stripe is a monotone system of independent components (nodes and domains), each alternating
 * between up (mean MTBF) and down (mean repair). For such systems the long-run rate of system failures is
 * exact and needs only the means (Ross, <i>Introduction to Probability Models</i>, §9.7; Barlow and
 * Proschan): {@code ν = Σ_c w_c · P(c is critical)}, where {@code w_c = 1/(MTBF_c + repair_c)} is how
 * often c fails and "c is critical" means the other components are in a state where the stripe is still
 * recoverable with c up and lost with c down. Attributing each term to c's level says which kind of
 * failure completes the loss.
 *
 * <p>Down counts are distributions over 0..t with one more bucket for "more than t", built bottom-up:
 * a domain's subtree is all-down with its down probability, otherwise the convolution of its children.
 * Everything is a sum of products of non-negative numbers, so tiny terms (1e-20 and below) keep their
 * relative precision; nothing is computed as a difference of near-equal values.
 */
final class LossFrequency {

    /** Loss events per hour by the level of the failure that completes them ("node", then the domain levels). */
    final Map<String, Double> perHourByTrigger;
    /** Stationary probability that the stripe is unrecoverable at a given moment. */
    final double lostNow;

    private LossFrequency(Map<String, Double> perHourByTrigger, double lostNow) {
        this.perHourByTrigger = perHourByTrigger;
        this.lostNow = lostNow;
    }

    double perHour() {
        return perHourByTrigger.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static LossFrequency of(StripeLayout layout) {
        int t = layout.tolerance();
        Map<String, Double> byTrigger = new LinkedHashMap<>();
        layout.levelNames().forEach(name -> byTrigger.put(name, 0.0));
        Walk walk = new Walk(t, byTrigger);
        double[] whole = walk.visit(layout.roots(), unit(t), 1.0);
        return new LossFrequency(Map.copyOf(byTrigger), whole[t + 1]);
    }

    private static final class Walk {
        private final int t;
        private final Map<String, Double> byTrigger;
        private final Map<Component, double[]> downCounts = new java.util.IdentityHashMap<>();
        private final Map<Component, double[]> innerCounts = new java.util.IdentityHashMap<>();

        Walk(int t, Map<String, Double> byTrigger) {
            this.t = t;
            this.byTrigger = byTrigger;
        }

        /**
         * Adds the critical terms of {@code siblings} and everything beneath them, given the down count
         * {@code outside} of the rest of the stripe when every ancestor is up (probability
         * {@code ancestorsUp}). Returns the down count of the whole stripe for the top call.
         */
        double[] visit(List<Component> siblings, double[] outside, double ancestorsUp) {
            int m = siblings.size();
            double[][] own = new double[m][];
            for (int i = 0; i < m; i++) {
                own[i] = downCount(siblings.get(i));
            }
            // prefix[i] = own[0..i-1], suffix[i] = own[i..m-1]: "all siblings but i" without m^2 convolutions.
            double[][] prefix = new double[m + 1][];
            double[][] suffix = new double[m + 1][];
            prefix[0] = unit(t);
            suffix[m] = unit(t);
            for (int i = 0; i < m; i++) {
                prefix[i + 1] = convolve(prefix[i], own[i]);
            }
            for (int i = m - 1; i >= 0; i--) {
                suffix[i] = convolve(suffix[i + 1], own[i]);
            }
            for (int i = 0; i < m; i++) {
                Component c = siblings.get(i);
                double[] rest = convolve(outside, convolve(prefix[i], suffix[i + 1]));
                double critical = ancestorsUp * criticalGivenUp(c, rest);
                byTrigger.merge(c.level, c.failureFrequency() * critical, Double::sum);
                if (!c.isNode()) {
                    visit(c.children, rest, ancestorsUp * c.up());
                }
            }
            return convolve(outside, prefix[m]);
        }

        // c (up) is critical when the stripe is recoverable now (rest + inside <= t) but would not be with
        // all of c's fragments down (rest + size > t).
        private double criticalGivenUp(Component c, double[] rest) {
            double[] inside = c.isNode() ? unit(t) : innerCounts.get(c);
            double[] insideAtMost = new double[t + 1];
            double running = 0;
            for (int z = 0; z <= t; z++) {
                running += inside[z];
                insideAtMost[z] = running;
            }
            double sum = 0;
            for (int y = Math.max(0, t + 1 - c.fragments); y <= t; y++) {
                sum += rest[y] * insideAtMost[t - y];
            }
            return sum;
        }

        private double[] downCount(Component c) {
            double[] cached = downCounts.get(c);
            if (cached != null) {
                return cached;
            }
            double[] inner;
            if (c.isNode()) {
                inner = unit(t);
            } else {
                inner = unit(t);
                for (Component child : c.children) {
                    inner = convolve(inner, downCount(child));
                }
                innerCounts.put(c, inner);
            }
            double[] result = new double[t + 2];
            double up = c.up();
            for (int i = 0; i < result.length; i++) {
                result[i] = up * inner[i];
            }
            result[Math.min(c.fragments, t + 1)] += c.down();
            downCounts.put(c, result);
            return result;
        }

        private double[] convolve(double[] a, double[] b) {
            double[] out = new double[t + 2];
            for (int i = 0; i < a.length; i++) {
                if (a[i] == 0) {
                    continue;
                }
                for (int j = 0; j < b.length; j++) {
                    out[Math.min(i + j, t + 1)] += a[i] * b[j];
                }
            }
            return out;
        }
    }

    /** Nothing down, with certainty. */
    private static double[] unit(int t) {
        double[] u = new double[t + 2];
        u[0] = 1.0;
        return u;
    }
}
