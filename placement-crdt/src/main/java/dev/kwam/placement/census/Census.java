package dev.kwam.placement.census;

import dev.kwam.actors.KwamSerializable;
import dev.kwam.codec.Cid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

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
    private Census() {
    }

    public sealed interface Command extends KwamSerializable
            permits RegisterNode, GetNodes, RecordFragments, LookupStripes, RecordObject, LookupObject, ListObjects {
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
     */
    public record Recorded(Cid key, boolean replicated) implements KwamSerializable {
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

    public record RecordObject(ObjectEntry entry, ActorRef<Recorded> replyTo) implements Command {
    }

    public record LookupObject(Cid object, ActorRef<ObjectFound> replyTo) implements Command {
    }

    public record ObjectFound(Cid object, Optional<ObjectEntry> entry) {
    }

    /** Up to {@code limit} objects, oldest first by cid order within a key; {@code limit} in 1..10,000. */
    public record ListObjects(int limit, ActorRef<ObjectList> replyTo) implements Command {
    }

    public record ObjectList(List<ObjectEntry> objects) implements KwamSerializable {
        public ObjectList {
            objects = List.copyOf(objects);
        }
    }
}
