package dev.kwam.node.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.Cid;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import dev.kwam.node.store.FragmentStore;
import dev.kwam.node.store.ScrubResult;
import dev.kwam.node.store.StoreOptions;
import dev.kwam.placement.census.FragmentSlot;
import dev.kwam.placement.census.SlotState;
import dev.kwam.placement.census.StripeEntry;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the audit reports: fragments the census places OK on this node that its store lacks, quarantined ones as corrupt. */
class MissingFragmentsTest {
    private static final CodecSpec RS_2_1 = new CodecSpec.ReedSolomonSpec(2, 1);
    private static final Cid STRIPE = Cid.of("stripe".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path root;

    @Test
    void reportsWhatTheCensusPlacesHereAndTheStoreLacksAndNothingElse() throws Exception {
        Fragment held = fragment(0);
        Fragment flipped = fragment(1);
        Fragment gone = fragment(2);
        try (FragmentStore store = FragmentStore.open(root, new StoreOptions(0, 0))) {
            store.put(held);
            store.put(flipped);
            try (RandomAccessFile raf = new RandomAccessFile(store.root().resolve("fragments")
                    .resolve(flipped.cid().hex().substring(0, 2)).resolve(flipped.cid().hex().substring(2, 4))
                    .resolve(flipped.cid().hex()).toFile(), "rw")) {
                raf.seek(FragmentHeader.BYTES + 3);
                int b = raf.read();
                raf.seek(FragmentHeader.BYTES + 3);
                raf.write(b ^ 0x01);
            }
            assertInstanceOf(ScrubResult.Quarantined.class, store.scrub(flipped.cid()));
            StripeEntry entry = new StripeEntry(STRIPE, 2, 1, List.of(
                    new FragmentSlot(0, held.cid(), "self", SlotState.OK),
                    new FragmentSlot(1, flipped.cid(), "self", SlotState.OK),
                    new FragmentSlot(2, gone.cid(), "self", SlotState.OK)));
            StripeEntry elsewhere = new StripeEntry(Cid.of(new byte[] {7}), 2, 1, List.of(
                    new FragmentSlot(0, gone.cid(), "other", SlotState.OK), // another node's business
                    new FragmentSlot(1, fragment(1).cid(), "self", SlotState.MISSING))); // already known

            List<MissingFragments.Missing> missing = MissingFragments.missing(List.of(entry, elsewhere), "self", store);

            assertEquals(List.of(new MissingFragments.Missing(entry, entry.slots().get(1), true),
                    new MissingFragments.Missing(entry, entry.slots().get(2), false)), missing);
        }
    }

    private static Fragment fragment(int index) {
        byte[] payload = ("payload of fragment " + index).getBytes(StandardCharsets.UTF_8);
        FragmentHeader header = new FragmentHeader(RS_2_1, index, 0, payload.length * 2, payload.length, STRIPE, new byte[32]);
        return Fragment.seal(header, payload, Cid.sha256());
    }
}
