package dev.kwam.placement.census;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.kwam.codec.Cid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cids, slots and actor-system config shared by the census tests. */
final class CensusFixtures {
    private CensusFixtures() {
    }

    /** A cluster-provider system on a free loopback port; {@code seeds} empty means it joins nobody by itself. */
    static Config clusterConfig(int port) {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = %d
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.cluster.downing-provider-class = ""
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.cluster.distributed-data.gossip-interval = 500ms
                pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
                pekko.loglevel = WARNING
                """.formatted(port)).withFallback(ConfigFactory.load());
    }

    static Cid cid(String name) {
        return Cid.of(name.getBytes(StandardCharsets.UTF_8));
    }

    static FragmentSlot slot(int index, String node) {
        return new FragmentSlot(index, cid("fragment-" + index + "-" + node), node, SlotState.OK);
    }

    static List<FragmentSlot> slots(int n, String node) {
        List<FragmentSlot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(slot(i, node));
        }
        return out;
    }

    static NodeEntry node(String name, long at) {
        return new NodeEntry(name, "spiffe://kwam.test/t/c/az1/p/" + name + "/kwamd", "127.0.0.1:9" + name.length(),
                Map.of("rack", "r-" + name, "az", "az1"), "ab".repeat(32), at);
    }

    static ObjectEntry object(String name, List<String> holders) {
        return new ObjectEntry(cid("object-" + name), cid("content-" + name), 1234, 2, holders, 1_700_000_000_000L);
    }
}
