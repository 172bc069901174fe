package dev.kwam.jhmm;

import dev.kwam.codec.Cid;
import dev.kwam.jhmm.RepairPlanner.StripeState;
import dev.kwam.jhmm.TrackedStripes.Tracked;
import dev.kwam.placement.NodeId;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Detect and isolate: a detection (a node removed, or whose {@code repair.delay} ran out; a fragment found faulty;
 * a re-examination) becomes the stripes it touches ({@link StripeCatalog}), their census entries, and the touched
 * slots written to the census as {@code MISSING} or {@code CORRUPT} so reads stop using them. A stripe is handed to
 * the {@link RepairScheduler} only once its isolation is recorded, and one detection's stripes are planned together.
 */
final class Isolation {
    /** The stripes a detection touched, or why they could not be found; {@code goneNode}'s OK slots are to be marked missing. */
    record Found(String cause, Optional<Fault> fault, Optional<String> goneNode, Answer<List<StripeRef>> refs)
            implements RepairSupervisor.InternalCommand {
    }

    /** What the detection said about one slot: applied to the census as isolation. */
    record Fault(Cid stripe, int index, String node, SlotState state) {
    }

    record Looked(String cause, Optional<Fault> fault, Optional<String> goneNode, List<StripeRef> refs,
            Answer<Census.Stripes> stripes, long startedNanos)
            implements RepairSupervisor.InternalCommand {
    }

    record IsolationRecorded(Cid stripe, List<Integer> fragments, long startedNanos, Optional<Throwable> failure)
            implements RepairSupervisor.InternalCommand {
    }

    /** {@code node}'s repair delay ran out. */
    record DeferralDue(String node) implements RepairSupervisor.InternalCommand {
    }

    private final ActorContext<RepairSupervisor.Command> context;
    private final RepairPorts ports;
    private final StripeCatalog catalog;
    private final RepairSupervisor.Settings settings;
    private final Deferrals deferrals;
    private final TrackedStripes tracked;
    private final RunningBook book;
    private final RepairScheduler scheduler;
    private final RepairEventFeed feed;

    Isolation(ActorContext<RepairSupervisor.Command> context, RepairPorts ports, StripeCatalog catalog,
            RepairSupervisor.Settings settings, Deferrals deferrals, TrackedStripes tracked, RunningBook book,
            RepairScheduler scheduler, RepairEventFeed feed) {
        this.context = context;
        this.ports = ports;
        this.catalog = catalog;
        this.settings = settings;
        this.deferrals = deferrals;
        this.tracked = tracked;
        this.book = book;
        this.scheduler = scheduler;
        this.feed = feed;
    }

    // --- detect

    void nodeRemoved(RepairSupervisor.NodeRemoved m) {
        scheduler.topology(scheduler.topology().without(NodeId.of(m.node())));
        String cause = "node " + m.node() + " removed from the cluster";
        if (deferrals.enabled()) {
            // Its stripes are looked up and tracked, but its slots are not isolated: the planner holds back what
            // only this node lacks until the delay runs out (deferralDue), and reads already skip non-members.
            deferrals.removed(m.node(), "removed from the cluster");
            pipe(catalog.stripesOn(m.node()), refs -> refs, cause, Optional.empty(), Optional.empty());
            return;
        }
        pipe(catalog.stripesOn(m.node()), refs -> refs, cause, Optional.empty(), Optional.of(m.node()));
    }

    void nodeReturned(RepairSupervisor.NodeReturned m) {
        if (!deferrals.isDeferred(m.node())) {
            return; // a member that joined, or one whose delay already ran out: nothing waits for it
        }
        if (scheduler.topology().node(NodeId.of(m.node())).isEmpty()) {
            // Ending the deferral now would make its slots plain losses until the topology catches up.
            context.getLog().info("JHMM: node {} is back but not yet live in the fleet view; its deferral ends "
                    + "when it is, or its delay runs out", m.node());
            return;
        }
        deferrals.returned(m.node(), "is back");
        scheduler.replanAndLaunch();
    }

    void deferralDue(DeferralDue m) {
        if (!deferrals.isDeferred(m.node())) {
            return; // it returned meanwhile
        }
        if (scheduler.topology().node(NodeId.of(m.node())).isPresent()) {
            deferrals.returned(m.node(), "is a live member again");
            scheduler.replanAndLaunch();
            return;
        }
        // From here exactly a removal without delay: its stripes are looked up, isolated and planned. The node stays
        // deferred until they are isolated (looked), so no replan in between starts one from its unisolated entry.
        String cause = "node " + m.node() + " still away after repair.delay " + deferrals.delay();
        context.getLog().info("JHMM: {}: repairing what it held", cause);
        pipe(catalog.stripesOn(m.node()), refs -> refs, cause, Optional.empty(), Optional.of(m.node()));
    }

