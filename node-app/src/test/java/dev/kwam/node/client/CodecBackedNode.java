package dev.kwam.node.client;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.api.QueueOutputStream;
import dev.kwam.node.store.FragmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;

/**
 * A one-node stand-in for the real node actor, answering {@link KwamNode}'s protocol for real with the
 * codec SDK over a node-app {@link FragmentStore}: real encoding, real fragment files, real hash-checked
 * recovery. Placement is trivial (every fragment on this node), which is all the gRPC layer can observe.
 * Small chunks, so a few MiB make many stripes and a damaged last stripe fails a Recover mid-stream.
 */
final class CodecBackedNode {
    static final String NODE = "node-a";
    static final CodecSpec DEFAULT_CODEC = new CodecSpec.ReedSolomonSpec(4, 2);
    static final ChunkerParams SMALL_CHUNKS = new ChunkerParams(64 << 10, 256 << 10, 512 << 10);

    /**
     * What Repairs answers: one stripe running (fragment 5 lost with node-f, rebuilt onto node-g), one deferred
     * (fragment 2 on node-h, removed less than repair.delay ago), one parked.
     */
    static final dev.kwam.jhmm.RepairStatus SAMPLE_REPAIRS;

    static {
        Cid stripe = Cid.of(new byte[] {1});
        java.time.Instant at = java.time.Instant.parse("2026-01-02T03:04:05Z");
        dev.kwam.jhmm.RepairPlan.StripePlan plan = new dev.kwam.jhmm.RepairPlan.StripePlan(stripe, Cid.of(new byte[] {2}), 0, "rs(4,2)",
                List.of(new dev.kwam.jhmm.RepairPlan.Holder(0, "node-a"), new dev.kwam.jhmm.RepairPlan.Holder(1, "node-b"),
                        new dev.kwam.jhmm.RepairPlan.Holder(2, "node-c"), new dev.kwam.jhmm.RepairPlan.Holder(3, "node-d"),
                        new dev.kwam.jhmm.RepairPlan.Holder(4, "node-e")),
                List.of(new dev.kwam.jhmm.RepairPlan.Loss(5, Cid.of(new byte[] {3}), "node-f", dev.kwam.jhmm.LossCause.NODE_GONE)),
                List.of(new dev.kwam.jhmm.RepairPlan.Target(5, "node-g")), List.of(), List.of(0, 1, 2, 3), 0, 1_700_000_000_000L);
        dev.kwam.jhmm.RepairPlan.StripePlan deferred = new dev.kwam.jhmm.RepairPlan.StripePlan(Cid.of(new byte[] {5}),
                Cid.of(new byte[] {2}), 1, "rs(4,2)",
                List.of(new dev.kwam.jhmm.RepairPlan.Holder(0, "node-a"), new dev.kwam.jhmm.RepairPlan.Holder(1, "node-b"),
                        new dev.kwam.jhmm.RepairPlan.Holder(3, "node-d"), new dev.kwam.jhmm.RepairPlan.Holder(4, "node-e"),
                        new dev.kwam.jhmm.RepairPlan.Holder(5, "node-g")),
                List.of(new dev.kwam.jhmm.RepairPlan.Loss(2, Cid.of(new byte[] {6}), "node-h", dev.kwam.jhmm.LossCause.NODE_GONE)),
                List.of(new dev.kwam.jhmm.RepairPlan.Target(2, "node-c")), List.of(), List.of(0, 1, 3, 4), 1, 1_700_000_000_000L,
                at.plusSeconds(600).toEpochMilli());
        SAMPLE_REPAIRS = new dev.kwam.jhmm.RepairStatus(new dev.kwam.jhmm.RepairPlan(List.of(plan, deferred)),
                List.of(new dev.kwam.jhmm.RepairStatus.Progress(stripe, "fetched", 4096, 1, at)),
                List.of(new dev.kwam.jhmm.RepairStatus.ParkedStripe(Cid.of(new byte[] {4}), "poisoned: every source corrupt", at)),
                7, 123_456, new dev.kwam.jhmm.RepairBudget.Limits(4, 10L << 20), at,
                dev.kwam.jhmm.BudgetSource.configured("policy", new dev.kwam.jhmm.RepairBudget.Limits(4, 10L << 20)),
                java.util.Optional.of(new dev.kwam.jhmm.RepairThroughput(3_000_000, 9_000_000, java.time.Duration.ofSeconds(2), 3,
                        at.minusSeconds(10), at.minusSeconds(8))));
        SAMPLE_DURABILITY = SampleFleetRisk.measured(at, SAMPLE_REPAIRS);
    }

