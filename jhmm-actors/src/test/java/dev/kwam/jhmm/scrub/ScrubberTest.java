package dev.kwam.jhmm.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kwam.codec.Cid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A scrub pass over a store: what fails its hash is reported, what is intact goes to the surplus check, then the audit. */
class ScrubberTest {
    private static final ActorTestKit KIT = ActorTestKit.create("scrubber");
    private static final ExecutorService IO = Executors.newSingleThreadExecutor();
    private static final Duration AWAIT = Duration.ofSeconds(10);

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
        IO.shutdownNow();
    }

    /** Three fragments in cid order: one intact, one quarantined as it is re-hashed, one gone since the listing. */
    private static final class ThreeFragments implements ScrubbedStore {
        final Map<Cid, Scrubbed> results = new TreeMap<>(java.util.Comparator.comparing(Cid::toString));

        ThreeFragments(Cid intact, Cid bad, Cid gone, FragmentFinding finding) {
            results.put(intact, new Intact(100));
            results.put(bad, new Quarantined(100, "payload does not hash to its header", finding));
            results.put(gone, new Gone());
        }

        @Override
        public Stream<Cid> fragments(Optional<Cid> after) {
            return results.keySet().stream().filter(c -> after.map(a -> c.toString().compareTo(a.toString()) > 0).orElse(true));
        }

        @Override
        public Scrubbed scrub(Cid fragment) {
            return results.get(fragment);
        }
    }

    @Test
    void aPassReportsTheQuarantinedHandsTheIntactToTheSurplusCheckAndThenAudits() {
        Cid intact = cid("intact");
        Cid bad = cid("bad");
        FragmentFinding finding = new FragmentFinding(bad, Optional.of(cid("stripe")), 2, "scrub");
        TestProbe<FragmentFinding> reported = KIT.createTestProbe();
        TestProbe<List<Cid>> surplus = KIT.createTestProbe();
        TestProbe<String> audited = KIT.createTestProbe();

        KIT.spawn(Scrubber.create(new ThreeFragments(intact, bad, cid("gone"), finding), IO, Duration.ofMillis(200), 1L << 30,
                reported.getRef()::tell,
                cids -> {
                    surplus.getRef().tell(cids);
                    return 0;
                },
                () -> {
                    audited.getRef().tell("audit");
                    return CompletableFuture.completedFuture(0);
                }));

        assertEquals(finding, reported.receiveMessage(AWAIT));
        assertEquals(List.of(intact), surplus.receiveMessage(AWAIT));
        assertEquals("audit", audited.receiveMessage(AWAIT));
    }

    private static Cid cid(String name) {
        return Cid.of(name.getBytes(StandardCharsets.UTF_8));
    }
}
