package dev.kwam.node.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.Cid;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.sign.SigningKey;
import dev.kwam.jhmm.StripeRef;
import dev.kwam.node.cluster.FleetView;
import dev.kwam.placement.census.Census;
import dev.kwam.placement.census.ObjectEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JHMM's stripe catalog finds a stripe's manifest however many objects the census holds. */
class CensusStripeCatalogTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final CodecSpec CODEC = new CodecSpec.ReedSolomonSpec(2, 1);
    private static final ActorTestKit KIT = ActorTestKit.create("catalog", ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical.hostname = 127.0.0.1
            pekko.remote.artery.canonical.port = 0
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.cluster.downing-provider-class = ""
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.loglevel = WARNING
            """).withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void aStripeOfAnObjectBeyondTheFirstListingPageIsFound() throws Exception {
        Cluster cluster = Cluster.get(KIT.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        ActorRef<Census.Command> census = KIT.spawn(Census.create(), "census");
        CensusQuestions questions = new CensusQuestions(census, Duration.ofSeconds(20), KIT.system().scheduler());
        int objects = Census.MAX_LIST_LIMIT + 37;
        List<CompletableFuture<Census.Recorded>> writes = new ArrayList<>();
        List<Cid> recorded = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            Cid object = Cid.of(("object-" + i).getBytes(StandardCharsets.UTF_8));
            recorded.add(object);
            ObjectEntry entry = new ObjectEntry(object, object, 10, 1, List.of("n1"), 1);
            writes.add(questions.<Census.Recorded>ask(r -> new Census.RecordObject(entry, r)).toCompletableFuture());
        }
        for (CompletableFuture<Census.Recorded> w : writes) {
            assertTrue(w.get(WAIT.toSeconds(), TimeUnit.SECONDS).accepted());
        }
        SigningKey key = SigningKey.generate();
        ConcurrentHashMap<Cid, Boolean> read = new ConcurrentHashMap<>();
        ManifestFinder finder = (object, fleet, entry) -> {
            read.put(object, true);
            return manifestOf(object, key);
        };
        CompletionStage<FleetView> fleet = CompletableFuture.completedFuture(
                FleetView.of("n1", cluster.state(), List.of()));
        var blocking = Executors.newSingleThreadExecutor();
        try {
            CensusStripeCatalog catalog = new CensusStripeCatalog(questions, finder, () -> fleet, blocking);
            Cid last = recorded.stream().max(Comparator.naturalOrder()).orElseThrow();

            Optional<StripeRef> found = catalog.stripe(chunkOf(last)).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertTrue(found.isPresent(), "the stripe of the object with the highest cid (listing page 2)");
            assertEquals(chunkOf(last), found.get().stripe());
            assertEquals(objects, read.size(), "every object's manifest read once, over two pages");
        } finally {
            blocking.shutdownNow();
        }
    }

    private static Cid chunkOf(Cid object) {
        return Cid.of(("chunk-" + object).getBytes(StandardCharsets.UTF_8));
    }

    private static Manifest manifestOf(Cid object, SigningKey key) {
        List<Cid> fragments = List.of(Cid.of(new byte[] {1}), Cid.of(new byte[] {2}), Cid.of(new byte[] {3}));
        ChunkEntry chunk = new ChunkEntry(chunkOf(object), 10, ChunkEntry.shardSizeFor(10, 2), fragments);
        return Manifest.sign(CODEC, 4, 8, 16, 10, object, List.of(chunk), key);
    }
}
