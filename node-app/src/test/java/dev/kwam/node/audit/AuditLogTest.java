package dev.kwam.node.audit;

import static dev.kwam.node.audit.AuditFixtures.NODE;
import static dev.kwam.node.audit.AuditFixtures.OTHER;
import static dev.kwam.node.audit.AuditFixtures.RENEWED;
import static dev.kwam.node.audit.AuditFixtures.broken;
import static dev.kwam.node.audit.AuditFixtures.intact;
import static dev.kwam.node.audit.AuditFixtures.lines;
import static dev.kwam.node.audit.AuditFixtures.record;
import static dev.kwam.node.audit.AuditFixtures.rewrite;
import static dev.kwam.node.audit.AuditFixtures.verify;
import static dev.kwam.node.audit.AuditFixtures.writeLog;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the log: the line format, the chain across threads and reopens, one writer, a torn tail on reopen. */
class AuditLogTest {

    @TempDir
    Path data;

    @Test
    void eachAppendIsOneCanonicalChainedLineOnDiskWhenItReturns() throws Exception {
        try (AuditLog log = AuditLog.open(data, NODE)) {
            assertEquals(1, log.append(record(1)));
            List<String> written = lines(data);
            assertEquals(1, written.size());
            String first = written.get(0);
            assertTrue(first.startsWith("{\"seq\":1,\"prev\":\"" + "0".repeat(64) + "\",\"time\":\""), first);
            assertTrue(first.contains(",\"kind\":\"grant-decision\",\"actor\":\"spiffe://kwam-development/node/client\","
                    + "\"action\":\"repair-budget.set\",\"resource\":\"node-a\",\"decision\":\"refused\","
                    + "\"reason\":\"record number 1 \\\"quoted\\\"\",\"sig\":\""), first);
            assertEquals(2, log.append(record(2)));
            String second = lines(data).get(1);
            assertTrue(second.contains("\"prev\":\"" + AuditLine.sha256Hex(first.getBytes(StandardCharsets.UTF_8)) + "\""), second);
        }
        assertEquals(2, intact(verify(data)).records());
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        writeLog(data, 3);
        try (AuditLog log = AuditLog.open(data, NODE)) {
            assertEquals(3, log.lastSeq());
            assertEquals(4, log.append(record(4)));
        }
        AuditVerdict.Intact ok = intact(verify(data));
        assertEquals(4, ok.records());
        assertEquals(4, ok.head().orElseThrow().seq());
    }