    void fragmentFaulty(RepairSupervisor.FragmentFaulty m) {
        String cause = m.foundBy() + " found fragment " + m.index() + " on " + m.node() + (m.corrupt() ? " corrupt" : " missing");
        Fault fault = new Fault(m.stripe(), m.index(), m.node(), m.corrupt() ? SlotState.CORRUPT : SlotState.MISSING);
        pipe(catalog.stripe(m.stripe()), ref -> ref.map(List::of).orElse(List.of()), cause, Optional.of(fault),
                Optional.empty());
    }

    /** Re-reads {@code m}'s stripes, and every stripe parked on a short census read (a sweep is when it is seen full). */
    void reexamine(RepairSupervisor.Reexamine m) {
        java.util.Set<Cid> stripes = new java.util.LinkedHashSet<>(m.stripes());
        stripes.addAll(book.parkedShort());
        for (Cid stripe : stripes) {
            pipe(catalog.stripe(stripe), ref -> ref.map(List::of).orElse(List.of()), "re-examined", Optional.empty(),
                    Optional.empty());
        }
    }

    /** Reads {@code ref} from the census again, as a detection without a finding. */
    void lookAgain(StripeRef ref, String cause) {
        context.getSelf().tell(new Found(cause, Optional.empty(), Optional.empty(), new Answer.Value<>(List.of(ref))));
    }

    private <T> void pipe(CompletionStage<T> lookup, Function<T, List<StripeRef>> refs, String cause,
            Optional<Fault> fault, Optional<String> goneNode) {
        context.pipeToSelf(lookup, (found, failure) -> new Found(cause, fault, goneNode, Answer.of(found, failure).map(refs)));
    }

    /** A removal's lookup is done: a node whose delay ran out is from now on an ordinary lost node. True if it was one. */
    private boolean removalHandled(Optional<String> goneNode) {
        return goneNode.map(deferrals::expired).orElse(false);
    }

    void found(Found m) {
        if (m.refs() instanceof Answer.Failure<List<StripeRef>> failed) {
            context.getLog().error("JHMM: cannot find the stripes for '{}': {}", m.cause(), failed.cause());
        }
        List<StripeRef> refs = m.refs() instanceof Answer.Value<List<StripeRef>> v ? v.value() : List.of();
        if (refs.isEmpty()) {
            // A delay that ran out is over even so: what is tracked is repaired unisolated, the sweep finds the rest.
            if (removalHandled(m.goneNode())) {
                scheduler.replanAndLaunch();
            }
            return;
        }
        long started = System.nanoTime();
        List<Cid> cids = refs.stream().map(StripeRef::stripe).toList();
        context.ask(Census.Stripes.class, ports.census(), settings.repair().censusTimeout(),
                replyTo -> new Census.LookupStripes(cids, replyTo),
                (found, failure) -> new Looked(m.cause(), m.fault(), m.goneNode(), refs, Answer.of(found, failure), started));
    }

    // --- isolate

