package dev.kwam.node.api;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.node.config.DomainLabel;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.dataplane.ChunkRoutes;
import dev.kwam.node.dataplane.DataPlaneServer;
import dev.kwam.node.peer.PeerClient;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ManifestStore;
import dev.kwam.node.write.ManifestKey;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.NodeEntry;
import dev.kwam.node.heal.CensusDeleteGuard;
import dev.kwam.node.heal.CensusQuestions;
import dev.kwam.node.heal.Healing;
import java.io.IOException;
import java.util.Optional;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's moving parts inside an ActorSystem that already runs Pekko Cluster with KWAM's
 * serializer and TLS: the manifest store and manifest key beside the fragment store, the census,
 * the node actor (which registers the node in the census) and the data port. {@code kwam up}
 * ({@link dev.kwam.node.up.NodeLauncher}) and {@link KwamNode#start} both come through here, so the
 * CLI's node and an embedded node are the same node.
 */
public final class NodeRuntime {
    /** Manifest store directory under the data directory. */
    public static final String MANIFEST_DIRECTORY = "manifests";
    public static final String PIPELINE_DISPATCHER = "kwam.pipeline-dispatcher";
    public static final String CODEC_DISPATCHER = "kwam.codec-dispatcher";
    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final ActorRef<KwamNode.Command> node;
    private final ActorRef<Census.Command> census;
    private final CompletionStage<ServerBinding> dataBinding;
    private final AtomicBoolean registered;
    private final ManifestStore manifests;
    private final SigningKey key;

    private NodeRuntime(ActorRef<KwamNode.Command> node, ActorRef<Census.Command> census, CompletionStage<ServerBinding> dataBinding,
            AtomicBoolean registered, ManifestStore manifests, SigningKey key) {
        this.node = node;
        this.census = census;
        this.dataBinding = dataBinding;
        this.registered = registered;
        this.manifests = manifests;
        this.key = key;
    }

    /**
     * @param store      the node's open fragment store (the caller closes it at shutdown)
     * @param registered set once the census acknowledges this node's directory entry (readiness reads it)
     * @throws IOException when the manifest store or the manifest key cannot be opened or created
     */
    public static NodeRuntime start(ActorSystem<?> system, NodeSettings settings, MutualTls tls, FragmentStore store,
            AtomicBoolean registered, CensusBehavior censusBehavior) throws IOException {
        Path data = settings.data().toAbsolutePath().normalize();
        ManifestStore manifests = ManifestStore.open(data.resolve(MANIFEST_DIRECTORY));
        SigningKey key = ManifestKey.loadOrCreate(data);
        Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig(DataPlaneServer.BLOCKING_IO_DISPATCHER));
        Executor codec = system.dispatchers().lookup(DispatcherSelector.fromConfig(CODEC_DISPATCHER));
        Executor pipeline = system.dispatchers().lookup(DispatcherSelector.fromConfig(PIPELINE_DISPATCHER));
        PeerClient peers = new PeerClient(tls, settings.dataPath().peerConnectTimeout(), settings.dataPath().peerRequestTimeout(),
                Math.max(ChunkRoutes.MAX_FRAGMENT_BYTES, ManifestStore.MAX_BYTES));
        ActorRef<Census.Command> census = system.systemActorOf(censusBehavior.create(settings), "kwam-census", Props.empty());
        NodeContext bare = new NodeContext(system, settings.name(), settings.dataPath(), census, store, manifests, peers, key, codec, io,
                pipeline, Optional.empty());
        CensusQuestions questions = new CensusQuestions(census, settings.dataPath().censusTimeout(), system.scheduler());
        ManifestLookup lookup = new ManifestLookup(bare);
        Healing healing = Healing.start(system, new Healing.NodeParts(settings, store, peers, questions, bare::fleet,
                (object, fleet, entry) -> lookup.find(object, fleet, Optional.of(entry)), io, pipeline, codec));
        NodeContext ctx = bare.withHealing(healing);
        Map<String, String> domains = new TreeMap<>();
        for (DomainLabel label : settings.domains()) {
            domains.put(label.kind(), label.value());
        }
        NodeEntry self = new NodeEntry(settings.name(), tls.node().id().toString(), endpoint(settings.host(), settings.dataPort()),
                domains, HexFormat.of().formatHex(key.publicKey().raw()), System.currentTimeMillis());
        ActorRef<KwamNode.Command> node = system.<Object>systemActorOf(NodeActor.create(ctx, self, registered), "kwam-node",
                Props.empty()).narrow();
        CompletionStage<ServerBinding> bound = DataPlaneServer.bind(system,
                new DataPlaneServer.Wiring(settings.host(), settings.dataPort(), tls, store, manifests).withNode(node)
                        .withDeletes(new CensusDeleteGuard(settings.name(), CensusDeleteGuard.lookupWith(questions))));
        bound.thenAccept(binding -> {
            LOG.info("data plane on https://{}:{} (mutual TLS): gRPC kwam.v1.Kwam, GET/PUT/DELETE /chunk/<cid>, GET/PUT /manifest/<cid>",
                    binding.localAddress().getHostString(), binding.localAddress().getPort());
            // Stop taking requests first on shutdown; the store closes much later.
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "kwam-data-unbind",
                    () -> binding.unbind().thenApply(done -> Done.getInstance()));
        });
        return new NodeRuntime(node, census, bound, registered, manifests, key);
    }

    static String endpoint(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The node's public actor. */
    public ActorRef<KwamNode.Command> node() {
        return node;
    }

    public ActorRef<Census.Command> census() {
        return census;
    }

    /** Completes when the data port is bound (or fails when it cannot be). */
    public CompletionStage<ServerBinding> dataBinding() {
        return dataBinding;
    }

    /** True once the census has acknowledged this node's directory entry. */
    public boolean registered() {
        return registered.get();
    }

    public ManifestStore manifests() {
        return manifests;
    }

    /** The public half of the key this node signs its manifests with. */
    public dev.kwam.codec.sign.PublicKey manifestKey() {
        return key.publicKey();
    }
}
