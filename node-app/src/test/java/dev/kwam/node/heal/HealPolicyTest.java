package dev.kwam.node.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.kwam.jhmm.RepairBudget;
import dev.kwam.node.config.NodeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repair budget, repair delay and scrub interval come from the policy's repair block, the node's keys, or the flag. */
class HealPolicyTest {
    private static final String POLICY = """
            apiVersion "kwam.dev/v0.2"
            replicate data {
              factor 3
              anti_affinity [rack]
              codec {
                scheme rs
                data 4
                parity 2
              }
              repair {
                max_concurrent 6
                bandwidth 100mb
                scrub_interval 12h
              }
            }
            """;

    @TempDir
    Path dir;

    private NodeSettings settings(Map<String, Object> flags) throws Exception {
        return NodeSettings.load(ConfigFactory.parseMap(flags), Optional.empty());
    }

    @Test
    void theRepairDelayIsThePolicysWhenAPolicyIsGivenAndTheNodesOtherwise() throws Exception {
        assertEquals(Duration.ZERO, HealPolicy.of(settings(Map.of())).repairDelay(), "by default: repair at once");
        assertEquals(Duration.ofMinutes(5), HealPolicy.of(settings(Map.of("kwam.node.repair.delay", "5m"))).repairDelay());

        Path withDelay = Files.writeString(dir.resolve("delay.kwam"), POLICY.replace("scrub_interval 12h",
                "scrub_interval 12h\n    delay 10m"));
        assertEquals(Duration.ofMinutes(10), HealPolicy.of(settings(Map.of("kwam.node.policy", withDelay.toString(),
                "kwam.node.repair.delay", "5m"))).repairDelay(), "the policy's delay wins over the node key");
        Path withoutDelay = Files.writeString(dir.resolve("p.kwam"), POLICY);
        assertEquals(Duration.ZERO, HealPolicy.of(settings(Map.of("kwam.node.policy", withoutDelay.toString(),
                "kwam.node.repair.delay", "5m"))).repairDelay(), "a policy without a delay means the language's default, 0");
    }

    @Test
    void withoutAPolicyTheNodeKeysAndADailyScrub() throws Exception {
        HealPolicy p = HealPolicy.of(settings(Map.of("kwam.node.repair.max-concurrent", 3)));
        assertEquals(new RepairBudget.Limits(3, 0), p.limits());
        assertEquals(Duration.ofHours(24), p.scrubInterval());
        assertEquals("kwam.node.repair (no policy)", p.budget().describe(), "reports say where the budget comes from");
        assertEquals(p.limits(), p.budget().configured());
    }

    @Test
    void thePolicysRepairBlockWinsOverTheNodeKeysAndTheFlagOverThePolicysScrubInterval() throws Exception {
        Path policy = Files.writeString(dir.resolve("p.kwam"), POLICY);
        Map<String, Object> flags = new HashMap<>(Map.of("kwam.node.policy", policy.toString(), "kwam.node.repair.max-concurrent", 3));
        HealPolicy fromPolicy = HealPolicy.of(settings(flags));
        assertEquals(6, fromPolicy.limits().maxConcurrentStripes());
        long bandwidth = fromPolicy.limits().bytesPerSecond();
        assertTrue(bandwidth == 100_000_000L || bandwidth == 100L << 20, "bandwidth 100mb per second, got " + bandwidth);
        assertEquals(Duration.ofHours(12), fromPolicy.scrubInterval());
        assertEquals("policy", fromPolicy.budget().describe());

        flags.put("kwam.node.scrub-interval", "5s");
        assertEquals(Duration.ofSeconds(5), HealPolicy.of(settings(flags)).scrubInterval());
    }
}