    void looked(Looked m) {
        if (m.stripes() instanceof Answer.Failure<Census.Stripes> failed) {
            context.getLog().error("JHMM: census lookup for '{}' failed, retrying: {}", m.cause(), failed.cause());
            context.scheduleOnce(settings.minBackoff(), context.getSelf(),
                    new Found(m.cause(), m.fault(), m.goneNode(), new Answer.Value<>(m.refs())));
            return;
        }
        Map<Cid, StripeEntry> found = ((Answer.Value<Census.Stripes>) m.stripes()).value().found();
        long now = System.currentTimeMillis();
        // A removal whose delay ran out: its stripes were already announced as detected (and deferred).
        boolean delayRanOut = m.goneNode().map(deferrals::isDeferred).orElse(false);
        // Never isolate a node that is live again (it came back while this lookup ran).
        boolean goneNodeAway = m.goneNode().map(n -> scheduler.topology().node(NodeId.of(n)).isEmpty()).orElse(false);
        for (StripeRef ref : m.refs()) {
            StripeEntry entry = found.getOrDefault(ref.stripe(), new StripeEntry(ref.stripe(), ref.codec().dataCount(),
                    ref.codec().parityCount(), List.of()));
            deferrals.meet(entry, scheduler.topology());
            unparkIfNowRebuildable(ref, entry);
            List<FragmentSlot> marks = new ArrayList<>();
            for (FragmentSlot slot : entry.slots()) {
                boolean onGoneNode = goneNodeAway && m.goneNode().map(n -> n.equals(slot.node())).orElse(false)
                        && slot.state() == SlotState.OK;
                boolean faulty = m.fault().map(f -> f.stripe().equals(ref.stripe()) && f.index() == slot.index()
                        && f.node().equals(slot.node())).orElse(false);
                if (onGoneNode) {
                    marks.add(new FragmentSlot(slot.index(), slot.fragment(), slot.node(), SlotState.MISSING));
                } else if (faulty) {
                    marks.add(new FragmentSlot(slot.index(), slot.fragment(), slot.node(), m.fault().get().state()));
                }
            }
            if (!marks.isEmpty()) {
                entry = merge(entry, marks);
            }
            Optional<Tracked> before = tracked.get(ref.stripe());
            long since = before.map(Tracked::belowFullSinceMillis).orElse(now);
            Tracked t = new Tracked(ref, entry, since);
            boolean external = m.fault().isPresent() || m.goneNode().isPresent();
            boolean belowFull = RepairPlanner.planStripe(new StripeState(ref, entry, since), scheduler.topology(),
                    settings.antiAffinity()).isPresent();
            if (belowFull && (external || before.isEmpty()) && !(delayRanOut && deferrals.announced(ref.stripe()))) {
                feed.publish(new RepairEvent.Detected(ref.stripe(), m.cause(), Instant.now()));
            }
            if (marks.isEmpty()) {
                track(t);
            } else {
                // Plan only once the census shows the fragments quarantined: isolate, then plan.
                tracked.isolating(t);
                List<Integer> indexes = marks.stream().map(FragmentSlot::index).toList();
                List<FragmentSlot> slots = List.copyOf(marks);
                long started = m.startedNanos();
                context.ask(Census.Recorded.class, ports.census(), settings.repair().censusTimeout(),
                        replyTo -> new Census.RecordFragments(ref.stripe(), ref.codec().dataCount(),
                                ref.codec().parityCount(), slots, replyTo),
                        (ok, failure) -> new IsolationRecorded(ref.stripe(), indexes, started, Optional.ofNullable(failure)));
            }
        }
        removalHandled(m.goneNode());
        scheduler.replanAndLaunch();
    }

    void isolationRecorded(IsolationRecorded m) {
        if (m.failure().isPresent()) {
            // The repair goes ahead (it does not need the mark), but reads may still try the fragment: say so.
            context.getLog().error("JHMM: could not quarantine fragments {} of {} in the census: {}", m.fragments(),
                    m.stripe(), m.failure().get());
        } else {
            feed.publish(new RepairEvent.Isolated(m.stripe(), m.fragments(),
                    Duration.ofNanos(System.nanoTime() - m.startedNanos()), Instant.now()));
        }
        tracked.isolated(m.stripe()).ifPresent(this::track);
        // One detection isolates many stripes at once: plan them together, so the riskiest starts first
        // rather than whichever stripe the census answered for first.
        if (!tracked.anyIsolating()) {
            scheduler.replanAndLaunch();
        }
    }

    /**
     * A census replica answers with what has reached it: a JHMM that read a stripe's entry before its fragments'
     * slots arrived saw too few survivors and parked it. Parked so, it is planned again once a read shows k.
     */
    private void unparkIfNowRebuildable(StripeRef ref, StripeEntry entry) {
        long ok = RepairPlanner.okInCensus(ref, entry);
        if (book.isParkedShort(ref.stripe()) && ok >= ref.codec().dataCount() && book.unpark(ref.stripe())) {
            context.getLog().info("JHMM: {} was parked on a census read that showed too few fragments; the census now "
                    + "shows {} OK of the {} needed: planning it again", ref.stripe(), ok, ref.codec().dataCount());
        }
    }

    private void track(Tracked t) {
        tracked.put(t);
        book.changedWhileRunning(t.ref().stripe());
    }

    private static StripeEntry merge(StripeEntry entry, List<FragmentSlot> marks) {
        Map<Integer, FragmentSlot> slots = new LinkedHashMap<>();
        entry.slots().forEach(s -> slots.put(s.index(), s));
        marks.forEach(s -> slots.put(s.index(), s));
        List<FragmentSlot> merged = new ArrayList<>(slots.values());
        merged.sort(Comparator.comparingInt(FragmentSlot::index));
        return new StripeEntry(entry.stripe(), entry.k(), entry.m(), merged);
    }
}
