package dev.kwam.consensus.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.consensus.ledger.LedgerReply.AlreadySpent;
import dev.kwam.consensus.ledger.LedgerReply.Spent;
import dev.kwam.consensus.ledger.LedgerReply.Unspent;
import dev.kwam.consensus.ledger.LedgerRequest.IsSpent;
import dev.kwam.consensus.ledger.LedgerRequest.Spend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerWireTest {
    @TempDir
    Path dir;

    @Test
    void everyRequestAndReplyKindRoundTripsBehindFormatByteOne() throws Exception {
        Spend spend = new Spend("tok-é", "spiffe://kwam/a/b", 1_765_000_000_000L);
        byte[] bytes = LedgerWire.encode(spend);

        assertEquals(1, bytes[0], "format byte");
        assertEquals(1, bytes[1], "kind: spend");
        assertEquals(spend, LedgerWire.decodeRequest(bytes));
        assertEquals(new IsSpent("t"), LedgerWire.decodeRequest(LedgerWire.encode(new IsSpent("t"))));
        for (LedgerReply reply : List.of(new Spent("t", "a", 1), new AlreadySpent("t", "a", 2), new Unspent("t"))) {
            assertEquals(reply, LedgerWire.decodeReply(LedgerWire.encode(reply)));
        }
    }

    @Test
    void bytesThatAreNotExactlyOneKnownRecordAreRefusedNamingWhy() {
        byte[] good = LedgerWire.encode(new Spend("t", "a", 7));
        Map<String, byte[]> refusals = Map.of(
                "shorter than its 2-byte header", new byte[] {1},
                "format 2 is not one this peer knows", withByte(good, 0, (byte) 2),
                "unknown ledger request kind 9", withByte(good, 1, (byte) 9),
                "bytes follow a complete ledger record", java.util.Arrays.copyOf(good, good.length + 1),
                "time is cut short", java.util.Arrays.copyOf(good, good.length - 1),
                "claims 200 bytes", new byte[] {1, 2, 0, (byte) 200, 'x'},
                "outside 1..1024", new byte[] {1, 2, 0, 0},
                "not valid UTF-8", new byte[] {1, 2, 0, 1, (byte) 0xC3},
                "is negative", spendAt(-1));
        refusals.forEach((why, bytes) -> {
            MalformedLedgerBytes refused = assertThrows(MalformedLedgerBytes.class, () -> LedgerWire.decodeRequest(bytes), why);
            assertTrue(refused.getMessage().contains(why), refused.getMessage() + " should say " + why);
        });
    }

    @Test
    void aSnapshotRoundTripsSortedAndACorruptOneIsRefused() throws Exception {
        Path file = dir.resolve("snapshot.1_30");
        List<Spent> spends = List.of(new Spent("a", "alice", 1), new Spent("b", "bob", 2));
        LedgerSnapshot.write(file, spends);

        assertEquals(Map.of("a", spends.get(0), "b", spends.get(1)), LedgerSnapshot.read(file));

        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        IOException corrupt = assertThrows(IOException.class, () -> LedgerSnapshot.read(file));
        assertTrue(corrupt.getMessage().contains("is corrupt"), corrupt.getMessage());
    }

    @Test
    void recordsRefuseFieldsTheWireCouldNotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new Spend("", "a", 1));
        assertThrows(IllegalArgumentException.class, () -> new Spend("t", "x".repeat(1025), 1));
        assertThrows(IllegalArgumentException.class, () -> new Spend("t", "a", -5));
        assertArrayEquals(LedgerWire.encode(new Spend("t", "a", 1)), LedgerWire.encode(new Spend("t", "a", 1)));
    }

    private static byte[] withByte(byte[] bytes, int at, byte value) {
        byte[] out = bytes.clone();
        out[at] = value;
        return out;
    }

    /** A spend record with a time the record type itself would refuse to build. */
    private static byte[] spendAt(long time) {
        byte[] good = LedgerWire.encode(new Spend("t", "a", 7));
        java.nio.ByteBuffer.wrap(good).putLong(good.length - 8, time);
        return good;
    }
}
