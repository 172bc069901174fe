package dev.kwam.codec.fragment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.codec.Cid;
import dev.kwam.codec.CodecSpec;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class FragmentTest {
    private static final CodecSpec LRC = new CodecSpec.LrcSpec(12, 2, 2);

    @Test
    void headerRoundTripsAndItsHashIsTheFragmentsName() throws Exception {
        byte[] payload = {1, 2, 3, 4, 5};
        MessageDigest sha = Cid.sha256();
        FragmentHeader unsealed = new FragmentHeader(LRC, 13, 7, 60, 5, Cid.of(new byte[] {9}), new byte[32]);
        Fragment sealed = Fragment.seal(unsealed, payload, sha);

        byte[] file = sealed.toBytes();
        assertEquals(FragmentHeader.BYTES + 5, file.length);
        assertEquals(Cid.of(file, 0, FragmentHeader.BYTES), sealed.cid());
        Fragment parsed = Fragment.parseVerified(file, sealed.cid(), sha);
        assertEquals(sealed.header(), parsed.header());
        assertEquals(LRC, parsed.header().codec());
        assertEquals(7, parsed.header().stripeIndex());
        assertArrayEquals(Cid.of(payload).digest(), parsed.header().payloadSha256());
    }

    @Test
    void everyFlippedBitAnywhereInTheFileIsCaught() throws Exception {
        MessageDigest sha = Cid.sha256();
        Fragment sealed = Fragment.seal(
                new FragmentHeader(new CodecSpec.ReedSolomonSpec(4, 2), 5, 0, 30, 8, Cid.of(new byte[0]), new byte[32]),
                new byte[] {10, 20, 30, 40, 50, 60, 70, 80}, sha);
        byte[] file = sealed.toBytes();
        for (int i = 0; i < file.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = file.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThrows(FragmentFormatException.class, () -> Fragment.parseVerified(bad, sealed.cid(), sha),
                        "byte " + i + " bit " + bit);
            }
        }
        byte[] longer = java.util.Arrays.copyOf(file, file.length + 1);
        FragmentFormatException e = assertThrows(FragmentFormatException.class,
                () -> Fragment.parseVerified(longer, sealed.cid(), sha));
        assertTrue(e.getMessage().contains("promises"), e.getMessage());
    }
}
