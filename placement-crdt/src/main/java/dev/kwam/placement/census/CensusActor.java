package dev.kwam.placement.census;

import dev.kwam.codec.Cid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The census actor behind {@link Census#create}: public {@link Census.Command}s in, replicator
 * responses as package-private {@link InternalCommand}s (the shape of Pekko's ReplicatedCache sample).
 * Every answer names what it answers: commands without their object or entry cannot be built.
 *
 * <p>Consistency (docs/placement.md, "The census"): writes {@code WriteMajority}, acknowledged as
 * local-only on timeout; reads {@code ReadLocal}, retried once at {@code ReadMajority} on a miss.
 */
final class CensusActor extends AbstractBehavior<Census.Command> {
    /** Replicator responses, wrapped by this actor's message adapters; they never leave the node. */
    sealed interface InternalCommand extends Census.Command
            permits StripeWritten, ObjectWritten, NodeRegistered, NodesRead, StripesRead, StripesScanned, ObjectRead, ObjectsListed {
    }

    private record StripeWritten(Cid stripe, ActorRef<Census.Recorded> replyTo,
            Replicator.UpdateResponse<StripeShard> response) implements InternalCommand {
    }

    private record ObjectWritten(Cid object, ActorRef<Census.Recorded> replyTo,
            Replicator.UpdateResponse<ObjectShard> response) implements InternalCommand {
    }

    private record NodeRegistered(ActorRef<Done> replyTo, Replicator.UpdateResponse<NodeDirectory> response)
            implements InternalCommand {
    }

    private record NodesRead(ActorRef<Census.Nodes> replyTo, boolean majority,
            Replicator.GetResponse<NodeDirectory> response) implements InternalCommand {
    }

    private record StripesRead(long request, int shard, boolean majority, Replicator.GetResponse<StripeShard> response)
            implements InternalCommand {
    }

    private record StripesScanned(long request, Replicator.GetResponse<StripeShard> response) implements InternalCommand {
    }

    private record ObjectRead(Cid object, ActorRef<Census.ObjectFound> replyTo, boolean majority,
            Replicator.GetResponse<ObjectShard> response) implements InternalCommand {
    }

    private record ObjectsListed(long request, int shard, Replicator.GetResponse<ObjectShard> response)
            implements InternalCommand {
    }

    private final CensusSettings settings;
    private final ReplicatorMessageAdapter<Census.Command, StripeShard> stripes;
    private final ReplicatorMessageAdapter<Census.Command, ObjectShard> objects;
    private final ReplicatorMessageAdapter<Census.Command, NodeDirectory> nodes;
    private final String writer;
    private final Map<Long, StripeLookup> stripeLookups = new HashMap<>();
    private final Map<Long, ObjectListing> listings = new HashMap<>();
    private final Map<Long, StripeScan> scans = new HashMap<>();
    private long nextRequest;

    CensusActor(ActorContext<Census.Command> context, CensusSettings settings, ReplicatorMessageAdapter<Census.Command, StripeShard> stripes,
            ReplicatorMessageAdapter<Census.Command, ObjectShard> objects, ReplicatorMessageAdapter<Census.Command, NodeDirectory> nodes) {
        super(context);
        this.settings = settings;
        this.stripes = stripes;
        this.objects = objects;
        this.nodes = nodes;
        SelfUniqueAddress self = DistributedData.get(context.getSystem()).selfUniqueAddress();
        // The LWW tiebreak for equal stamps: unique per incarnation, identical in every replica.
        this.writer = Names.intern(self.uniqueAddress().address() + "#" + self.uniqueAddress().longUid());
    }

    @Override
    public Receive<Census.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Census.RegisterNode.class, this::onRegisterNode)
                .onMessage(Census.GetNodes.class, this::onGetNodes)
                .onMessage(Census.RecordFragments.class, this::onRecordFragments)
                .onMessage(Census.LookupStripes.class, this::onLookupStripes)
                .onMessage(Census.ScanStripes.class, this::onScanStripes)
                .onMessage(StripesScanned.class, this::onStripesScanned)
                .onMessage(Census.RecordObject.class, this::onRecordObject)
                .onMessage(Census.LookupObject.class, this::onLookupObject)
                .onMessage(Census.ListObjects.class, this::onListObjects)
                .onMessage(StripeWritten.class, this::onStripeWritten)
                .onMessage(ObjectWritten.class, this::onObjectWritten)
                .onMessage(NodeRegistered.class, this::onNodeRegistered)
                .onMessage(NodesRead.class, this::onNodesRead)
                .onMessage(StripesRead.class, this::onStripesRead)
                .onMessage(ObjectRead.class, this::onObjectRead)
                .onMessage(ObjectsListed.class, this::onObjectsListed)
                .build();
    }

    private Replicator.WriteConsistency writeMajority() {
        return new Replicator.WriteMajority(settings.writeTimeout());
    }

    private Replicator.ReadConsistency read(boolean majority) {
        return majority ? new Replicator.ReadMajority(settings.readTimeout()) : Replicator.readLocal();
    }

    private boolean unanswerable(Object command, Object replyTo) {
        if (replyTo == null) {
            getContext().getLog().warn("census: ignoring a {} without replyTo", command.getClass().getSimpleName());
            return true;
        }
        return false;
    }

    // ---- nodes ----

    private AbstractBehavior<Census.Command> onRegisterNode(Census.RegisterNode c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        if (c.entry() == null || c.entry().node().isBlank()) {
            // Done cannot carry a refusal: the asker's timeout is the answer, and the log says why.
            getContext().getLog().warn("census: refusing RegisterNode without a node name: {}", c.entry());
            return this;
        }
        NodeEntry entry = c.entry();
        nodes.askUpdate(
                replyTo -> new Replicator.Update<>(CensusKeys.NODES, NodeDirectory.EMPTY, writeMajority(), replyTo,
                        dir -> dir.register(entry)),
                response -> new NodeRegistered(c.replyTo(), response));
        return this;
    }

    private AbstractBehavior<Census.Command> onNodeRegistered(NodeRegistered r) {
        if (r.response() instanceof Replicator.ModifyFailure<NodeDirectory> f) {
            getContext().getLog().warn("census: node registration failed: {}", f.errorMessage());
            return this;
        }
        // Success, or a majority timeout: the entry is in this replica and gossip carries it on.
        r.replyTo().tell(Done.getInstance());
        return this;
    }

    private AbstractBehavior<Census.Command> onGetNodes(Census.GetNodes c) {
        if (!unanswerable(c, c.replyTo())) {
            getNodes(c.replyTo(), false);
        }
        return this;
    }

    private void getNodes(ActorRef<Census.Nodes> replyTo, boolean majority) {
        nodes.askGet(r -> new Replicator.Get<>(CensusKeys.NODES, read(majority), r),
                response -> new NodesRead(replyTo, majority, response));
    }

    private AbstractBehavior<Census.Command> onNodesRead(NodesRead r) {
        if (r.response() instanceof Replicator.GetSuccess<NodeDirectory> s) {
            r.replyTo().tell(new Census.Nodes(s.dataValue().all()));
        } else if (!r.majority() && r.response() instanceof Replicator.NotFound) {
            getNodes(r.replyTo(), true);
        } else {
            r.replyTo().tell(new Census.Nodes(List.of()));
        }
        return this;
    }

    // ---- stripes ----

    private AbstractBehavior<Census.Command> onRecordFragments(Census.RecordFragments c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        Optional<String> refusal = RecordFragmentsCheck.refusal(c);
        if (refusal.isPresent()) {
            c.replyTo().tell(Census.Recorded.refused(c.stripe(), refusal.get()));
            return this;
        }
        long now = System.currentTimeMillis();
        stripes.askUpdate(
                replyTo -> new Replicator.Update<>(CensusKeys.stripeKey(CensusKeys.stripeShard(c.stripe())),
                        StripeShard.EMPTY, writeMajority(), replyTo, shard -> {
                            StripeRecord existing = shard.lookup(c.stripe()).orElse(null);
                            RecordFragmentsCheck.sameGeometry(c, existing);
                            return shard.record(StripeRecord.written(c.stripe(), c.k(), c.m(), c.slots(), now, writer,
                                    existing));
                        }),
                response -> new StripeWritten(c.stripe(), c.replyTo(), response));
        return this;
    }

    private AbstractBehavior<Census.Command> onStripeWritten(StripeWritten w) {
        w.replyTo().tell(recorded(w.stripe(), w.response()));
        return this;
    }

    private static Census.Recorded recorded(Cid key, Replicator.UpdateResponse<?> response) {
        if (response instanceof Replicator.UpdateSuccess) {
            return new Census.Recorded(key, true);
        }
        if (response instanceof Replicator.UpdateTimeout) {
            return new Census.Recorded(key, false);
        }
        if (response instanceof Replicator.ModifyFailure<?> f) {
            return Census.Recorded.refused(key, f.cause().getMessage());
        }
        return Census.Recorded.refused(key, "the census could not record it: " + response);
    }

    private AbstractBehavior<Census.Command> onLookupStripes(Census.LookupStripes c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        Map<Integer, List<Cid>> byShard = new HashMap<>();
        for (Cid stripe : c.stripes()) {
            byShard.computeIfAbsent(CensusKeys.stripeShard(stripe), s -> new ArrayList<>()).add(stripe);
        }
        if (byShard.isEmpty()) {
            c.replyTo().tell(new Census.Stripes(Map.of()));
            return this;
        }
        long request = nextRequest++;
        stripeLookups.put(request, new StripeLookup(c.replyTo(), byShard));
        for (int shard : byShard.keySet()) {
            getStripes(request, shard, false);
        }
        return this;
    }

    private void getStripes(long request, int shard, boolean majority) {
        stripes.askGet(r -> new Replicator.Get<>(CensusKeys.stripeKey(shard), read(majority), r),
                response -> new StripesRead(request, shard, majority, response));
    }

    private AbstractBehavior<Census.Command> onStripesRead(StripesRead r) {
        StripeLookup lookup = stripeLookups.get(r.request());
        if (lookup == null) {
            return this;
        }
        StripeShard shard = r.response() instanceof Replicator.GetSuccess<StripeShard> s ? s.dataValue() : StripeShard.EMPTY;
        boolean complete = lookup.take(r.shard(), shard);
        boolean failed = r.response() instanceof Replicator.GetFailure || r.response() instanceof Replicator.GetDataDeleted;
        if (!complete && !r.majority() && !failed) {
            getStripes(r.request(), r.shard(), true);
            return this;
        }
        if (lookup.shardDone()) {
            stripeLookups.remove(r.request());
            lookup.replyTo.tell(new Census.Stripes(lookup.found));
        }
        return this;
    }

    private AbstractBehavior<Census.Command> onScanStripes(Census.ScanStripes c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        long request = nextRequest++;
        scans.put(request, new StripeScan(c));
        for (int shard = 0; shard < CensusKeys.STRIPE_SHARDS; shard++) {
            int s = shard;
            stripes.askGet(r -> new Replicator.Get<>(CensusKeys.stripeKey(s), Replicator.readLocal(), r),
                    response -> new StripesScanned(request, response));
        }
        return this;
    }

    private AbstractBehavior<Census.Command> onStripesScanned(StripesScanned r) {
        StripeScan scan = scans.get(r.request());
        if (scan == null) {
            return this;
        }
        if (scan.take(r.response() instanceof Replicator.GetSuccess<StripeShard> s ? s.dataValue() : StripeShard.EMPTY)) {
            scans.remove(r.request());
            scan.scan.replyTo().tell(new Census.Stripes(scan.found));
        }
        return this;
    }

    // ---- objects ----

    private AbstractBehavior<Census.Command> onRecordObject(Census.RecordObject c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        ObjectEntry e = c.entry();
        if (e.size() < 0 || e.stripes() < 0) {
            c.replyTo().tell(Census.Recorded.refused(e.object(), "an object entry needs a size >= 0 and stripes >= 0, got " + e));
            return this;
        }
        objects.askUpdate(
                replyTo -> new Replicator.Update<>(CensusKeys.objectKey(CensusKeys.objectShard(e.object())),
                        ObjectShard.EMPTY, writeMajority(), replyTo, shard -> shard.record(e)),
                response -> new ObjectWritten(e.object(), c.replyTo(), response));
        return this;
    }

    private AbstractBehavior<Census.Command> onObjectWritten(ObjectWritten w) {
        w.replyTo().tell(recorded(w.object(), w.response()));
        return this;
    }

    private AbstractBehavior<Census.Command> onLookupObject(Census.LookupObject c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        getObject(c.object(), c.replyTo(), false);
        return this;
    }

    private void getObject(Cid object, ActorRef<Census.ObjectFound> replyTo, boolean majority) {
        objects.askGet(r -> new Replicator.Get<>(CensusKeys.objectKey(CensusKeys.objectShard(object)), read(majority), r),
                response -> new ObjectRead(object, replyTo, majority, response));
    }

    private AbstractBehavior<Census.Command> onObjectRead(ObjectRead r) {
        Optional<ObjectEntry> found = r.response() instanceof Replicator.GetSuccess<ObjectShard> s
                ? s.dataValue().lookup(r.object())
                : Optional.empty();
        boolean failed = r.response() instanceof Replicator.GetFailure || r.response() instanceof Replicator.GetDataDeleted;
        if (found.isEmpty() && !r.majority() && !failed) {
            getObject(r.object(), r.replyTo(), true);
        } else {
            r.replyTo().tell(new Census.ObjectFound(r.object(), found));
        }
        return this;
    }

    private AbstractBehavior<Census.Command> onListObjects(Census.ListObjects c) {
        if (unanswerable(c, c.replyTo())) {
            return this;
        }
        if (c.limit() < 1 || c.limit() > Census.MAX_LIST_LIMIT) {
            // Documented: a limit outside 1..10,000 lists nothing rather than failing the asker.
            c.replyTo().tell(new Census.ObjectList(List.of()));
            return this;
        }
        long request = nextRequest++;
        listings.put(request, new ObjectListing(c.replyTo(), c.limit(), c.after()));
        for (int shard = 0; shard < CensusKeys.OBJECT_SHARDS; shard++) {
            int s = shard;
            objects.askGet(r -> new Replicator.Get<>(CensusKeys.objectKey(s), Replicator.readLocal(), r),
                    response -> new ObjectsListed(request, s, response));
        }
        return this;
    }

    private AbstractBehavior<Census.Command> onObjectsListed(ObjectsListed r) {
        ObjectListing listing = listings.get(r.request());
        if (listing == null) {
            return this;
        }
        if (r.response() instanceof Replicator.GetSuccess<ObjectShard> s) {
            listing.take(r.shard(), s.dataValue());
        } else {
            listing.take(r.shard(), ObjectShard.EMPTY);
        }
        if (listing.done()) {
            listings.remove(r.request());
            listing.replyTo.tell(new Census.ObjectList(listing.result()));
        }
        return this;
    }
}