    /**
     * What AdjustRepairBudget answers: {@link #SAMPLE_REPAIRS} with the change applied to its limits and the
     * setter recorded as the JHMM's host would (stateless, so every test reads the same sample).
     */
    static KwamNode.RepairsReply adjusted(dev.kwam.jhmm.BudgetChange change) {
        List<String> refusals = change.refusals();
        if (!refusals.isEmpty()) {
            return new KwamNode.Failed(KwamNode.ErrorCode.INVALID_ARGUMENT, "repair budget not changed: " + String.join("; ", refusals),
                    refusals);
        }
        dev.kwam.jhmm.RepairStatus s = SAMPLE_REPAIRS;
        dev.kwam.jhmm.BudgetSource configured = dev.kwam.jhmm.BudgetSource.configured(s.budgetSource().configuredFrom(),
                s.budgetSource().configured());
        dev.kwam.jhmm.RepairBudget.Limits limits = change.reset() ? configured.configured() : change.applyTo(s.limits());
        dev.kwam.jhmm.BudgetSource source = change.reset() ? configured : configured.overriddenBy(change.setBy(), java.time.Instant.now());
        return new KwamNode.RepairReport(new dev.kwam.jhmm.RepairStatus(s.plan(), s.running(), s.parked(), s.repaired(), s.bytesMoved(),
                limits, s.at(), source, s.rate()), java.util.Optional.of(true));
    }

    /** What Durability answers: six nodes in two racks, rs(4,2), the sample repairs' rate and plan (SampleFleetRisk). */
    static final dev.kwam.jhmm.risk.FleetRisk SAMPLE_DURABILITY;

