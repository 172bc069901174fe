package dev.kwam.node.heal;

import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.StoreException;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other half of a scrub: the scrubber re-hashes what the store holds; this finds what the census says
 * the store holds and it does not — a disk replaced or wiped under a node that came back under its old name,
 * files removed by hand. Each such fragment is reported to the JHMM, which rebuilds it: as corrupt when
 * its copy sits in this node's quarantine (a finding whose first report was lost, e.g. while the JHMM moved),
 * else as missing. A report that raced a repair moving the slot elsewhere is harmless: the JHMM applies a
 * finding only to the slot as the census shows it then.
 */
public final class MissingFragments {
    private static final Logger LOG = LoggerFactory.getLogger(MissingFragments.class);

    /** A fragment the census places here, OK, whose file this node does not hold ({@code corrupt}: it is quarantined). */
    public record Missing(StripeEntry stripe, FragmentSlot slot, boolean corrupt) {
    }

    /** Where a missing fragment is reported: the stripe, its index, this node. */
    @FunctionalInterface
    public interface Report {
        void missing(Missing missing);
    }

    private final String self;
    private final FragmentStore store;
    private final CensusQuestions census;
    private final Executor io;
    private final Report report;

    public MissingFragments(String self, FragmentStore store, CensusQuestions census, Executor io, Report report) {
        this.self = self;
        this.store = store;
        this.census = census;
        this.io = io;
        this.report = report;
    }

    /** Compares the census's slots on this node with the store, reports what is missing, answers how many. */
    public CompletionStage<Integer> audit() {
        return census.<Census.Stripes>ask(r -> new Census.ScanStripes(Set.of(self), Set.of(), r))
                .thenApplyAsync(found -> {
                    List<Missing> missing = missing(found.found().values(), self, store);
                    missing.forEach(m -> {
                        LOG.warn("audit: the census places fragment {} of stripe {} ({}) on this node, which does not hold it{}: "
                                + "reporting it", m.slot().index(), m.stripe().stripe(), m.slot().fragment(),
                                m.corrupt() ? " (its copy is in quarantine)" : "");
                        report.missing(m);
                    });
                    return missing.size();
                }, io);
    }

    static List<Missing> missing(Iterable<StripeEntry> stripes, String self, FragmentStore store) {
        List<Missing> out = new ArrayList<>();
        for (StripeEntry entry : stripes) {
            for (FragmentSlot slot : entry.slots()) {
                if (slot.node().equals(self) && slot.state() == SlotState.OK && !store.holds(slot.fragment())) {
                    out.add(new Missing(entry, slot, quarantined(store, slot)));
                }
            }
        }
        return out;
    }

    private static boolean quarantined(FragmentStore store, FragmentSlot slot) {
        try {
            return store.quarantined(slot.fragment());
        } catch (StoreException e) {
            LOG.warn("audit: the quarantine could not be listed ({}); reporting {} missing", e.error().describe(),
                    slot.fragment());
            return false;
        }
    }
}
