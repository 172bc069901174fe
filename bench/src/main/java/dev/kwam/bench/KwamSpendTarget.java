package dev.kwam.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.consensus.ConsensusClient;
import dev.kwam.consensus.ConsensusException;
import dev.kwam.consensus.ConsensusExtension;
import dev.kwam.consensus.MustAgree;
import dev.kwam.consensus.PeerSettings;
import dev.kwam.consensus.RaftGroupHost;
import dev.kwam.consensus.Voter;
import dev.kwam.consensus.Voters;
import dev.kwam.consensus.entities.ConsentLedger;
import dev.kwam.consensus.journal.JournalStateMachine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * KWAM's consent ledger as a node uses it: {@code voters} Raft peers (Ratis, plain gRPC on loopback, each log
 * on its own directory, fsync per entry) and as many actor systems in one Pekko cluster, each with the group's
 * client attached and {@link MustAgree} started, the way node-app's composition root wires them. Spends go to
 * the systems in turn, as etcd's client spreads them over the members; sharding routes each to its token's
 * entity, whose journal commits through the group.
 */
final class KwamSpendTarget implements SpendTarget {
    /** node-app's own call timeout (OpenConsensus.CALL_TIMEOUT). */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final List<RaftGroupHost> peers;
    private final List<ActorSystem<Void>> systems;
    private final List<ConsensusClient> clients;
    private final List<MustAgree> nodes;
    private final AtomicLong turn = new AtomicLong();

    private KwamSpendTarget(List<RaftGroupHost> peers, List<ActorSystem<Void>> systems, List<ConsensusClient> clients,
                            List<MustAgree> nodes) {
        this.peers = peers;
        this.systems = systems;
        this.clients = clients;
        this.nodes = nodes;
    }

    /** Starts {@code voters} peers with their logs under {@code storage}, and as many cluster nodes. */
    static KwamSpendTarget start(Path storage, int voters) throws ConsensusException, InterruptedException {
        List<Integer> ports = LoopbackPorts.take(voters);
        List<String> given = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            given.add("n" + (i + 1) + "=127.0.0.1:" + ports.get(i));
        }
        // A group of one is started the way a node with no --voter is.
        Voters group = Voters.parse(voters == 1 ? List.of() : given, Voter.parse(given.get(0)));
        List<RaftGroupHost> peers = new ArrayList<>();
        for (Voter v : group.members()) {
            peers.add(RaftGroupHost.start(peerSettings(v, group, storage.resolve(v.name())), new JournalStateMachine()));
        }
        awaitLeader(peers);

        List<ActorSystem<Void>> systems = new ArrayList<>();
        List<ConsensusClient> clients = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kwam", clusterConfig());
            ConsensusClient client = ConsensusClient.connect(group, CALL_TIMEOUT);
            ConsensusExtension.get(system).attach(client);
            systems.add(system);
            clients.add(client);
        }
        Address seed = Cluster.get(systems.get(0)).selfMember().address();
        for (ActorSystem<Void> system : systems) {
            Cluster.get(system).manager().tell(Join.create(seed));
        }
        awaitUp(systems);
        List<MustAgree> nodes = new ArrayList<>();
        for (ActorSystem<Void> system : systems) {
            nodes.add(MustAgree.start(system, CALL_TIMEOUT));
        }
        return new KwamSpendTarget(peers, systems, clients, nodes);
    }

    /**
     * node-app's settings, unless {@code -Dkwam.bench.election-ms=MIN} is given: an experiment only (election
     * timeout MIN..2×MIN; Ratis heartbeats every MIN/2), to see how much of a spend waits on the heartbeat.
     */
    private static PeerSettings peerSettings(Voter self, Voters group, Path storage) {
        PeerSettings defaults = PeerSettings.of(self, group, storage);
        Long min = Long.getLong("kwam.bench.election-ms");
        if (min == null) {
            return defaults;
        }
        return new PeerSettings(self, group, storage, Duration.ofMillis(min), Duration.ofMillis(2 * min), defaults.snapshotEvery(),
                defaults.snapshotOnStop(), defaults.tls());
    }

    private static Config clusterConfig() {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.cluster.downing-provider-class = ""
                pekko.coordinated-shutdown.exit-jvm = off
                # The figures are printed before the close: a slow graceful leave only lengthens the script.
                pekko.coordinated-shutdown.default-phase-timeout = 2s
                pekko.coordinated-shutdown.phases.cluster-exiting.timeout = 2s
                pekko.loglevel = WARNING
                """).withFallback(ConfigFactory.load());
    }

    private static void awaitLeader(List<RaftGroupHost> peers) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (peers.stream().noneMatch(RaftGroupHost::isLeader)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Raft leader among " + peers.size() + " peers within " + READY_WITHIN);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitUp(List<ActorSystem<Void>> systems) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        for (ActorSystem<Void> system : systems) {
            while (upMembers(system) < systems.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(system.address() + " sees " + upMembers(system) + " of " + systems.size()
                            + " members up after " + READY_WITHIN);
                }
                Thread.sleep(50);
            }
        }
    }

    private static long upMembers(ActorSystem<Void> system) {
        long up = 0;
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    @Override
    public String name() {
        return "kwam";
    }

    @Override
    public int voters() {
        return peers.size();
    }

    @Override
    public CompletionStage<Boolean> spend(String tokenId) {
        MustAgree node = nodes.get((int) (turn.getAndIncrement() % nodes.size()));
        return node.spend(tokenId, SpendRecord.SPENDER, SpendRecord.ACTION).thenApply(ConsentLedger.Spent.class::isInstance);
    }

    @Override
    public void close() throws Exception {
        for (ActorSystem<Void> system : systems) {
            system.terminate();
        }
        for (ActorSystem<Void> system : systems) {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        for (ConsensusClient client : clients) {
            client.close();
        }
        for (RaftGroupHost peer : peers) {
            peer.close();
        }
    }
}
