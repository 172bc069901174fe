package dev.kwam.node.audit;

import static dev.kwam.node.audit.AuditFixtures.broken;
import static dev.kwam.node.audit.AuditFixtures.intact;
import static dev.kwam.node.audit.AuditFixtures.lines;
import static dev.kwam.node.audit.AuditFixtures.rewrite;
import static dev.kwam.node.audit.AuditFixtures.verify;
import static dev.kwam.node.audit.AuditFixtures.writeLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of tampering with a log of 6 records, and the first line {@link AuditVerifier} names for it. */
class AuditVerifierTest {
    private static final int RECORDS = 6;

    @TempDir
    Path data;

    @BeforeEach
    void sixRecords() throws Exception {
        writeLog(data, RECORDS);
    }

    /** Edits the log's lines as {@code edit} does, writes them back, and returns what the verifier names. */
    private AuditVerdict.Broken tamper(Consumer<List<String>> edit) throws Exception {
        List<String> lines = lines(data);
        edit.accept(lines);
        rewrite(data, lines);
        return broken(verify(data));
    }

    @Test
    void anUntouchedLogIsIntactAndSealedByItsHead() throws Exception {
        AuditVerdict.Intact ok = intact(verify(data));
        assertEquals(RECORDS, ok.records());
        assertEquals(1, ok.firstSeq());
        assertEquals(RECORDS, ok.lastSeq());
        assertEquals(RECORDS, ok.head().orElseThrow().seq());
        assertEquals(0, ok.unsealed());
    }

    @Test
    void editingOneByteOfLineFourNamesLineFour() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.set(3, lines.get(3).replace("record number 4", "record number 5")));
        assertEquals(4, b.line());
        assertEquals("bad-signature", b.problem());
        assertEquals(3, b.intactBefore());
    }

    @Test
    void editingThePrevOfLineThreeNamesLineThree() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> {
            String line = lines.get(2);
            int at = line.indexOf("\"prev\":\"") + 8;
            lines.set(2, line.substring(0, at) + (line.charAt(at) == 'a' ? 'b' : 'a') + line.substring(at + 1));
        });
        assertEquals(3, b.line());
        assertEquals("prev-mismatch", b.problem());
    }

    @Test
    void deletingLineThreeNamesLineThree() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.remove(2));
        assertEquals(3, b.line());
        assertEquals("seq-gap", b.problem());
        assertTrue(b.reason().contains("seq 4 where 3 was expected"), b.reason());
    }

    @Test
    void deletingTheFirstLineNamesLineOne() throws Exception {
        assertEquals(1, tamper(lines -> lines.remove(0)).line());
    }

    @Test
    void swappingLinesTwoAndFiveNamesLineTwo() throws Exception {
        assertEquals(2, tamper(lines -> Collections.swap(lines, 1, 4)).line());
    }

    @Test
    void swappingNeighboursNamesTheFirstOfThem() throws Exception {
        assertEquals(2, tamper(lines -> Collections.swap(lines, 1, 2)).line()); // seq 1, 3, 2, 4, 5, 6
    }

    @Test
    void movingALineToTheEndNamesWhereItIsMissing() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.add(5, lines.remove(1))); // seq 1, 3, 4, 5, 6, 2
        assertEquals(2, b.line());
        assertEquals("seq-gap", b.problem());
    }

    @Test
    void aRepeatedLineIsNamedAsAReordering() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.add(3, lines.get(2))); // seq 1, 2, 3, 3, 4, 5, 6
        assertEquals(4, b.line());
        assertEquals("reordered", b.problem());
    }

    @Test
    void droppingTheLastLineIsATruncationAtLineSix() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.remove(5));
        assertEquals(6, b.line());
        assertEquals("truncated", b.problem());
        assertEquals(5, b.intactBefore());
    }

    @Test
    void droppingTheLastTwoLinesNamesLineFive() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.subList(4, 6).clear());
        assertEquals(5, b.line());
        assertEquals("truncated", b.problem());
    }

    @Test
    void emptyingTheLogIsATruncationAtLineOne() throws Exception {
        AuditVerdict.Broken b = tamper(List::clear);
        assertEquals(1, b.line());
        assertEquals("truncated", b.problem());
    }

    @Test
    void cuttingTheLastLineShortNamesItAsPartial() throws Exception {
        Path log = AuditFixtures.logFile(data);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 40);
        }
        AuditVerdict.Broken b = broken(verify(data));
        assertEquals(6, b.line());
        assertEquals("partial-line", b.problem());
    }

    @Test
    void aLineThatIsNotARecordIsNamed() throws Exception {
        AuditVerdict.Broken b = tamper(lines -> lines.set(1, lines.get(1).replace("{\"seq\":2,", "{\"seq\": 2,")));
        assertEquals(2, b.line());
        assertEquals("unparsable", b.problem());
    }

    @Test
    void anotherNodesCertificateDoesNotVerifyLineOne() throws Exception {
        AuditVerdict.Broken b = broken(new AuditVerifier(AuditFixtures.OTHER.certificate().getPublicKey()).verify(data));
        assertEquals(1, b.line());
        assertEquals("bad-signature", b.problem());
    }

    @Test
    void aDeletedHeadCannotHideATruncation() throws Exception {
        Files.delete(data.resolve("audit").resolve("audit.head"));
        AuditVerdict.Broken b = broken(verify(data));
        assertEquals(0, b.line());
        assertEquals("head-missing", b.problem());
    }

    @Test
    void anEditedHeadIsRefused() throws Exception {
        Path head = data.resolve("audit").resolve("audit.head");
        Files.writeString(head, Files.readString(head).replace("\"seq\":6", "\"seq\":5"));
        AuditVerdict.Broken b = broken(verify(data));
        assertEquals(0, b.line());
        assertEquals("bad-head", b.problem());
    }
}
