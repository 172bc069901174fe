package dev.kwam.node.api;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.config.DomainLabel;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.dataplane.ChunkRoutes;
import dev.kwam.node.dataplane.DataPlaneServer;
import dev.kwam.node.heal.CensusDeleteGuard;
import dev.kwam.node.heal.CensusQuestions;
import dev.kwam.node.heal.Healing;
import dev.kwam.node.maintenance.FleetMaintenance;
import dev.kwam.node.maintenance.NodeMarksView;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.NodeEntry;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;

/**
 * What a node answers {@link KwamNode}'s protocol with: the manifest store beside the fragment store,
 * the peer client, the three executors, and — once healing runs — the node's public actor. The
 * composition root ({@link dev.kwam.node.up.NodeRoot}) opens it between the census and healing,
 * because healing asks the same census and finds manifests the same way the node's reads do.
 */
public final class NodeRequests {
    /** Manifest store directory under the data directory. */
    public static final String MANIFEST_DIRECTORY = "manifests";
    private static final String PIPELINE_DISPATCHER = "kwam.pipeline-dispatcher";
    private static final String CODEC_DISPATCHER = "kwam.codec-dispatcher";

    private final NodeSettings settings;
    private final MutualTls tls;
    private final NodeContext context;
    private final CensusQuestions questions;
    private final Authorizer authorizer;

    private NodeRequests(NodeSettings settings, MutualTls tls, NodeContext context, CensusQuestions questions, Authorizer authorizer) {
        this.settings = settings;
        this.tls = tls;
        this.context = context;
        this.questions = questions;
        this.authorizer = authorizer;
    }

    /**
     * {@code authorizer}: the policy's grants, checked on every call of the data port and when repairs pick nodes.
     *
     * @throws IOException when the manifest store cannot be opened or created
     */
    public static NodeRequests open(ActorSystem<?> system, NodeSettings settings, MutualTls tls, FragmentStore store, SigningKey key,
            ActorRef<Census.Command> census, Authorizer authorizer, NodeMarksView marks, Supplier<String> consensus) throws IOException {
        ManifestStore manifests = ManifestStore.open(settings.data().toAbsolutePath().normalize().resolve(MANIFEST_DIRECTORY));
        Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig(DataPlaneServer.BLOCKING_IO_DISPATCHER));
        Executor codec = system.dispatchers().lookup(DispatcherSelector.fromConfig(CODEC_DISPATCHER));
        Executor pipeline = system.dispatchers().lookup(DispatcherSelector.fromConfig(PIPELINE_DISPATCHER));
        PeerClient peers = new PeerClient(tls, settings.dataPath().peerConnectTimeout(), settings.dataPath().peerRequestTimeout(),
                Math.max(ChunkRoutes.MAX_FRAGMENT_BYTES, ManifestStore.MAX_BYTES));
        NodeContext context = new NodeContext(system, settings.name(), settings.dataPath(), census, store, manifests, peers, key, codec,
                io, pipeline, Optional.empty(), authorizer.summary(), marks, consensus);
        return new NodeRequests(settings, tls, context,
                new CensusQuestions(census, settings.dataPath().censusTimeout(), system.scheduler()), authorizer);
    }

    /** What healing needs from the node: its store and peers, the census, the fleet, and how to find a manifest. */
    public Healing.NodeParts forHealing() {
        ManifestLookup lookup = new ManifestLookup(context);
        return new Healing.NodeParts(settings, context.store(), context.peers(), questions, context::fleet,
                (object, fleet, entry) -> lookup.find(object, fleet, Optional.of(entry)), context.io(), context.pipeline(), context.codec(),
                authorizer, context.marks());
    }

    /** What drain and quarantine need: the census, the fleet, the store and peers, and the JHMM through healing. */
    public FleetMaintenance forMaintenance(Healing healing) {
        return new FleetMaintenance(settings.name(), questions, context::fleet, context.store(), context.peers(), healing, context.io());
    }

    /** Spawns the node's public actor, which registers this node in the census and sets {@code registered} once it is. */
    public ActorRef<KwamNode.Command> spawnNode(Healing healing, AtomicBoolean registered) {
        Map<String, String> domains = new TreeMap<>();
        for (DomainLabel label : settings.domains()) {
            domains.put(label.kind(), label.value());
        }
        NodeEntry self = new NodeEntry(settings.name(), tls.node().id().toString(), endpoint(settings.host(), settings.dataPort()),
                domains, HexFormat.of().formatHex(context.key().publicKey().raw()), System.currentTimeMillis());
        return context.system().systemActorOf(NodeActor.create(context.withHealing(healing), self, registered), "kwam-node",
                Props.empty());
    }

    /** The data port's wiring: chunks and manifests from the stores, gRPC to {@code node}, deletes checked against the census. */
    public DataPlaneServer.Wiring dataPlane(ActorRef<KwamNode.Command> node) {
        return new DataPlaneServer.Wiring(settings.host(), settings.dataPort(), tls, context.store(), context.manifests()).withNode(node)
                .withAuthorizer(authorizer).withDeletes(new CensusDeleteGuard(settings.name(), CensusDeleteGuard.lookupWith(questions)));
    }

    private static String endpoint(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
