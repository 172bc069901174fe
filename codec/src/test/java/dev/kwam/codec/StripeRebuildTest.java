package dev.kwam.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.sign.SigningKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rebuilding lost fragments of a stripe: only what the code needs is read, and nothing ungated comes out. */
class StripeRebuildTest {
    private static final ChunkerParams SMALL_CHUNKS = new ChunkerParams(1024, 4096, 16384);
    private static final SigningKey KEY = SigningKey.generate();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rs(4,2)", "rs(3,3)", "lrc(4,2,1)", "lrc(6,2,2)"})
    void everySingleAndDoubleLossIsRebuiltByteIdentical(String codec) throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(9_000, 7), options(codec), store);
        List<Cid> cids = manifest.chunks().get(0).fragments();
        Map<Cid, byte[]> originals = new HashMap<>(store.files);
        int n = cids.size();
        int patterns = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                Set<Integer> lost = new TreeSet<>(List.of(a, b));
                MapFragmentStore damaged = without(store, cids, lost);

                RebuildResult result = Kwam.rebuild(manifest, 0, lost, damaged);

                assertTrue(result.complete(), codec + " lost " + lost);
                assertEquals(lost.size(), result.rebuilt().size());
                for (Fragment f : result.rebuilt()) {
                    int index = f.header().fragmentIndex();
                    assertTrue(lost.contains(index));
                    assertEquals(cids.get(index), f.cid());
                    assertArrayEquals(originals.get(cids.get(index)), f.toBytes(), codec + " lost " + lost);
                }
                assertTrue(result.problems().isEmpty(), "only lost fragments were asked for: " + result.problems());
                patterns++;
            }
        }
        assertEquals(n * (n + 1) / 2, patterns);
    }

    @Test
    void anLrcSingleLossReadsOnlyItsLocalGroup() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(12_000, 3), options("lrc(6,2,2)"), store);
        List<Cid> cids = manifest.chunks().get(0).fragments();
        MapFragmentStore damaged = without(store, cids, Set.of(0));
        List<Cid> asked = new ArrayList<>();

        RebuildResult result = Kwam.rebuild(manifest, 0, Set.of(0), cid -> {
            asked.add(cid);
            return damaged.fetch(cid);
        });

        assertEquals(List.of(1, 2, 6), result.sources(), "group 0's other data shards and its local parity");
        assertEquals(List.of(cids.get(1), cids.get(2), cids.get(6)), asked, "nothing outside the group is fetched");
    }

    @Test
    void reedSolomonReadsExactlyKSources() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(12_000, 4), options("rs(4,2)"), store);
        AtomicInteger fetches = new AtomicInteger();

        RebuildResult result = Kwam.rebuild(manifest, 0, Set.of(5), cid -> {
            fetches.incrementAndGet();
            return store.fetch(cid);
        });

        assertEquals(List.of(0, 1, 2, 3), result.sources());
        assertEquals(4, fetches.get());
        long fragmentBytes = FragmentHeader.BYTES + manifest.chunks().get(0).shardSize();
        assertEquals(4 * fragmentBytes, result.bytesRead());
    }

    @Test
    void anLrcTargetWhoseGroupSurvivedIsRebuiltEvenWhenTheRestOfTheStripeIsLost() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(12_000, 5), options("lrc(6,2,2)"), store);
        List<Cid> cids = manifest.chunks().get(0).fragments();
        byte[] original = store.files.get(cids.get(0)).clone();
        MapFragmentStore left = without(store, cids, Set.of(0, 3, 4, 5, 7, 8, 9)); // only 1, 2 and group 0's parity

        RebuildResult result = Kwam.rebuild(manifest, 0, Set.of(0), left);

        assertArrayEquals(original, result.rebuilt().get(0).toBytes());
        assertEquals(List.of(1, 2, 6), result.sources());
    }

    @Test
    void aCorruptSourceIsReportedAndAnotherOneUsed() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(12_000, 6), options("rs(4,3)"), store);
        List<Cid> cids = manifest.chunks().get(0).fragments();
        byte[] original = store.files.get(cids.get(0)).clone();
        MapFragmentStore damaged = without(store, cids, Set.of(0));
        damaged.files.get(cids.get(2))[FragmentHeader.BYTES + 10] ^= 0x01; // one bit flipped in a payload
        FragmentSource unreachable = cid -> {
            if (cid.equals(cids.get(3))) {
                throw new IOException("connection refused");
            }
            return damaged.fetch(cid);
        };

        RebuildResult result = Kwam.rebuild(manifest, 0, Set.of(0), unreachable);

        assertArrayEquals(original, result.rebuilt().get(0).toBytes());
        assertEquals(List.of(1, 4, 5, 6), result.sources(), "2 and 3 replaced by the next parities");
        assertEquals(2, result.problems().size());
        assertEquals(new FragmentProblem(0, 2, cids.get(2), FragmentState.CORRUPT,
                "payload does not match the SHA-256 in its header"), result.problems().get(0));
        assertEquals(FragmentState.MISSING, result.problems().get(1).state());
        assertEquals(3, result.problems().get(1).fragmentIndex());
    }

    @Test
    void tooFewGoodSourcesIsAClearRefusal() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(12_000, 8), options("rs(4,2)"), store);
        List<Cid> cids = manifest.chunks().get(0).fragments();
        MapFragmentStore damaged = without(store, cids, Set.of(0, 1));
        damaged.files.get(cids.get(4))[FragmentHeader.BYTES] ^= 0x40;

        RecoveryException e = assertThrows(RecoveryException.class,
                () -> Kwam.rebuild(manifest, 0, Set.of(0, 1), damaged));

        assertTrue(e.getMessage().startsWith("cannot rebuild fragment(s) [0, 1] of stripe 0"), e.getMessage());
        StripeFailure failure = e.failures().get(0);
        assertEquals(4, failure.needed());
        assertEquals(3, failure.good());
        assertEquals(4, failure.problems().get(0).fragmentIndex());
        assertEquals(FragmentState.CORRUPT, failure.problems().get(0).state());
    }

    @Test
    void aRebuiltFragmentThatFailsTheGateIsNeverReturned() throws IOException {
        // A manifest signed over a parity fragment that is internally valid but is not the stripe's parity:
        // every source passes its own hash check, yet what they rebuild is wrong.
        MapFragmentStore store = new MapFragmentStore();
        Manifest honest = Kwam.protect(random(3_000, 9), options("rs(4,2)"), store);
        ChunkEntry entry = honest.chunks().get(0);
        FragmentHeader h = new FragmentHeader(honest.codec(), 4, 0, entry.length(), entry.shardSize(), entry.chunkCid(),
                new byte[32]);
        Fragment impostor = Fragment.seal(h, random(entry.shardSize(), 99), Cid.sha256());
        store.put(impostor);
        List<Cid> fragments = new ArrayList<>(entry.fragments());
        fragments.set(4, impostor.cid());
        Manifest lying = Manifest.sign(honest.codec(), honest.chunkMin(), honest.chunkAvg(), honest.chunkMax(),
                honest.objectSize(), honest.objectCid(),
                List.of(new ChunkEntry(entry.chunkCid(), entry.length(), entry.shardSize(), fragments)), KEY);
        MapFragmentStore damaged = without(store, fragments, Set.of(0));

        RebuildResult result = Kwam.rebuild(lying, 0, Set.of(0), damaged);

        assertTrue(result.rebuilt().isEmpty(), "an ungated fragment must never be handed out");
        assertFalse(result.complete());
        assertEquals(0, result.refused().get(0).fragmentIndex());
        assertTrue(result.refused().get(0).reason().contains("re-examine"), result.refused().get(0).reason());
    }

    @Test
    void reconstructionRunsOnTheCallersExecutor() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(5_000, 10), options("rs(4,2)"), store);
        List<Cid> cids = manifest.chunks().get(0).fragments();
        ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();

        RebuildResult result = Kwam.rebuild(manifest, 0, Set.of(1), without(store, cids, Set.of(1)), task -> {
            Thread t = new Thread(task, "codec-dispatcher-stand-in");
            ran.add(t.getName());
            t.start();
        });

        assertTrue(result.complete());
        assertEquals(List.of("codec-dispatcher-stand-in"), List.copyOf(ran));
    }

    @Test
    void stepwiseTheCallerIsToldWhichSourceReplacesAMissingOne() throws IOException {
        MapFragmentStore store = new MapFragmentStore();
        Manifest manifest = Kwam.protect(random(5_000, 11), options("lrc(6,2,2)"), store);
        StripeRebuild rebuild = Kwam.rebuilding(manifest, 0, Set.of(0));

        assertEquals(List.of(1, 2, 6), rebuild.sourcesNeeded());
        assertTrue(rebuild.offer(1, store.fetch(rebuild.cidOf(1)).orElseThrow()).isEmpty());
        assertEquals(List.of(2, 6), rebuild.sourcesNeeded());
        rebuild.missing(6, "node gone");
        assertEquals(List.of(2, 3, 4, 5, 8), rebuild.sourcesNeeded(), "group broken: group 1 and a global parity");
        assertThrows(IllegalArgumentException.class, () -> rebuild.offer(0, new byte[0]), "a target is not a source");
    }

    private static MapFragmentStore without(MapFragmentStore store, List<Cid> cids, Set<Integer> lost) {
        MapFragmentStore copy = new MapFragmentStore();
        store.files.forEach((cid, bytes) -> copy.files.put(cid, bytes.clone()));
        lost.forEach(i -> copy.files.remove(cids.get(i)));
        return copy;
    }

    private static ProtectOptions options(String codec) {
        return ProtectOptions.builder().codec(CodecSpec.parse(codec)).chunker(SMALL_CHUNKS).signingKey(KEY)
                .parallelism(1).build();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
