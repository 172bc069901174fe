package dev.kwam.node.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Reads an audit log from the first line to the last and names the first line that breaks the chain:
 * a line that is not a canonical record, a seq that does not follow (a deletion, a reordering), a
 * {@code prev} that is not the previous line's hash (an edit of that line), a signature that does not
 * verify (an edit of this line, or another key), then the head: a log shorter than {@code audit.head}
 * seals was truncated. Read-only; it never repairs.
 */
public final class AuditVerifier {
    private final PublicKey key;

    public AuditVerifier(PublicKey key) {
        this.key = key;
    }

    /** {@code <dataDir>/audit/audit.log}. */
    public static Path logFile(Path dataDir) {
        return AuditFiles.in(dataDir).log();
    }

    /** {@code <dataDir>/audit/signer.crt}: the certificate the log was opened with, copied there on first open. */
    public static Path signerCertificate(Path dataDir) {
        return AuditFiles.in(dataDir).signer();
    }

    /** Verifies {@code <dataDir>/audit}; an {@link IOException} when there is no log to read. */
    public AuditVerdict verify(Path dataDir) throws IOException {
        AuditFiles files = AuditFiles.in(dataDir);
        Optional<AuditHead> head;
        String headProblem = null;
        try {
            head = AuditHead.read(files.head());
            if (head.isPresent() && !head.get().signatureValid(key)) {
                headProblem = "audit.head has a signature this certificate's key did not make";
            }
        } catch (AuditLineParser.Malformed e) {
            head = Optional.empty();
            headProblem = e.getMessage();
        }
        AuditVerdict lines;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(files.log()), 1 << 16)) {
            lines = verify(in, headProblem == null ? head : Optional.empty());
        }
        // The lines come first: with the wrong certificate, line 1 is the first thing that is broken.
        if (headProblem != null && lines instanceof AuditVerdict.Intact ok) {
            return new AuditVerdict.Broken(0, ok.records(), "bad-head", headProblem);
        }
        if (headProblem != null && lines instanceof AuditVerdict.Broken b && b.line() == 0) {
            return new AuditVerdict.Broken(0, b.intactBefore(), "bad-head", headProblem);
        }
        return lines;
    }

    private AuditVerdict verify(InputStream in, Optional<AuditHead> head) throws IOException {
        long lineNo = 0;
        long firstSeq = 0;
        long lastSeq = 0;
        String prevHash = AuditLine.GENESIS;
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        boolean headFound = false;
        for (int b; ; ) {
            b = in.read();
            if (b != '\n' && b != -1) {
                buf.write(b);
                continue;
            }
            if (b == -1 && buf.size() == 0) {
                break;
            }
            lineNo++;
            if (b == -1) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "partial-line",
                        "a partial record (" + buf.size() + " bytes, no newline at the end): a torn write or a truncation");
            }
            AuditLine line;
            try {
                line = AuditLineParser.parse(AuditTail.decode(ByteBuffer.wrap(buf.toByteArray())));
            } catch (CharacterCodingException e) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "unparsable", "not UTF-8 text");
            } catch (AuditLineParser.Malformed e) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "unparsable", "not an audit record: " + e.getMessage());
            }
            buf.reset();
            long expected = lastSeq + 1;
            if (line.seq() < expected) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "reordered",
                        "seq " + line.seq() + " where " + expected + " was expected: lines reordered or repeated");
            }
            if (line.seq() > expected) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "seq-gap", "seq " + line.seq() + " where " + expected
                        + " was expected: record(s) " + expected + (line.seq() - 1 > expected ? ".." + (line.seq() - 1) : "")
                        + " missing here (deleted, or moved later)");
            }
            if (!line.prev().equals(prevHash)) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "prev-mismatch", lineNo == 1
                        ? "the first record's prev is not 64 zeros: the log's beginning is missing or this line was edited"
                        : "its prev is not the SHA-256 of line " + (lineNo - 1) + ": one of the two was edited");
            }
            if (!line.signatureValid(key)) {
                return new AuditVerdict.Broken(lineNo, lineNo - 1, "bad-signature",
                        "the signature does not verify: the line was edited, or signed by another key than the certificate's");
            }
            if (head.isPresent() && line.seq() == head.get().seq()) {
                if (!line.hash().equals(head.get().hash())) {
                    return new AuditVerdict.Broken(lineNo, lineNo - 1, "head-mismatch",
                            "seq " + line.seq() + " is not the record audit.head sealed");
                }
                headFound = true;
            }
            firstSeq = lineNo == 1 ? line.seq() : firstSeq;
            lastSeq = line.seq();
            prevHash = line.hash();
        }
        return sealed(lineNo, firstSeq, lastSeq, head, headFound);
    }

    private static AuditVerdict sealed(long lines, long firstSeq, long lastSeq, Optional<AuditHead> head, boolean headFound) {
        if (head.isEmpty()) {
            // One line without a head is the crash window of the very first append; more cannot be told from a truncation.
            if (lines > 1) {
                return new AuditVerdict.Broken(0, lines, "head-missing",
                        "audit.head is missing while the log holds " + lines + " records: a truncation cannot be ruled out");
            }
            return new AuditVerdict.Intact(lines, firstSeq, lastSeq, Optional.empty(), lines);
        }
        AuditHead h = head.get();
        if (!headFound) {
            return new AuditVerdict.Broken(lines + 1, lines, "truncated", "the log ends after seq " + lastSeq
                    + " but audit.head seals seq " + h.seq() + ": record(s) from line " + (lines + 1) + " on are missing");
        }
        return new AuditVerdict.Intact(lines, firstSeq, lastSeq, Optional.of(new AuditVerdict.Head(h.seq(), h.hash())),
                lastSeq - h.seq());
    }
}
