package dev.kwam.node.api;

import dev.kwam.codec.Cid;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.node.config.DataPathSettings;
import dev.kwam.node.heal.Healing;
import dev.kwam.node.maintenance.NodeMarksView;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.read.HolderFetch;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import dev.kwam.node.store.ReadResult;
import dev.kwam.node.write.FragmentCourier;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.NodeEntry;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * What a node's requests run with: its name, census, stores, peer client, manifest key and the three
 * executors — codec work on {@code kwam.codec-dispatcher}, fragment I/O on
 * {@code kwam.blocking-io-dispatcher}, each request's driving thread on {@code kwam.pipeline-dispatcher}.
 * Nothing here runs on an actor's dispatcher. {@code authorization} is what the data port enforces, in one line
 * ({@link dev.kwam.node.authz.Authorizer#summary()}), for the cluster status.
 */
record NodeContext(ActorSystem<?> system, String self, DataPathSettings settings, ActorRef<Census.Command> census,
        FragmentStore store, ManifestStore manifests, PeerClient peers, SigningKey key, Executor codec, Executor io,
        Executor pipeline, Optional<Healing> healing, String authorization, NodeMarksView marks, Supplier<String> consensus) {

    /** This context with the node's healing wired in (it is started after the context it needs). */
    NodeContext withHealing(Healing h) {
        return new NodeContext(system, self, settings, census, store, manifests, peers, key, codec, io, pipeline, Optional.of(h), authorization, marks, consensus);
    }

    <T> CompletionStage<T> askCensus(Function<ActorRef<T>, Census.Command> message) {
        return AskPattern.ask(census, message::apply, settings.censusTimeout(), system.scheduler());
    }

    /** The fleet now: the census's node directory joined with this node's view of the membership. */
    CompletionStage<FleetView> fleet() {
        return this.<Census.Nodes>askCensus(Census.GetNodes::new)
                .thenApply(nodes -> FleetView.of(self, Cluster.get(system).state(), nodes.nodes(), marks.marks()));
    }

    /** Delivers a fragment to {@code node}: this node's store directly, a peer over its data endpoint. */
    FragmentCourier courier(FleetView fleet) {
        return (node, fragment) -> {
            if (node.equals(self)) {
                store.put(fragment);
            } else {
                peers.putChunk(endpoint(fleet, node), fragment);
            }
        };
    }

    HolderFetch fetcher(FleetView fleet) {
        return (node, cid) -> node.equals(self) ? local(cid) : peers.getChunk(endpoint(fleet, node), cid);
    }

    private PeerClient.ChunkReply local(Cid cid) throws IOException {
        ReadResult result = store.read(cid);
        if (result instanceof ReadResult.Found found) {
            return new PeerClient.Found(found.bytes());
        }
        if (result instanceof ReadResult.Quarantined) {
            return new PeerClient.Corrupt("this node held " + cid + " but it failed verification and is quarantined");
        }
        return new PeerClient.NotHeld();
    }

    static String endpoint(FleetView fleet, String node) throws IOException {
        return fleet.entry(node).map(NodeEntry::dataEndpoint)
                .orElseThrow(() -> new IOException("node " + node + " has no data endpoint in the census directory"));
    }
}
