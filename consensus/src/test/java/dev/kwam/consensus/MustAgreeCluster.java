package dev.kwam.consensus;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * N actor systems in this JVM forming one Pekko cluster on loopback (ports picked by the OS), each with a
 * consensus client attached and {@link MustAgree} started, as node-app's composition root will do.
 */
public final class MustAgreeCluster implements AutoCloseable {
    private static final Duration FORM_WITHIN = Duration.ofSeconds(60);
    private final List<ActorTestKit> kits = new ArrayList<>();
    private final List<ConsensusClient> clients = new ArrayList<>();
    private final List<MustAgree> facades = new ArrayList<>();

    public static Config clusterConfig() {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.cluster.downing-provider-class = ""
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.actor.serialize-messages = off
                pekko.loglevel = WARNING
                """).withFallback(ConfigFactory.load());
    }

    public MustAgreeCluster(int size, Voters voters, Duration clientTimeout) {
        for (int i = 0; i < size; i++) {
            ActorTestKit kit = ActorTestKit.create("kwam", clusterConfig());
            kits.add(kit);
            ConsensusClient client = ConsensusClient.connect(voters, clientTimeout);
            clients.add(client);
            ConsensusExtension.get(kit.system()).attach(client);
        }
        Address seed = Cluster.get(kits.get(0).system()).selfMember().address();
        for (ActorTestKit kit : kits) {
            Cluster.get(kit.system()).manager().tell(Join.create(seed));
        }
        TestProbe<Object> probe = kits.get(0).createTestProbe();
        probe.awaitAssert(FORM_WITHIN, Duration.ofMillis(100), () -> {
            for (ActorTestKit kit : kits) {
                long up = 0;
                for (var m : Cluster.get(kit.system()).state().getMembers()) {
                    if (m.status() == MemberStatus.up()) {
                        up++;
                    }
                }
                if (up != size) {
                    throw new AssertionError(kit.system().name() + " sees " + up + " of " + size + " members up");
                }
            }
            return null;
        });
        for (ActorTestKit kit : kits) {
            facades.add(MustAgree.start(kit.system()));
        }
    }

    public MustAgree node(int i) {
        return facades.get(i);
    }

    public ActorTestKit kit(int i) {
        return kits.get(i);
    }

    public int size() {
        return kits.size();
    }

    @Override
    public void close() throws ConsensusException {
        for (int i = kits.size() - 1; i >= 0; i--) {
            kits.get(i).shutdownTestKit();
        }
        for (ConsensusClient c : clients) {
            c.close();
        }
    }
}
