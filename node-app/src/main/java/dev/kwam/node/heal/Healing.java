package dev.kwam.node.heal;

import dev.kwam.codec.Cid;
import dev.kwam.dsl.policy.Policy;
import dev.kwam.jhmm.Fleet;
import dev.kwam.jhmm.JhmmHost;
import dev.kwam.jhmm.RepairPorts;
import dev.kwam.jhmm.RepairSupervisor;
import dev.kwam.jhmm.risk.Detection;
import dev.kwam.jhmm.risk.FleetRiskAssessor;
import dev.kwam.jhmm.risk.GuardTarget;
import dev.kwam.jhmm.scrub.FragmentFinding;
import dev.kwam.jhmm.scrub.Scrubber;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.maintenance.NodeMarksView;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.placement.census.CensusSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's part in healing, wired in one place: the JHMM as a cluster singleton (hosted by the oldest
 * member carrying the {@value #ROLE} role, reached from every node through its proxy), this node's
 * scrubber, and the reports this node's scrubber and reads send the JHMM.
 */
public final class Healing {
    /** Members that may host the JHMM ({@code kwam.node.repair.enabled = on}). */
    public static final String ROLE = ClusterConfig.JHMM_ROLE;
    /** The singleton's name: one per cluster. */
    public static final String SINGLETON = "kwam-jhmm";
    private static final Logger LOG = LoggerFactory.getLogger(Healing.class);

    private final String self;
    private final ActorRef<JhmmHost.Command> jhmm;
    private final CensusStripeCatalog catalog;
    private final Optional<LiveGuardWatch> refuseWatch;

    private Healing(String self, ActorRef<JhmmHost.Command> jhmm, CensusStripeCatalog catalog, Optional<LiveGuardWatch> refuseWatch) {
        this.self = self;
        this.jhmm = jhmm;
        this.catalog = catalog;
        this.refuseWatch = refuseWatch;
    }

    /** What healing needs from the node. */
    public record NodeParts(NodeSettings settings, FragmentStore store, PeerClient peers, CensusQuestions census,
            Supplier<CompletionStage<FleetView>> fleet, ManifestFinder manifests, Executor io, Executor pipeline,
            Executor codec, Authorizer authorizer, NodeMarksView marks) {
    }

    public static Healing start(ActorSystem<?> system, NodeParts node) {
        NodeSettings settings = node.settings();
        Optional<Policy> compiled = NodePolicy.of(settings);
        HealPolicy policy = HealPolicy.of(settings, compiled);
        CensusStripeCatalog catalog = new CensusStripeCatalog(node.census(), node.manifests(), node.fleet(), node.pipeline());
        DataPlaneFragments fragments = new DataPlaneFragments(settings.name(), node.store(), node.peers(), node.fleet(), node.io());
        JhmmHost.Wiring wiring = new JhmmHost.Wiring(
                budget -> new RepairPorts(fragments, fragments, node.census().census(), node.codec(), budget), catalog, catalog,
                () -> node.fleet().get().thenCompose(view -> node.marks().fresh().<Fleet>thenApply(view::forRepair)),
                ClusterConfig::nameOf, settings.dataPath().antiAffinity(),
                policy.budget(),
                CensusSettings.fromConfig(system.settings().config()), settings.heal().sweepInterval(), policy.repairDelay(),
                new RepairTargets(node.authorizer(), () -> Cluster.get(system).state().getMembers())
                        .and(target -> !node.marks().unplaceable().contains(target)));
        ActorRef<JhmmHost.Command> jhmm = ClusterSingleton.get(system).init(
                SingletonActor.of(JhmmHost.create(wiring,
                        risk(system, node, catalog, DurabilityGuard.of(compiled), policy.repairDelay())), SINGLETON)
                        .withSettings(ClusterSingletonSettings.create(system).withRole(ROLE)));
        Optional<GuardTarget> guard = DurabilityGuard.of(compiled);
        Optional<LiveGuardWatch> refuseWatch = guard.filter(g -> g.onViolation().equals("refuse"))
                .map(g -> LiveGuardWatch.start(system, jhmm, g.guard()));
        guard.filter(g -> !g.onViolation().equals("refuse")).ifPresent(g -> LOG.info("guard '{}': on_violation {}: {}", g.guard(),
                g.onViolation(), g.onViolation().equals("alert") ? "a breach is a finding (KW-H010) and a durability event on the HUD"
                        : "acted on as alert (finding KW-H010 and a durability event); its own action is not built yet (docs/language.md)"));
        Healing healing = new Healing(settings.name(), jhmm, catalog, refuseWatch);
        MissingFragments missing = new MissingFragments(settings.name(), node.store(), node.census(), node.io(),
                m -> healing.audited(m.stripe().stripe(), m.slot().index(), m.corrupt()));
        SurplusCollector surplus = new SurplusCollector(settings.name(), node.store(), node.census(), node.fleet(), fragments,
                settings.heal().surplusMinAge(), Clock.systemUTC());
        system.systemActorOf(Scrubber.create(new StoreScrub(node.store()), node.io(), policy.scrubInterval(), settings.heal().scrubBytesPerSecond(),
                healing::report, surplus::collect, missing::audit), "kwam-scrubber", Props.empty());
        LOG.info("healing: JHMM singleton {} (budget from {}: {} stripe(s) at once, {}; repair delay {}), scrub every {}",
                settings.heal().repairEnabled() ? "may run here" : "never runs here", policy.source(),
                policy.limits().maxConcurrentStripes(),
                policy.limits().unlimitedBandwidth() ? "unlimited bandwidth" : policy.limits().bytesPerSecond() + " B/s",
                policy.repairDelay().isZero() ? "none" : policy.repairDelay(), policy.scrubInterval());
        return healing;
    }

    /** Risk as a number, as the JHMM computes it when this node hosts it (docs/jhmm.md). */
    private static FleetRiskAssessor risk(ActorSystem<?> system, NodeParts node, CensusStripeCatalog catalog,
            Optional<GuardTarget> guard, Duration repairDelay) {
        Detection detection = DetectionTime.of(system.settings().config(), repairDelay);
        LOG.info("durability: held to {}; detection {}", guard.map(g -> "guard '" + g.guard() + "' (" + g.targetNines() + "nines)")
                .orElse("no guard (target UNAVAILABLE)"), detection.time());
        return new FleetRiskAssessor(catalog, node.settings().dataPath().antiAffinity(), guard, detection, node.pipeline());
    }

    /** Why a protect must be refused now under the guard's {@code on_violation refuse}; empty when it may go ahead. */
    public Optional<LiveGuardWatch.Refusal> guardRefusal() {
        return refuseWatch.flatMap(w -> w.refusal(java.time.Instant.now()));
    }

    /** The JHMM, wherever it runs now. */
    public ActorRef<JhmmHost.Command> jhmm() {
        return jhmm;
    }

    /** Tells the JHMM about a fragment this node found corrupt in its own store. */
    public void report(FragmentFinding finding) {
        if (finding.stripe().isPresent()) {
            faulty(finding.stripe().get(), finding.index(), self, finding.foundBy());
            return;
        }
        catalog.whereIs(finding.fragment(), self).whenComplete((where, failure) -> {
            if (where != null && where.isPresent()) {
                faulty(where.get().getKey(), where.get().getValue(), self, finding.foundBy());
            } else {
                LOG.warn("{} found {} corrupt but neither its header nor the census names its stripe: not reported",
                        finding.foundBy(), finding.fragment());
            }
        });
    }

    /** Tells the JHMM that this node lacks fragment {@code index} of {@code stripe} (quarantined: corrupt), which the census places here. */
    public void audited(Cid stripe, int index, boolean corrupt) {
        jhmm.tell(new RepairSupervisor.FragmentFaulty(stripe, index, self, corrupt, "audit"));
    }

    /** Tells the JHMM that {@code node} holds fragment {@code index} of {@code stripe} corrupt. */
    public void faulty(Cid stripe, int index, String node, String foundBy) {
        LOG.info("reporting fragment {} of {} on {} corrupt to the JHMM (found by {})", index, stripe, node, foundBy);
        jhmm.tell(new RepairSupervisor.FragmentFaulty(stripe, index, node, true, foundBy));
    }
}
