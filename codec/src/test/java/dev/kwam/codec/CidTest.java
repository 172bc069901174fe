package dev.kwam.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CidTest {
    @Test
    void namesContentBySha256InLowercaseHex() {
        Cid cid = Cid.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", cid.toString());
        assertEquals(cid, Cid.parse(cid.toString()));
    }

    @Test
    void acceptsOnlyTheExactTextForm() {
        String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertTrue(Cid.isValid("sha256:" + hex));
        for (String bad : new String[] {hex, "sha256:" + hex.toUpperCase(), "sha256:" + hex.substring(1),
                "SHA256:" + hex, "sha256:" + hex + "0", "sha512:" + hex, " sha256:" + hex, "sha256:" + hex.replace('a', 'g')}) {
            assertFalse(Cid.isValid(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Cid.parse(bad), bad);
        }
    }
}
