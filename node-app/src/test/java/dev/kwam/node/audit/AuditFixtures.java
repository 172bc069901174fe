package dev.kwam.node.audit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.NodeCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real node identities (RSA keygen is slow, so made once per JVM) and helpers to write and damage a log. */
final class AuditFixtures {
    /** The node whose key signs the logs under test, and another node whose key must not verify them. */
    static final Path NODE_HOME = home();
    static final NodeCertificate NODE = identity(NODE_HOME, "node-a");
    static final NodeCertificate OTHER = identity(home(), "node-b");
    /** node-a again, with a new key: its certificate renewed. */
    static final NodeCertificate RENEWED = identity(home(), "node-a");

    private AuditFixtures() {
    }

    private static Path home() {
        try {
            return Files.createTempDirectory("kwam-audit-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code home/pki} holds the identity, as a development node's data directory does. */
    private static NodeCertificate identity(Path home, String name) {
        try {
            return DevelopmentPki.ensure(home, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test identity", e);
        }
    }

    static AuditRecord record(int i) {
        return new AuditRecord("grant-decision", "spiffe://kwam-development/node/client", "repair-budget.set",
                "node-a", i % 2 == 0 ? "allowed" : "refused", "record number " + i + " \"quoted\"");
    }

    /** A log of {@code n} records in {@code data}, closed. */
    static void writeLog(Path data, int n) throws Exception {
        try (AuditLog log = AuditLog.open(data, NODE)) {
            for (int i = 1; i <= n; i++) {
                log.append(record(i));
            }
        }
    }

    static Path logFile(Path data) {
        return data.resolve("audit").resolve("audit.log");
    }

    static List<String> lines(Path data) {
        try {
            return new ArrayList<>(Files.readAllLines(logFile(data), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void rewrite(Path data, List<String> lines) throws IOException {
        Files.writeString(logFile(data), lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static AuditVerdict verify(Path data) throws IOException {
        return new AuditVerifier(NODE.certificate().getPublicKey()).verify(data);
    }

    static AuditVerdict.Broken broken(AuditVerdict verdict) {
        return assertInstanceOf(AuditVerdict.Broken.class, verdict, String.valueOf(verdict));
    }

    static AuditVerdict.Intact intact(AuditVerdict verdict) {
        return assertInstanceOf(AuditVerdict.Intact.class, verdict, String.valueOf(verdict));
    }
}
