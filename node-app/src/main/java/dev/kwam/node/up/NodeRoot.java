package dev.kwam.node.up;

import dev.kwam.actors.pki.MutualTls;
import dev.kwam.node.hud.HudGate;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import dev.kwam.hud.ApiRoutes;
import dev.kwam.hud.HudMetrics;
import dev.kwam.node.api.KwamNode;
import dev.kwam.node.api.NodeRequests;
import dev.kwam.node.authz.Authorizer;
import dev.kwam.node.authz.NodeAuthorization;
import dev.kwam.node.cluster.ClusterConfig;
import dev.kwam.node.cluster.MembershipWatcher;
import dev.kwam.node.config.NodeSettings;
import dev.kwam.node.consent.ConsentGate;
import dev.kwam.node.dataplane.DataPlaneServer;
import dev.kwam.node.grpc.AdminGrpcService;
import dev.kwam.node.heal.Healing;
import dev.kwam.node.health.HealthRoutes;
import dev.kwam.node.health.ReadinessCheck;
import dev.kwam.node.hud.NodeHudData;
import dev.kwam.node.maintenance.Drains;
import dev.kwam.node.maintenance.FleetMaintenance;
import dev.kwam.placement.census.Census;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: every subsystem of a node is started here, in this order, and stops in the
 * CoordinatedShutdown phase it names. {@code kwam up} ({@link NodeLauncher}, in its own ActorSystem)
 * and {@link KwamNode#start} (in an integrator's) both come through here, so the CLI's node and an
 * embedded node are the same node.
 *
 * <p>The store comes first because everything writes to it, and closes last; the audit log next,
 * before anything that may record an action (the data port's AdjustRepairBudget), closing with the
 * store; the census before what asks it; healing before the node actor, whose repair questions go to it; the ports last,
 * because a request may arrive the moment one is bound, and they are unbound first. Consensus (the
 * node's Raft peer when it votes, and its access to the group) comes after the census and closes with
 * the files. Next in line: the HUD's HTTP server after healing, reading the JHMM's events — one more
 * {@link #started} line.
 */
public final class NodeRoot {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRoot.class);
    /** How often a draining node checks whether the census still places anything on it. */
    private static final Duration DRAIN_CHECK = Duration.ofSeconds(5);

    /** Whether the node serves its own membership log and /health and /ready ({@code kwam up}) or its host does. */
    public enum Probes {
        SERVED, LEFT_TO_HOST
    }

    /** A started node: its public actor and the addresses it serves on. */
    public record Started(ActorRef<KwamNode.Command> node, InetSocketAddress dataAddress, Optional<InetSocketAddress> probeAddress) {
    }

    private NodeRoot() {
    }

    /** Starts {@code node}'s subsystems in {@code system}, which already runs Pekko Cluster with {@link PreparedNode#systemConfig}. */
    public static Started start(ActorSystem<?> system, PreparedNode node, Probes probes) throws StartupException {
        NodeSettings settings = node.settings();
        MutualTls tls = MutualTls.of(node.identity());
        Authorizer authorizer = NodeAuthorization.load(settings);
        if (probes == Probes.SERVED) {
            system.systemActorOf(MembershipWatcher.create(), "kwam-membership", Props.empty());
        }
        OpenStore store = started(system, OpenStore.open(settings, node.data()));
        OpenAuditLog audit = started(system, OpenAuditLog.open(node));
        ActorRef<Census.Command> census = dataPath(node, () -> system.systemActorOf(Census.create(), "kwam-census", Props.empty()));
        OpenConsensus consensus = started(system, OpenConsensus.open(system, node));
        NodeRequests requests = dataPath(node, () -> NodeRequests.open(system, settings, tls, store.store(), node.manifestKey(), census,
                authorizer, consensus.marks(), consensus::describe));
        Healing healing = dataPath(node, () -> Healing.start(system, requests.forHealing()));
        AtomicBoolean registered = new AtomicBoolean();
        ActorRef<KwamNode.Command> kwamNode = dataPath(node, () -> requests.spawnNode(healing, registered));
        AdminGrpcService.Parts admin = admin(system, settings.name(), authorizer, consensus, audit,
                requests.forMaintenance(healing));
        BoundPort data = started(system, BoundPort.await("data-unbind", DataPlaneServer.bind(system, requests.dataPlane(kwamNode)
                .withAudit(audit.log()).withAdmin(admin)), "data port", settings.host() + ":" + settings.dataPort(), "--data-port"));
        LOG.info("data plane on https://{}:{} (mutual TLS): gRPC kwam.v1.Kwam and kwam.v1.KwamAdmin, GET/PUT/DELETE /chunk/<cid>, "
                + "GET/PUT /manifest/<cid>, POST /quarantine/<cid>",
                data.address().getHostString(), data.address().getPort());
        Optional<BoundPort> probePort = Optional.empty();
        if (probes == Probes.SERVED) {
            probePort = Optional.of(started(system, probes(system, settings, store, audit, registered, authorizer, tls, kwamNode)));
            LOG.info("/health, /ready, the HUD's page, /api/… and /metrics on {}://{}:{}{}", loopback(settings.metricsHost()) ? "http"
                    : "https", probePort.get().address().getHostString(), probePort.get().address().getPort(),
                    loopback(settings.metricsHost()) ? "" : " (the HUD needs a client certificate of the fleet's CA"
                            + (authorizer instanceof Authorizer.NoPolicy ? ")" : " whose SPIFFE ID holds read)"));
        }
        return new Started(kwamNode, data.address(), probePort.map(BoundPort::address));
    }

    /** The administrative service's parts: every change it makes passes the consent gate, which records to the audit log. */
    private static AdminGrpcService.Parts admin(ActorSystem<?> system, String self, Authorizer authorizer, OpenConsensus consensus, OpenAuditLog audit,
            FleetMaintenance maintenance) {
        Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.fromConfig(DataPlaneServer.BLOCKING_IO_DISPATCHER));
        ConsentGate gate = new ConsentGate(authorizer.grants(), consensus.state(), consensus.state(), Optional.of(audit.log()),
                Clock.systemUTC(), blockingIo);
        AdminGrpcService.NodeMarks nodes = new AdminGrpcService.NodeMarks(consensus.marks(), name -> isMember(system, name),
                Optional.of(audit.log()), blockingIo);
        Drains drains = new Drains(consensus.state(), maintenance, consensus.marks(), Optional.of(audit.log()), blockingIo);
        drains.watch(system, self, DRAIN_CHECK);
        return new AdminGrpcService.Parts(consensus.state(), gate, audit.log().file(), Clock.systemUTC(), nodes,
                new AdminGrpcService.Maintenance(drains, maintenance));
    }

    /** Whether {@code name} is a node of this cluster (a member publishing it as its name). */
    private static boolean isMember(ActorSystem<?> system, String name) {
        for (org.apache.pekko.cluster.Member m : Cluster.get(system).state().getMembers()) {
            if (ClusterConfig.nameOf(m).filter(name::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Registers {@code subsystem}'s stop in its phase: from here on, a node that stops releases it. */
    private static <S extends Subsystem> S started(ActorSystem<?> system, S subsystem) {
        CoordinatedShutdown.get(system).addTask(subsystem.stopPhase(), "kwam-" + subsystem.name(), subsystem::stop);
        return subsystem;
    }

    /**
     * The readiness probe (an Up member registered in the census whose store takes writes), the HUD's page, its API and
     * {@code /metrics}. On a loopback address, plain HTTP. Elsewhere HTTPS with the node's certificate: the probes answer
     * anyone (orchestrators' probes present no certificate), the HUD only a caller with a certificate of the fleet's CA
     * and, with a policy, the {@code read} capability ({@link HudGate}). The HUD has no control action.
     */
    private static BoundPort probes(ActorSystem<?> system, NodeSettings settings, OpenStore store, OpenAuditLog audit, AtomicBoolean registered,
            Authorizer authorizer, MutualTls tls, ActorRef<KwamNode.Command> kwamNode) throws StartupException {
        String joining = settings.foundsCluster() ? "itself (founding a new cluster)" : joining(settings);
        Cluster cluster = Cluster.get(system);
        HealthRoutes health = new HealthRoutes(new ReadinessCheck(cluster, store::snapshot, joining, registered::get,
                authorizer.summary()), cluster);
        NodeHudData hud = new NodeHudData(system, kwamNode, store::snapshot, Clock.systemUTC());
        audit.log().listen(hud::audited);
        HudMetrics metrics = HudMetrics.start(hud, settings.name(), system);
        CoordinatedShutdown.get(system).addJvmShutdownHook(metrics::close);
        Route api = new ApiRoutes(hud, Clock.systemUTC()).routes();
        var server = Http.get(system).newServerAt(settings.metricsHost(), settings.metricsPort());
        if (!loopback(settings.metricsHost())) {
            Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.fromConfig(DataPlaneServer.BLOCKING_IO_DISPATCHER));
            api = new HudGate(authorizer, tls, Optional.of(audit.log()), blockingIo).guard(api);
            ServerSettings defaults = ServerSettings.create(system.settings().config());
            server = server.enableHttps(ConnectionContext.httpsServer(tls::serverEngineCertificateWanted))
                    .withSettings(defaults.withParserSettings(defaults.getParserSettings().withIncludeSslSessionAttribute(true)));
        }
        return BoundPort.await("metrics-unbind", server.bind(health.routes().orElse(api)), "metrics port",
                settings.metricsHost() + ":" + settings.metricsPort(), "--metrics-port");
    }

    private static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The seeds this node joins through, for the operator. */
    static String joining(NodeSettings settings) {
        return settings.seeds().stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** A part of the node's data path, started; any failure refuses the start naming the data directory. */
    private static <T> T dataPath(PreparedNode node, Part<T> part) throws StartupException {
        try {
            return part.start();
        } catch (Exception e) {
            throw new StartupException("the node's data path could not start", node.data(), rootMessage(e),
                    "check that the data directory " + node.data() + " is writable and its manifests/ and manifest-key/ are intact", e);
        }
    }

    @FunctionalInterface
    private interface Part<T> {
        T start() throws Exception;
    }

    /** The failure's message, with its root cause's when that is another exception. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
