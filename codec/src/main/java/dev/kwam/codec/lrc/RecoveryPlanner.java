package dev.kwam.codec.lrc;

import dev.kwam.codec.UnrecoverableStripeException;
import dev.kwam.codec.gf.GfCoder;
import dev.kwam.codec.gf.GfKernels;
import dev.kwam.codec.gf.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a pattern of present shards into the linear combinations that rebuild the missing ones.
 *
 * <p>Present shards enter the span in shard order: data, then local parities, then globals. So
 * the decoder leans on cheap equations first, a missing data shard whose group is otherwise intact
 * comes out as the XOR of that group, and a global parity is read only when nothing local will do.
 */
final class RecoveryPlanner {
    private final ShardLayout layout;
    private final Matrix generator;
    private final GfKernels kernels;

    RecoveryPlanner(ShardLayout layout, Matrix generator, GfKernels kernels) {
        this.layout = layout;
        this.generator = generator;
        this.kernels = kernels;
    }

    RecoveryPlan plan(boolean[] present) {
        ShardSpan span = spanOf(present);
        if (span.rank() < layout.data()) {
            return new RecoveryPlan.Refusal(LossExplanation.refusal(layout, present));
        }
        List<Integer> missing = new ArrayList<>();
        List<byte[]> recipes = new ArrayList<>();
        for (int s = 0; s < layout.total(); s++) {
            if (!present[s]) {
                missing.add(s);
                recipes.add(span.express(s).orElseThrow(() -> new IllegalStateException(
                        "rank k spans every shard, yet a shard was not expressible")));
            }
        }
        return new RecoveryPlan.Rebuild(coders(missing, recipes));
    }

    /**
     * The present shards read to rebuild {@code target}: its local group when intact, else the
     * shards the span's combination for it actually uses (nonzero coefficients only).
     */
    int[] sources(int target, boolean[] present) {
        boolean[] others = present.clone();
        others[target] = false;
        Optional<int[]> group = intactGroup(target, others);
        if (group.isPresent()) {
            return group.get();
        }
        byte[] recipe = spanOf(others).express(target).orElseThrow(() -> new UnrecoverableStripeException(
                layout.spec() + ": cannot rebuild shard " + target + " = " + layout.describe(target)
                        + ": it is not a combination of the present shards " + LossExplanation.indexes(others, true)
                        + " (" + LossExplanation.reason(layout, others) + ")"));
        return nonZero(recipe);
    }

    /** Rebuilds exactly {@code targets}, each from the shards {@link #sources} names for it. */
    RecoveryPlan targeted(int[] targets, boolean[] present) {
        List<Integer> outputs = new ArrayList<>(targets.length);
        List<byte[]> recipes = new ArrayList<>(targets.length);
        for (int target : targets) {
            int[] sources = sources(target, present); // throws, with the reason, when the target is out of reach
            boolean[] others = present.clone();
            others[target] = false;
            byte[] recipe;
            if (intactGroup(target, others).isPresent()) {
                // Local parities are the plain XOR of their group (LrcGenerator): every coefficient is one.
                recipe = new byte[layout.total()];
                for (int s : sources) {
                    recipe[s] = 1;
                }
            } else {
                recipe = spanOf(others).express(target).orElseThrow();
            }
            outputs.add(target);
            recipes.add(recipe);
        }
        return new RecoveryPlan.Rebuild(coders(outputs, recipes));
    }

    private Optional<int[]> intactGroup(int target, boolean[] others) {
        if (layout.isGlobalParity(target)) {
            return Optional.empty();
        }
        int group = layout.groupOf(target);
        int[] members = new int[layout.groupSize()];
        int count = 0;
        for (int i = layout.firstDataOf(group); i < layout.firstDataOf(group) + layout.groupSize(); i++) {
            if (i != target) {
                members[count++] = i;
            }
        }
        if (target != layout.localParity(group)) {
            members[count++] = layout.localParity(group);
        }
        for (int shard : members) {
            if (!others[shard]) {
                return Optional.empty();
            }
        }
        return Optional.of(members);
    }

    private ShardSpan spanOf(boolean[] present) {
        ShardSpan span = new ShardSpan(generator);
        for (int s = 0; s < layout.total() && span.rank() < layout.data(); s++) {
            if (present[s]) {
                span.add(s);
            }
        }
        return span;
    }

    /** Splits the missing shards into sets that share no source and builds one coder per set. */
    private List<GfCoder> coders(List<Integer> missing, List<byte[]> recipes) {
        int[] component = new int[missing.size()];
        for (int m = 0; m < component.length; m++) {
            component[m] = m;
        }
        for (int a = 0; a < component.length; a++) {
            for (int b = a + 1; b < component.length; b++) {
                if (shareASource(recipes.get(a), recipes.get(b))) {
                    relabel(component, component[b], component[a]);
                }
            }
        }
        List<GfCoder> coders = new ArrayList<>();
        for (int label = 0; label < component.length; label++) {
            List<Integer> members = new ArrayList<>();
            for (int m = 0; m < component.length; m++) {
                if (component[m] == label) {
                    members.add(m);
                }
            }
            if (!members.isEmpty()) {
                coders.add(coder(members, missing, recipes));
            }
        }
        return coders;
    }

    private GfCoder coder(List<Integer> members, List<Integer> missing, List<byte[]> recipes) {
        byte[] used = new byte[layout.total()];
        for (int m : members) {
            byte[] recipe = recipes.get(m);
            for (int s = 0; s < used.length; s++) {
                used[s] |= recipe[s];
            }
        }
        int[] inputs = nonZero(used);
        int[] outputs = new int[members.size()];
        byte[][] rows = new byte[members.size()][inputs.length];
        for (int o = 0; o < outputs.length; o++) {
            outputs[o] = missing.get(members.get(o));
            for (int i = 0; i < inputs.length; i++) {
                rows[o][i] = recipes.get(members.get(o))[inputs[i]];
            }
        }
        return kernels.coder(Matrix.of(rows), inputs, outputs);
    }

    private static boolean shareASource(byte[] a, byte[] b) {
        for (int s = 0; s < a.length; s++) {
            if (a[s] != 0 && b[s] != 0) {
                return true;
            }
        }
        return false;
    }

    private static void relabel(int[] component, int from, int to) {
        for (int m = 0; m < component.length; m++) {
            if (component[m] == from) {
                component[m] = to;
            }
        }
    }

    private static int[] nonZero(byte[] coefficients) {
        int count = 0;
        for (byte c : coefficients) {
            count += c != 0 ? 1 : 0;
        }
        int[] indexes = new int[count];
        for (int s = 0, next = 0; s < coefficients.length; s++) {
            if (coefficients[s] != 0) {
                indexes[next++] = s;
            }
        }
        return indexes;
    }
}
