package dev.kwam.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.CodecSpec;
import dev.kwam.codec.FragmentState;
import dev.kwam.codec.Kwam;
import dev.kwam.codec.ProtectOptions;
import dev.kwam.codec.RecoveryResult;
import dev.kwam.codec.TrustedKeys;
import dev.kwam.codec.chunk.ChunkerParams;
import dev.kwam.codec.manifest.ChunkEntry;
import dev.kwam.codec.manifest.Manifest;
import dev.kwam.codec.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec's SDK writing into and reading from the store, as a node will use it. */
class ProtectIntoStoreTest {
    private static final SigningKey KEY = SigningKey.generate();

    @TempDir
    Path root;

    @Test
    void protectIntoTheStoreThenRecoverIsByteIdenticalEvenWithDamagedFragmentsOnDisk() throws IOException {
        byte[] data = new byte[300_000];
        new SplittableRandom(51).nextBytes(data);
        ProtectOptions options = ProtectOptions.builder().codec(new CodecSpec.ReedSolomonSpec(4, 2))
                .chunker(new ChunkerParams(16 << 10, 64 << 10, 256 << 10)).signingKey(KEY).parallelism(2).build();
        try (FragmentStore store = FragmentStore.open(root, new StoreOptions(0, 0))) {
            Manifest manifest = Kwam.protect(data, options, store);
            int fragments = manifest.chunks().stream().mapToInt(c -> c.fragments().size()).sum();
            assertEquals(fragments, store.snapshot().fragments());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Kwam.recover(manifest, store, out, TrustedKeys.of(KEY.publicKey()));
            assertArrayEquals(data, out.toByteArray());

            // Rot two fragments of the first stripe on disk: within rs(4,2)'s tolerance.
            ChunkEntry first = manifest.chunks().get(0);
            for (int i : new int[] {0, 1}) {
                Path file = store.fileOf(first.fragments().get(i));
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 0x40;
                Files.write(file, bytes);
            }
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            RecoveryResult result = Kwam.recover(manifest, store, again, TrustedKeys.of(KEY.publicKey()));

            assertArrayEquals(data, again.toByteArray());
            assertEquals(2, result.problems().size(), result.problems().toString());
            assertTrue(result.problems().stream().allMatch(p -> p.reason().contains("quarantine")),
                    result.problems().toString());
            assertTrue(result.problems().stream().allMatch(p -> p.state() == FragmentState.CORRUPT),
                    "a fragment the store quarantined is corrupt, not missing: " + result.problems());
            assertEquals(2, store.snapshot().quarantined());
            assertEquals(fragments - 2, store.snapshot().fragments());
        }
    }
}
