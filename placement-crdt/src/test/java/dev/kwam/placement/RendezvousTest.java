package dev.kwam.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hash is part of the placement format: every node, in any language, must compute the same
 * scores. Expected values come from an independent implementation (Python's hashlib and 64-bit
 * integer arithmetic, docs/placement.md "The hash"), not from this code.
 */
class RendezvousTest {

    @Test
    void idsHashToTheFirstEightBytesOfTheirTaggedSha256() {
        assertEquals(0xc12b113f821e3203L, Rendezvous.nodeHash(NodeId.of("n1")));
        assertEquals(0x37fd54527e5f1f12L, Rendezvous.idHash("rack", "r12"));
    }

    @Test
    void stripeKeysAreTheFirstSixteenBytesOfTheirTaggedSha256() {
        assertEquals(new StripeId(0x35adacca9b095defL, 0x8c669fe016b930c3L),
                StripeId.ofName("chunk-0".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void scoresMatchTheDocumentedMix() {
        StripeId stripe = StripeId.ofName("chunk-0".getBytes(StandardCharsets.US_ASCII));

        assertEquals(0x10a95332d11c3996L, Rendezvous.score(stripe.k0(), stripe.k1(), 0, 0xc12b113f821e3203L));
        assertEquals(0x08d06d4e98fb1296L, Rendezvous.score(stripe.k0(), stripe.k1(), 13, 0x37fd54527e5f1f12L));
    }
}
