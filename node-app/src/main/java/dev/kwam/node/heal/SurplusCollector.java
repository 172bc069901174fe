package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentFormatException;
import dev.kwam.jhmm.FragmentFetcher;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.StoreException;
import dev.kwam.node.store.StoredFragment;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes this node's surplus copies: fragment files the census places on another node. They are left by
 * a repair that rebuilt a fragment elsewhere while this node was away (removed from the cluster, then back
 * with its disk), or that moved a crowded copy. Reads never use them (reads follow the census), but they
 * fill the disk.
 *
 * <p>A copy is removed only with proof that the census's holder has it: the census slot at the fragment's
 * index names another node, with the same fragment cid, {@code OK}; that node is live; the copy fetched from
 * it now hashes to the cid; and this file was last written more than {@code minAge} ago — checked under the
 * store's lock at the moment of deletion, because a protect that writes a copy this node already held
 * refreshes its write time and relies on it until its census record lands. A file the census does not know
 * (a protect in flight, or one that failed half-way) is never touched: nothing proves it is surplus.
 *
 * <p>Blocking: runs on the scrubber's I/O thread, one scrub batch at a time.
 */
public final class SurplusCollector {
    private static final Logger LOG = LoggerFactory.getLogger(SurplusCollector.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

    /** A copy this node holds that the census places on {@code holder}. */
    record Surplus(StoredFragment local, String holder) {
    }

    private final String self;
    private final FragmentStore store;
    private final CensusQuestions census;
    private final Supplier<CompletionStage<FleetView>> fleet;
    private final FragmentFetcher fetcher;
    private final Duration minAge;
    private final Clock clock;

    public SurplusCollector(String self, FragmentStore store, CensusQuestions census,
            Supplier<CompletionStage<FleetView>> fleet, FragmentFetcher fetcher, Duration minAge, Clock clock) {
        this.self = self;
        this.store = store;
        this.census = census;
        this.fleet = fleet;
        this.fetcher = fetcher;
        this.minAge = minAge;
        this.clock = clock;
    }

    /** Checks these stored fragments and removes the proven surplus among them; answers how many were removed. */
    public int collect(List<Cid> fragments) {
        Instant writtenBefore = clock.instant().minus(minAge);
        List<StoredFragment> old = new ArrayList<>();
        for (Cid cid : fragments) {
            try {
                store.describe(cid).filter(f -> f.written().isBefore(writtenBefore)).ifPresent(old::add);
            } catch (StoreException e) {
                LOG.warn("surplus check: {} could not be read: {}", cid, e.error().describe());
            }
        }
        if (old.isEmpty()) {
            return 0;
        }
        List<Surplus> surplus;
        try {
            List<Cid> stripes = old.stream().map(f -> f.header().chunkCid()).distinct().toList();
            Map<Cid, StripeEntry> entries = census.<Census.Stripes>ask(r -> new Census.LookupStripes(stripes, r))
                    .toCompletableFuture().get(census.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).found();
            Set<String> live = fleet.get().toCompletableFuture().get(census.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .live();
            surplus = surplus(old, entries, live, self);
        } catch (Exception e) {
            LOG.warn("surplus check skipped for {} fragment(s): the census or the fleet did not answer: {}", old.size(),
                    e.toString());
            return 0;
        }
        int removed = 0;
        for (Surplus s : surplus) {
            if (heldThere(s) && remove(s, writtenBefore)) {
                removed++;
            }
        }
        return removed;
    }

    /** The copies among {@code local} whose census slot names another live node with the same fragment, OK. */
    static List<Surplus> surplus(List<StoredFragment> local, Map<Cid, StripeEntry> census, Set<String> live, String self) {
        List<Surplus> out = new ArrayList<>();
        for (StoredFragment f : local) {
            StripeEntry entry = census.get(f.header().chunkCid());
            if (entry == null) {
                continue;
            }
            for (FragmentSlot slot : entry.slots()) {
                if (slot.index() == f.header().fragmentIndex() && slot.fragment().equals(f.cid())
                        && slot.state() == SlotState.OK && slot.placed() && !slot.node().equals(self)
                        && live.contains(slot.node())) {
                    out.add(new Surplus(f, slot.node()));
                }
            }
        }
        return out;
    }

    private boolean heldThere(Surplus s) {
        try {
            Optional<byte[]> bytes = fetcher.fetch(s.holder(), s.local().cid()).toCompletableFuture()
                    .get(FETCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (bytes.isEmpty()) {
                LOG.warn("surplus check: the census places {} on {}, which does not have it: keeping this copy",
                        s.local().cid(), s.holder());
                return false;
            }
            Fragment.parseVerified(bytes.get(), s.local().cid(), Cid.sha256());
            return true;
        } catch (FragmentFormatException e) {
            LOG.warn("surplus check: {}'s copy of {} fails its hash ({}): keeping this copy", s.holder(), s.local().cid(),
                    e.getMessage());
            return false;
        } catch (Exception e) {
            LOG.info("surplus check: {}'s copy of {} could not be fetched now ({}): keeping this copy for now",
                    s.holder(), s.local().cid(), e.toString());
            return false;
        }
    }

    private boolean remove(Surplus s, Instant writtenBefore) {
        try {
            boolean removed = store.deleteIfWrittenBefore(s.local().cid(), writtenBefore);
            if (removed) {
                LOG.info("removed surplus copy of fragment {} of stripe {} ({}): the census places it on {}, whose copy "
                        + "was fetched and verified", s.local().header().fragmentIndex(), s.local().header().chunkCid(),
                        s.local().cid(), s.holder());
            }
            return removed;
        } catch (StoreException e) {
            LOG.warn("surplus copy {} could not be removed: {}", s.local().cid(), e.error().describe());
            return false;
        }
    }
}
