package dev.kwam.node.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.config.NodeConfigException;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.up.NodeRoot;
import dev.kwam.node.up.PreparedNode;
import dev.kwam.node.up.StartupException;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.jhmm.RepairEvent;
import dev.kwam.jhmm.RepairStatus;
import dev.kwam.jhmm.BudgetChange;
import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The node's public protocol, for Java integrators who embed a node in their own ActorSystem, and
 * the one the gRPC service and the CLI go through. {@link #start} returns the actor that answers it.
 * Objects are named by the cid of their signed manifest.
 */
public final class KwamNode {
    private KwamNode() {
    }

    /**
     * Starts a node inside {@code system} (which must be configured for Pekko Cluster with KWAM's
     * serializer, as {@code kwam up} does) and returns its public actor. {@code config} holds the
     * {@code kwam.node.*} settings (data directory, PKI, ports, domains).
     *
     * <p>Build the system's configuration with {@link #systemConfig(Config)}: it carries the node's
     * name and domains as member roles (how peers match members with the census directory) and the
     * TLS transport for the node's certificate. The node's fragment store is closed when the system
     * shuts down. This is exactly what {@code kwam up} runs, through {@link NodeRoot}; the host's
     * system serves no /health or /ready of the node's.
     *
     * @throws IllegalArgumentException when the settings are wrong, naming the key and the fix
     * @throws IllegalStateException when the data directory, store, certificates or data port cannot be used;
     *     its cause is the {@link dev.kwam.actors.error.KwamException} saying what, where, why and the fix
     */
    public static ActorRef<Command> start(ActorSystem<?> system, Config config) {
        NodeSettings settings = settings(config);
        if (!Cluster.get(system).selfMember().getRoles().contains(ClusterConfig.NAME_ROLE_PREFIX + settings.name())) {
            throw new IllegalArgumentException("the ActorSystem's member roles do not name node '" + settings.name()
                    + "': build its configuration with KwamNode.systemConfig(config) (peers match members to the census by that role)");
        }
        try {
            return NodeRoot.start(system, PreparedNode.of(settings), NodeRoot.Probes.LEFT_TO_HOST).node();
        } catch (StartupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The ActorSystem configuration a node with these {@code kwam.node.*} settings needs, over
     * {@code ConfigFactory.load()}: cluster provider, mutual-TLS Artery with the node's certificates
     * (a development CA is created in the data directory when {@code kwam.node.pki} is empty), seeds,
     * and the member roles carrying its name and domains. The system must be named
     * {@value dev.kwam.node.cluster.ClusterConfig#SYSTEM_NAME}.
     */
    public static Config systemConfig(Config config) {
        try {
            return PreparedNode.of(settings(config)).systemConfig(ConfigFactory.empty());
        } catch (StartupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static NodeSettings settings(Config config) {
        try {
            return NodeSettings.load(config.hasPath(NodeSettings.ROOT) ? config.withOnlyPath(NodeSettings.ROOT) : config, Optional.empty());
        } catch (NodeConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The public commands; {@link NodeActor.Internal} is what the node's actor tells itself, and no one else can send. */
    public sealed interface Command permits Protect, Recover, Stat, ListObjects, ClusterStatus, Subscribe, Unsubscribe, Repairs,
            AdjustRepairBudget, Durability, NodeActor.Internal {
    }

    /** Error codes a {@link Failed} reply carries; the gRPC service maps each to a status code. */
    public enum ErrorCode {
        /** A malformed request: bad cid, impossible codec, empty limit. */
        INVALID_ARGUMENT,
        /** No such object in the census and no reachable node holds its manifest. */
        NOT_FOUND,
        /** Some stripe has fewer than k good fragments left; details name them. */
        UNRECOVERABLE,
        /** Not enough live nodes (or durable writes) to reach the write quorum. */
        NOT_ENOUGH_NODES,
        /** The node is starting or shutting down. */
        UNAVAILABLE,
        /** A bug or an I/O failure of this node; details say which. */
        INTERNAL,
        /** The caller may not do this: a capability its grants lack, or a consent token refused; details say which. */
        PERMISSION_DENIED,
        /** A change was sent to consensus, which did not confirm it in time: it may or may not have been applied. */
        OUTCOME_UNKNOWN,
        /** The policy's guard is breached now and its {@code on_violation refuse} holds new protects until it clears. */
        GUARD_BREACHED
    }

    /** A refusal: what failed and why, with per-item details (e.g. one line per missing fragment). */
    public record Failed(ErrorCode code, String message, List<String> details) implements ProtectReply, RecoverReply, StatReply,
            RepairsReply, DurabilityReply {
        public Failed {
            details = List.copyOf(details);
        }
    }

    // --- protect -----------------------------------------------------------------------------

    /**
     * Protects the bytes {@code data} emits. Acknowledged with {@link Protected} only once at least
     * the write quorum (k+1 by default) of every stripe's fragments is durable on distinct nodes.
     */
    public record Protect(Source<ByteString, ?> data, Optional<CodecSpec> codec, ActorRef<ProtectReply> replyTo)
            implements Command {
    }

    public sealed interface ProtectReply permits Protected, Failed {
    }

    /**
     * @param object            the manifest's cid: the object's name
     * @param manifest          the signed manifest's bytes
     * @param writeQuorum       fragments per stripe that were durable before this reply
     * @param unplacedFragments fragments not (yet) stored anywhere, recorded in the census for repair
     */
    public record Protected(Cid object, Cid contentCid, long size, int stripes, byte[] manifest, int writeQuorum,
            int unplacedFragments) implements ProtectReply {
    }

    // --- recover -----------------------------------------------------------------------------

    public record Recover(Cid object, ActorRef<RecoverReply> replyTo) implements Command {
    }

    public sealed interface RecoverReply permits Recovering, Failed {
    }

    /**
     * The object's bytes, verified stripe by stripe as they stream. The stream fails (never
     * completes) if a stripe turns out unrecoverable or the whole object's hash does not match, so a
     * consumer must keep its output provisional until the stream completes.
     */
    public record Recovering(ObjectInfo object, Source<ByteString, NotUsed> bytes) implements RecoverReply {
    }

    // --- stat, list, status ------------------------------------------------------------------

    public record Stat(Cid object, ActorRef<StatReply> replyTo) implements Command {
    }

    public sealed interface StatReply permits ObjectStat, Failed {
    }

    public record ObjectStat(ObjectInfo object, List<StripeStat> stripes) implements StatReply {
        public ObjectStat {
            stripes = List.copyOf(stripes);
        }
    }

    public record StripeStat(int index, Cid chunk, int k, int m, List<FragmentStat> fragments) {
        public StripeStat {
            fragments = List.copyOf(fragments);
        }
    }

    /** {@code state} is one of {@code ok}, {@code missing}, {@code corrupt}, {@code repairing}; {@code node} is "" when unplaced. */
    public record FragmentStat(int index, Cid cid, String node, String state) {
    }

    public record ObjectInfo(Cid cid, Cid contentCid, long size, int stripes) {
    }

    /**
     * Up to {@code limit} (1..10,000) objects in cid order, after the cid {@code after} (exclusive) when given:
     * page on by asking again after the last cid of a full page.
     */
    public record ListObjects(int limit, Optional<Cid> after, ActorRef<ObjectList> replyTo) implements Command {
        public ListObjects {
            java.util.Objects.requireNonNull(after, "after (Optional.empty() for the first page)");
        }

        /** The first page. */
        public ListObjects(int limit, ActorRef<ObjectList> replyTo) {
            this(limit, Optional.empty(), replyTo);
        }
    }

    public record ObjectList(List<ObjectInfo> objects) {
        public ObjectList {
            objects = List.copyOf(objects);
        }
    }

    public record ClusterStatus(ActorRef<ClusterState> replyTo) implements Command {
    }

    /**
     * The cluster as this node sees it; {@code self} is this node's name, {@code authorization} what its data port
     * enforces: {@code none (no policy)} or {@code grants (N) from policy '<name>'}.
     */
    public record ClusterState(String self, List<MemberInfo> members, String authorization, String consensus) {
        public ClusterState {
            members = List.copyOf(members);
        }
    }

    /**
     * @param status    Pekko's member status, lower case ({@code up}, {@code leaving}, …), or {@code gone} for
     *                  a node the census knows that is no longer a member
     * @param reachable whether this node's failure detector currently reaches it
     */
    /** {@code mark}: an operator's {@code cordoned}, {@code draining} or {@code drained}; empty while in service. */
    public record MemberInfo(String node, String address, String status, boolean reachable, Map<String, String> domains,
            String dataEndpoint, String spiffeId, String mark) {
        public MemberInfo {
            domains = Map.copyOf(domains);
        }
    }

    // --- repairs -----------------------------------------------------------------------------

    /**
     * The JHMM's current plan and progress, from wherever it runs in the cluster (it is a cluster singleton):
     * every stripe below full redundancy riskiest first, each running repair's step and bytes, the parked
     * stripes with their reasons, and the budget in force. {@link Failed} ({@code UNAVAILABLE}) when the JHMM
     * does not answer in time (it is starting or moving to another node).
     */
    public record Repairs(ActorRef<RepairsReply> replyTo) implements Command {
    }

    public sealed interface RepairsReply permits RepairReport, Failed {
    }

    /**
     * {@code status} as the JHMM reported it, with the budget in force and its source.
     *
     * @param budgetReplicated only in the answer to {@link AdjustRepairBudget}: true when a majority of members
     *                         stored the new budget within the write timeout, false when only the JHMM's node holds
     *                         it yet (gossip carries it on; a move of the JHMM before it arrives would lose it)
     */
    public record RepairReport(RepairStatus status, Optional<Boolean> budgetReplicated) implements RepairsReply {
        public RepairReport(RepairStatus status) {
            this(status, Optional.empty());
        }
    }

    /**
     * Changes the cluster-wide repair budget: new limits (some or all; the others stay as in force) or a reset to
     * the configured ones (the policy's, or {@code kwam.node.repair}'s). Effective for the next stripe started and
     * the next bytes asked for, stored in Distributed Data so that a JHMM that moves to another node keeps it, and
     * recorded with its setter ({@code change.setBy()}) and time. Answered with the {@link RepairReport} after the
     * change, {@link Failed} {@code INVALID_ARGUMENT} for values {@link BudgetChange#refusals()} refuses, or
     * {@code UNAVAILABLE} when the JHMM does not answer in time.
     */
    public record AdjustRepairBudget(BudgetChange change, ActorRef<RepairsReply> replyTo) implements Command {
        /** Both limits, recorded as set through the {@value BudgetChange#ACTOR_API}. */
        public AdjustRepairBudget(RepairBudget.Limits limits, ActorRef<RepairsReply> replyTo) {
            this(BudgetChange.to(limits, BudgetChange.ACTOR_API), replyTo);
        }

        /** Back to the configured limits, recorded as reset through the {@value BudgetChange#ACTOR_API}. */
        public static AdjustRepairBudget reset(ActorRef<RepairsReply> replyTo) {
            return new AdjustRepairBudget(BudgetChange.resetBy(BudgetChange.ACTOR_API), replyTo);
        }
    }

    // --- durability: risk as a number --------------------------------------------------------

    /**
     * The fleet's durability implied by its live placement and its measured repair rate, next to the policy guard's
     * target and the guard's own figure (docs/jhmm.md, "Risk as a number"). The JHMM's host computes it; every
     * probability is MODELED, what could not be read is UNAVAILABLE. {@link Failed} ({@code UNAVAILABLE}) when the
     * JHMM does not answer within 10 s (it is starting or moving, or filling its manifest index on the first ask).
     */
    public record Durability(ActorRef<DurabilityReply> replyTo) implements Command {
    }

    public sealed interface DurabilityReply permits DurabilityReport, Failed {
    }

    /** {@code risk} as the JHMM computed it. */
    public record DurabilityReport(dev.kwam.jhmm.risk.FleetRisk risk) implements DurabilityReply {
    }

    // --- events ------------------------------------------------------------------------------

    public record Subscribe(ActorRef<NodeEvent> subscriber) implements Command {
    }

    public record Unsubscribe(ActorRef<NodeEvent> subscriber) implements Command {
    }

    /** What happened on this node, as it happened. Every event is {@code LIVE}: real node, real bytes. */
    public sealed interface NodeEvent permits ObjectProtected, ObjectRecovered, FragmentsUnplaced, MemberChanged, RepairProgress {
    }

    /** A step of a repair anywhere in the cluster, as the JHMM reported it (detected … completed, parked). */
    public record RepairProgress(RepairEvent event) implements NodeEvent {
    }

    public record ObjectProtected(ObjectInfo object, int unplacedFragments) implements NodeEvent {
    }

    public record ObjectRecovered(ObjectInfo object, int degradedStripes) implements NodeEvent {
    }

    /** Fragments that could not be written anywhere and were recorded for repair. */
    public record FragmentsUnplaced(Cid object, int count) implements NodeEvent {
    }

    public record MemberChanged(MemberInfo member) implements NodeEvent {
    }
}
