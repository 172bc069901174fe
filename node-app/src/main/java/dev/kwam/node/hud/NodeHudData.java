package dev.kwam.node.hud;

import dev.kwam.codec.Cid;
import dev.kwam.hud.DurabilityReading;
import dev.kwam.hud.EventLog;
import dev.kwam.hud.FleetReading;
import dev.kwam.hud.HudEvent;
import dev.kwam.hud.HudData;
import dev.kwam.hud.NodeRecord;
import dev.kwam.hud.ObjectDetail;
import dev.kwam.hud.ObjectRecord;
import dev.kwam.hud.ObjectsReading;
import dev.kwam.hud.RepairTally;
import dev.kwam.hud.RepairsReading;
import dev.kwam.hud.StoreReading;
import dev.kwam.node.store.StoreSnapshot;
import dev.kwam.hud.Source;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.audit.AuditRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The HUD's fleet on a real node: the same cluster view {@code kwam client status} prints (membership, reachability,
 * domains, marks, how calls are authorized and consensus reached), read from the node's public actor — so the page
 * and the CLI never disagree. Every reading is {@link Source#LIVE}.
 */
public final class NodeHudData implements HudData {
    static final Duration ASK = Duration.ofSeconds(5);

    /** Events kept for /api/events: at a few hundred bytes each, a few MiB at most. */
    static final int EVENTS_KEPT = 10_000;

    private final ActorSystem<?> system;
    private final ActorRef<KwamNode.Command> node;
    private final Clock clock;
    private final EventLog events = new EventLog(EVENTS_KEPT);
    private final RepairTally tally;
    private final ActorRef<HudFeed.Command> feed;

    private final Supplier<Optional<StoreSnapshot>> store;

    /** {@code store}: this node's store as it counts itself, empty while it is closed. */
    public NodeHudData(ActorSystem<?> system, ActorRef<KwamNode.Command> node, Supplier<Optional<StoreSnapshot>> store, Clock clock) {
        this.system = system;
        this.node = node;
        this.store = store;
        this.clock = clock;
        this.tally = new RepairTally(clock.instant());
        this.feed = system.systemActorOf(HudFeed.create(node, events, tally, clock), "hud-feed", Props.empty());
    }

    @Override
    public Optional<StoreReading> store() {
        return store.get().map(s -> new StoreReading(s.fragments(), s.fragmentBytes(), s.quarantined(), s.quarantinedBytes(), Source.LIVE,
                clock.instant()));
    }

    @Override
    public EventLog events() {
        return events;
    }

    /**
     * An audited record: a refusal (a call without the capability, a token refused, a budget change refused) becomes a
     * {@code refusal} event. Every node feeds its own: refusals are decided where the call arrives.
     */
    public void audited(AuditRecord record) {
        if (!record.decision().equals("refused") && !record.decision().equals("denied")) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", record.kind());
        fields.put("actor", record.actor());
        fields.put("action", record.action());
        fields.put("resource", record.resource());
        fields.put("reason", record.reason());
        events.append(new HudEvent.Draft(HudEvent.Type.REFUSAL, clock.instant(), Source.LIVE, record.action() + " on " + record.resource()
                + " " + record.decision() + " for " + record.actor() + ": " + record.reason(), fields, List.of()));
    }

    @Override
    public void watch() {
        feed.tell(HudFeed.Watch.INSTANCE);
    }

    @Override
    public CompletionStage<RepairsReading> repairs() {
        return AskPattern.<KwamNode.Command, KwamNode.RepairsReply>ask(node, KwamNode.Repairs::new, ASK, system.scheduler())
                .thenApply(reply -> HudReadings.repairs(report(reply, KwamNode.RepairReport.class).status(), tally.counts(),
                        clock.instant()));
    }

    @Override
    public CompletionStage<DurabilityReading> durability() {
        return AskPattern.<KwamNode.Command, KwamNode.DurabilityReply>ask(node, KwamNode.Durability::new, ASK, system.scheduler())
                .thenApply(reply -> HudReadings.durability(report(reply, KwamNode.DurabilityReport.class).risk(), clock.instant()));
    }

    @Override
    public CompletionStage<FleetReading> fleet() {
        return AskPattern.<KwamNode.Command, KwamNode.ClusterState>ask(node, KwamNode.ClusterStatus::new, ASK, system.scheduler())
                .thenApply(state -> {
                    List<NodeRecord> nodes = state.members().stream().map(m -> new NodeRecord(m.node(), m.status(), m.reachable(),
                            m.domains(), m.mark(), m.dataEndpoint(), m.spiffeId())).toList();
                    return new FleetReading(state.self(), nodes, state.authorization(), state.consensus(), Source.LIVE,
                            clock.instant());
                });
    }

    @Override
    public CompletionStage<ObjectsReading.Page> objects(int limit, Optional<String> after) {
        Optional<Cid> from = after.map(Cid::parse);
        // One more than asked: whether a next page exists, without a second question.
        return AskPattern.<KwamNode.Command, KwamNode.ObjectList>ask(node, r -> new KwamNode.ListObjects(limit + 1, from, r), ASK,
                system.scheduler()).thenApply(list -> {
                    List<ObjectRecord> objects = list.objects().stream().limit(limit).map(NodeHudData::record).toList();
                    return new ObjectsReading.Page(objects, list.objects().size() > limit, Source.LIVE, clock.instant());
                });
    }

    @Override
    public CompletionStage<ObjectsReading.One> object(String cid) {
        return AskPattern.<KwamNode.Command, KwamNode.StatReply>ask(node, r -> new KwamNode.Stat(Cid.parse(cid), r), ASK,
                system.scheduler()).thenApply(reply -> {
                    if (reply instanceof KwamNode.Failed failed && failed.code() == KwamNode.ErrorCode.NOT_FOUND) {
                        return new ObjectsReading.One(Optional.empty(), Source.LIVE, clock.instant());
                    }
                    KwamNode.ObjectStat stat = report(reply, KwamNode.ObjectStat.class);
                    List<ObjectDetail.Stripe> stripes = stat.stripes().stream().map(s -> new ObjectDetail.Stripe(s.index(),
                            s.chunk().toString(), s.k(), s.m(), s.fragments().stream().map(f -> new ObjectDetail.Fragment(f.index(),
                                    f.cid().toString(), f.node(), f.state())).toList())).toList();
                    return new ObjectsReading.One(Optional.of(new ObjectDetail(record(stat.object()), stripes)), Source.LIVE,
                            clock.instant());
                });
    }

    /** The node's answer as {@code expected}, or its {@link KwamNode.Failed} as the failure of the reading. */
    private static <T> T report(Object reply, Class<T> expected) {
        if (reply instanceof KwamNode.Failed failed) {
            throw new IllegalStateException(failed.code() + ": " + failed.message());
        }
        return expected.cast(reply);
    }

    private static ObjectRecord record(KwamNode.ObjectInfo o) {
        return new ObjectRecord(o.cid().toString(), o.contentCid().toString(), o.size(), o.stripes());
    }
}
