package dev.kwam.node.store;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.fragment.Fragment;
import dev.kwam.codec.fragment.FragmentHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Real fragments (sealed like the codec seals them) on random payloads, and helpers to look at a store's tree. */
final class TestFragments {
    private static final CodecSpec RS_4_2 = new CodecSpec.ReedSolomonSpec(4, 2);

    private TestFragments() {
    }

    static Fragment random(SplittableRandom rnd, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        rnd.nextBytes(payload);
        FragmentHeader unsealed = new FragmentHeader(RS_4_2, rnd.nextInt(RS_4_2.totalCount()), rnd.nextInt(1 << 20),
                payloadLength * 4, payloadLength, Cid.of(payload), new byte[Cid.DIGEST_BYTES]);
        return Fragment.seal(unsealed, payload, Cid.sha256());
    }

    static List<Fragment> random(long seed, int count, int maxPayload) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Fragment> fragments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fragments.add(random(rnd, rnd.nextInt(maxPayload + 1)));
        }
        return fragments;
    }

    /** Regular files under {@code dir}, at any depth. */
    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Quarantined files (not their sidecars). */
    static List<Path> quarantined(Path root) throws IOException {
        return filesUnder(root.resolve(StoreLayout.QUARANTINE)).stream()
                .filter(p -> !StoreLayout.isSidecar(p)).toList();
    }
}
