package dev.kwam.placement.census;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The placement census: which fragment of which stripe lives on which node, which objects exist
 * and where their manifests are, and the node directory (data endpoints, domain labels, manifest
 * keys). Kept in Pekko Distributed Data, split over many top-level keys by cid prefix so no single
 * CRDT grows without bound; each fragment slot merges last-writer-wins.
 *
 * <p>One census actor runs per node; all of its commands are answered from this node's replica,
 * writing through to the cluster with the consistency levels documented in {@code docs/placement.md}.
 */
public final class Census {
    /** The largest {@link ListObjects#limit()} answered; outside 1..this the list is empty. */
    public static final int MAX_LIST_LIMIT = 10_000;

    private Census() {
    }

    /**
     * The census actor, timeouts from {@code kwam.census} in the actor system's config. Needs a
     * cluster actor provider ({@code pekko.actor.provider = cluster}); spawn one per node.
     */
    public static Behavior<Command> create() {
        return Behaviors.setup(ctx -> create(CensusSettings.fromConfig(ctx.getSystem().settings().config())));
    }

    /** The census actor with explicit timeouts. */
    public static Behavior<Command> create(CensusSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Behavior<Command> census = DistributedData.withReplicatorMessageAdapter(
                (ReplicatorMessageAdapter<Command, StripeShard> stripes) -> DistributedData.withReplicatorMessageAdapter(
                        (ReplicatorMessageAdapter<Command, ObjectShard> objects) -> DistributedData.withReplicatorMessageAdapter(
                                (ReplicatorMessageAdapter<Command, NodeDirectory> nodes) -> Behaviors.setup(
                                        ctx -> new CensusActor(ctx, settings, stripes, objects, nodes)))));
        // Defence in depth: every command is validated, but a bug must not take the node's census down.
        return Behaviors.supervise(census).onFailure(SupervisorStrategy.restart());
    }

    /**
     * The census's protocol. {@link CensusActor.InternalCommand} — the replicator's answers, wrapped by
     * message adapters — is package-private: no one outside the census can send one.
     */
    public sealed interface Command extends KwamSerializable
            permits RegisterNode, GetNodes, RecordFragments, LookupStripes, ScanStripes, RecordObject, LookupObject, ListObjects,
            CensusActor.InternalCommand {
    }

    /** Adds or replaces this node's directory entry. */
    public record RegisterNode(NodeEntry entry, ActorRef<Done> replyTo) implements Command {
    }

    public record GetNodes(ActorRef<Nodes> replyTo) implements Command {
    }

    public record Nodes(List<NodeEntry> nodes) implements KwamSerializable {
        public Nodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** Merges these slots into the stripe's entry (slot by slot, newest write wins). */
    public record RecordFragments(Cid stripe, int k, int m, List<FragmentSlot> slots, ActorRef<Recorded> replyTo)
            implements Command {
        public RecordFragments {
            slots = List.copyOf(slots);
        }
    }

    /**
     * The outcome of a census write. {@code replicated} is true when a majority of members
     * acknowledged it, false when it is only on this node so far (gossip carries it on).
     * {@code refusal} is present when the write was refused as a whole (malformed: bad geometry,
     * duplicate or out-of-range slot indexes, no slots; or a geometry that contradicts the stripe's
     * recorded one) — nothing was recorded then and {@code replicated} is false. Check
     * {@link #accepted()} first.
     */
    public record Recorded(Cid key, boolean replicated, Optional<String> refusal) implements KwamSerializable {
        public Recorded {
            Objects.requireNonNull(refusal, "refusal");
        }

        /** An accepted write (the original two-field form; still the common case). */
        public Recorded(Cid key, boolean replicated) {
            this(key, replicated, Optional.empty());
        }

        public static Recorded refused(Cid key, String reason) {
            return new Recorded(key, false, Optional.of(reason));
        }

        public boolean accepted() {
            return refusal.isEmpty();
        }
    }

    public record LookupStripes(List<Cid> stripes, ActorRef<Stripes> replyTo) implements Command {
        public LookupStripes {
            stripes = List.copyOf(stripes);
        }
    }

    /** The entries found; a stripe the census has never heard of is absent from the map. */
    public record Stripes(Map<Cid, StripeEntry> found) implements KwamSerializable {
        public Stripes {
            found = Map.copyOf(found);
        }
    }

    /**
     * Every stripe of this node's replica (all {@value CensusKeys#STRIPE_SHARDS} stripe keys, read locally) with a
     * slot placed on one of {@code holders}, or — when {@code members} is non-empty — a slot that is not OK, not
     * placed, or placed on a node outside {@code members}. The JHMM's two questions: what did a removed node hold,
     * and what is below full redundancy now. Answered with {@link Stripes}; a local scan, so cheap next to the
     * gossip that keeps the replica, but proportional to the census: ask it on events, not per request.
     */
    public record ScanStripes(java.util.Set<String> holders, java.util.Set<String> members, ActorRef<Stripes> replyTo)
            implements Command {
        public ScanStripes {
            holders = java.util.Set.copyOf(holders);
            members = java.util.Set.copyOf(members);
        }

        /** Whether {@code entry} answers this scan. */
        public boolean matches(StripeEntry entry) {
            int width = entry.k() + entry.m();
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            boolean unhealthy = false;
            for (FragmentSlot slot : entry.slots()) {
                if (slot.placed() && holders.contains(slot.node())) {
                    return true;
                }
                seen.add(slot.index());
                if (slot.state() != SlotState.OK || !slot.placed() || !members.contains(slot.node())) {
                    unhealthy = true;
                }
            }
            return !members.isEmpty() && (unhealthy || seen.size() < width);
        }
    }

    /** {@code entry} is required: a refusal names the object it refuses, so there must be one. */
    public record RecordObject(ObjectEntry entry, ActorRef<Recorded> replyTo) implements Command {
        public RecordObject {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** {@code object} is required: the answer names the object it looked up. */
    public record LookupObject(Cid object, ActorRef<ObjectFound> replyTo) implements Command {
        public LookupObject {
            Objects.requireNonNull(object, "object");
        }
    }

    public record ObjectFound(Cid object, Optional<ObjectEntry> entry) implements KwamSerializable {
    }

    /**
     * Up to {@code limit} objects in cid order: the first {@code limit} cids the local replica holds after
     * {@code after} (exclusive; empty: from the start). {@code limit} in 1..10,000, anything else answers an
     * empty list. A page shorter than {@code limit} is the last; to read on, ask again after the last cid
     * of the page. Objects recorded meanwhile appear in a later page if their cid sorts after the cursor.
     */
    public record ListObjects(int limit, Optional<Cid> after, ActorRef<ObjectList> replyTo) implements Command {
        public ListObjects {
            Objects.requireNonNull(after, "after (use Optional.empty() for the first page)");
        }

        /** The first page. */
        public ListObjects(int limit, ActorRef<ObjectList> replyTo) {
            this(limit, Optional.empty(), replyTo);
        }
    }

    public record ObjectList(List<ObjectEntry> objects) implements KwamSerializable {
        public ObjectList {
            objects = List.copyOf(objects);
        }
    }
}