    private final FragmentStore store;
    private final Map<Cid, Manifest> manifests = new ConcurrentHashMap<>();
    /** Codec work and blocking stream adapters run here, never on the actor's thread. */
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "codec-backed-node");
        t.setDaemon(true);
        return t;
    });

    CodecBackedNode(FragmentStore store) {
        this.store = store;
    }

    Manifest manifest(Cid object) {
        return manifests.get(object);
    }

    void shutdown() {
        work.shutdownNow();
    }

    Behavior<KwamNode.Command> behavior() {
        return Behaviors.setup(context -> Behaviors.receive(KwamNode.Command.class)
                .onMessage(KwamNode.Protect.class, p -> {
                    protect(p, context.getSystem());
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Recover.class, r -> {
                    r.replyTo().tell(recover(r.object()));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Stat.class, s -> {
                    s.replyTo().tell(stat(s.object()));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.ListObjects.class, l -> {
                    l.replyTo().tell(new KwamNode.ObjectList(manifests.values().stream().limit(l.limit())
                            .map(CodecBackedNode::info).toList()));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Repairs.class, r -> {
                    r.replyTo().tell(new KwamNode.RepairReport(SAMPLE_REPAIRS));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.AdjustRepairBudget.class, a -> {
                    a.replyTo().tell(adjusted(a.change()));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.Durability.class, d -> {
                    d.replyTo().tell(new KwamNode.DurabilityReport(SAMPLE_DURABILITY));
                    return Behaviors.same();
                })
                .onMessage(KwamNode.ClusterStatus.class, c -> {
                    c.replyTo().tell(new KwamNode.ClusterState(NODE, List.of(new KwamNode.MemberInfo(NODE,
                            "pekko://kwam@127.0.0.1:7400", "up", true, Map.of("rack", "r1", "az", "eu-1a"), "127.0.0.1:7401",
                            "spiffe://kwam.test/acme/cl-1/az1/pod-1/node-a/kwamd", "")), dev.kwam.node.authz.Authorizer.NONE, "voter of 1 voter(s) [node-a=127.0.0.1:7403] (attached)"));
                    return Behaviors.same();
                })
                .build());
    }

    /** The upload is read through a blocking InputStream, pulled only as fast as the codec consumes it. */
    private void protect(KwamNode.Protect p, ActorSystem<?> system) {
        InputStream in = p.data().runWith(StreamConverters.asInputStream(java.time.Duration.ofSeconds(60)), system);
        work.execute(() -> {
            try (in) {
                ProtectOptions options = ProtectOptions.builder().codec(p.codec().orElse(DEFAULT_CODEC)).chunker(SMALL_CHUNKS).build();
                Manifest m = Kwam.protect(in, options, store);
                manifests.put(m.cid(), m);
                p.replyTo().tell(new KwamNode.Protected(m.cid(), m.objectCid(), m.objectSize(), m.chunks().size(), m.encode(),
                        m.codec().dataCount() + 1, 0));
            } catch (IOException | RuntimeException e) {
                p.replyTo().tell(new KwamNode.Failed(KwamNode.ErrorCode.INTERNAL, "protect failed: " + e.getMessage(), List.of()));
            }
        });
    }

    /** Recovery writes into a backpressured queue; a RecoveryException fails the stream after the stripes already sent. */
    private KwamNode.RecoverReply recover(Cid object) {
        Manifest m = manifests.get(object);
        if (m == null) {
            return new KwamNode.Failed(KwamNode.ErrorCode.NOT_FOUND, "no object " + object, List.of());
        }
        Source<ByteString, NotUsed> bytes = Source.<ByteString>queue(4, OverflowStrategy.backpressure())
                .mapMaterializedValue(queue -> {
                    work.execute(() -> {
                        try (QueueOutputStream out = new QueueOutputStream(queue)) {
                            Kwam.recover(m, store, out);
                            out.flushPending();
                            queue.complete();
                        } catch (IOException | RuntimeException e) {
                            queue.fail(e);
                        }
                    });
                    return NotUsed.getInstance();
                });
        return new KwamNode.Recovering(info(m), bytes);
    }

    private KwamNode.StatReply stat(Cid object) {
        Manifest m = manifests.get(object);
        if (m == null) {
            return new KwamNode.Failed(KwamNode.ErrorCode.NOT_FOUND, "no object " + object, List.of());
        }
        List<KwamNode.StripeStat> stripes = new ArrayList<>();
        for (int s = 0; s < m.chunks().size(); s++) {
            ChunkEntry chunk = m.chunks().get(s);
            List<KwamNode.FragmentStat> fragments = new ArrayList<>();
            for (int f = 0; f < chunk.fragments().size(); f++) {
                Cid cid = chunk.fragments().get(f);
                boolean held;
                try {
                    held = store.fetch(cid).isPresent();
                } catch (IOException e) {
                    held = false;
                }
                fragments.add(new KwamNode.FragmentStat(f, cid, held ? NODE : "", held ? "ok" : "missing"));
            }
            stripes.add(new KwamNode.StripeStat(s, chunk.chunkCid(), m.codec().dataCount(), m.codec().parityCount(), fragments));
        }
        return new KwamNode.ObjectStat(info(m), stripes);
    }

    static KwamNode.ObjectInfo info(Manifest m) {
        return new KwamNode.ObjectInfo(m.cid(), m.objectCid(), m.objectSize(), m.chunks().size());
    }
}
