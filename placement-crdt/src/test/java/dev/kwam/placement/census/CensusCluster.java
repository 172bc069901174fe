package dev.kwam.placement.census;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * N actor systems in this JVM forming one cluster over Artery TCP on loopback (ports picked by the
 * OS), each running a census actor. Used by the cluster tests and the convergence benchmark.
 */
final class CensusCluster implements AutoCloseable {
    final List<ActorTestKit> kits = new ArrayList<>();
    final List<ActorRef<Census.Command>> census = new ArrayList<>();

    CensusCluster(int size, Duration formWithin) {
        this(size, formWithin, CensusFixtures.clusterConfig(0));
    }

    CensusCluster(int size, Duration formWithin, com.typesafe.config.Config config) {
        for (int i = 0; i < size; i++) {
            kits.add(ActorTestKit.create("census", config));
        }
        Address seed = Cluster.get(kits.get(0).system()).selfMember().address();
        for (ActorTestKit kit : kits) {
            Cluster.get(kit.system()).manager().tell(Join.create(seed));
        }
        TestProbe<Object> probe = kits.get(0).createTestProbe();
        probe.awaitAssert(formWithin, Duration.ofMillis(100), () -> {
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
        for (int i = 0; i < size; i++) {
            census.add(kits.get(i).spawn(Census.create(), "census"));
        }
    }

    ActorTestKit kit(int i) {
        return kits.get(i);
    }

    ActorRef<Census.Command> census(int i) {
        return census.get(i);
    }

    int size() {
        return kits.size();
    }

    @Override
    public void close() {
        for (int i = kits.size() - 1; i >= 0; i--) {
            kits.get(i).shutdownTestKit();
        }
    }
}