    @Test
    void concurrentAppendsFromEightThreadsMakeOneValidChain() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = AuditLog.open(data, NODE)) {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                writers.add(() -> {
                    for (int i = 0; i < each; i++) {
                        log.append(record(base + i));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(writers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerdict.Intact ok = intact(verify(data));
        assertEquals(threads * each, ok.records());
        assertEquals(threads * each, ok.lastSeq());
    }

    @Test
    void aSecondOpenerIsRefusedUntilTheFirstCloses() throws Exception {
        try (AuditLog first = AuditLog.open(data, NODE)) {
            AuditException refused = assertThrows(AuditException.class, () -> AuditLog.open(data, NODE));
            assertEquals("the audit log is already open", refused.what());
            assertEquals(AuditFixtures.logFile(data).toAbsolutePath().toString(), refused.where().orElseThrow());
            first.append(record(1));
        }
        try (AuditLog again = AuditLog.open(data, NODE)) {
            assertEquals(2, again.append(record(2)));
        }
    }

    @Test
    void aTornLastLineIsKeptAsideAndRecordedNotDropped() throws Exception {
        writeLog(data, 3);
        byte[] torn = "{\"seq\":4,\"prev\":\"ab".getBytes(StandardCharsets.UTF_8);
        Files.write(AuditFixtures.logFile(data), torn, StandardOpenOption.APPEND);
        assertEquals("partial-line", broken(verify(data)).problem());

        try (AuditLog log = AuditLog.open(data, NODE)) {
            AuditLog.TornTail kept = log.recoveredTornTail().orElseThrow();
            assertEquals(torn.length, kept.bytes());
            assertArrayEquals(torn, Files.readAllBytes(kept.keptIn()));
            assertEquals(4, log.lastSeq());
        }
        String recovery = lines(data).get(3);
        assertTrue(recovery.contains("\"action\":\"torn-tail-recovered\""), recovery);
        assertTrue(recovery.contains(torn.length + " bytes after seq 3"), recovery);
        assertEquals(4, intact(verify(data)).records());
    }

    @Test
    void aSecondTearAtTheSameOffsetKeepsBothPiecesOfEvidence() throws Exception {
        writeLog(data, 1);
        long offset = Files.size(AuditFixtures.logFile(data));
        Path head = data.resolve("audit").resolve("audit.head");
        byte[] sealedAtOne = Files.readAllBytes(head);
        Files.write(AuditFixtures.logFile(data), "first tear".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(data, NODE)) {
            assertEquals("torn-" + offset + ".bin", log.recoveredTornTail().orElseThrow().keptIn().getFileName().toString());
        }
        // as if the recovery record itself had been torn: the log back at the same length, torn again
        try (var ch = java.nio.channels.FileChannel.open(AuditFixtures.logFile(data), StandardOpenOption.WRITE)) {
            ch.truncate(offset);
        }
        Files.write(head, sealedAtOne);
        Files.write(AuditFixtures.logFile(data), "second tear".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (AuditLog log = AuditLog.open(data, NODE)) {
            assertEquals("torn-" + offset + ".1.bin", log.recoveredTornTail().orElseThrow().keptIn().getFileName().toString());
        }
        assertEquals("first tear", Files.readString(data.resolve("audit").resolve("torn-" + offset + ".bin")));
        assertEquals("second tear", Files.readString(data.resolve("audit").resolve("torn-" + offset + ".1.bin")));
    }

    @Test
    void aTruncatedLogIsNotContinued() throws Exception {
        writeLog(data, 3);
        List<String> lines = lines(data);
        rewrite(data, lines.subList(0, 2));
        AuditException refused = assertThrows(AuditException.class, () -> AuditLog.open(data, NODE));
        assertTrue(refused.why().contains("audit.head seals seq 3 but the log ends at seq 2"), refused.why());
    }

    @Test
    void anotherNodesKeyCannotContinueTheLog() throws Exception {
        writeLog(data, 1);
        AuditException refused = assertThrows(AuditException.class, () -> AuditLog.open(data, OTHER));
        assertEquals("the audit log was signed by another key", refused.what());
        assertEquals(1, intact(verify(data)).records());
    }

    @Test
    void aRenewedCertificateSetsTheOldLogAsideWholeAndBeginsANewOne() throws Exception {
        writeLog(data, 3);
        byte[] before = Files.readAllBytes(data.resolve("audit").resolve("audit.log"));

        try (AuditLog log = AuditLog.open(data, RENEWED)) {
            log.append(record(1));
        }

        Path replaced;
        try (var entries = Files.list(data.resolve("audit"))) {
            replaced = entries.filter(p -> p.getFileName().toString().startsWith("replaced-")).findFirst().orElseThrow();
        }
        assertArrayEquals(before, Files.readAllBytes(replaced.resolve("audit").resolve("audit.log")), "the old log, byte for byte");
        assertEquals(3, intact(verify(replaced)).records(), "the set-aside log still verifies with the old key");
        AuditVerdict.Intact renewed = intact(new AuditVerifier(RENEWED.certificate().getPublicKey()).verify(data));
        assertEquals(2, renewed.records(), "the new log: the signer change, then what followed");
        assertTrue(lines(data).get(0).contains("\"action\":\"signer-changed\""), lines(data).get(0));
    }

    @Test
    void aCrashBeforeTheHeadIsUpdatedLeavesAnUnsealedRecordThatReopeningSeals() throws Exception {
        writeLog(data, 2);
        Path head = data.resolve("audit").resolve("audit.head");
        byte[] sealedAtTwo = Files.readAllBytes(head);
        try (AuditLog log = AuditLog.open(data, NODE)) {
            log.append(record(3));
        }
        Files.write(head, sealedAtTwo); // as if the process died between the line's fsync and the head's rename
        assertEquals(1, intact(verify(data)).unsealed());
        try (AuditLog log = AuditLog.open(data, NODE)) {
            assertEquals(3, log.lastSeq());
        }
        assertEquals(0, intact(verify(data)).unsealed());
    }
}
