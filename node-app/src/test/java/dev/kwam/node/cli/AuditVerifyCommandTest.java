package dev.kwam.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kwam.actors.pki.DevelopmentPki;
import dev.kwam.actors.pki.NodeCertificate;
import dev.kwam.actors.pki.PemFiles;
import dev.kwam.node.audit.AuditLog;
import dev.kwam.node.audit.AuditRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kwam audit verify} on a real node data directory: exit 0 intact, 1 broken naming the line, 2 no log. */
class AuditVerifyCommandTest {

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private NodeCertificate node;

    @BeforeEach
    void fourRecords() throws Exception {
        node = DevelopmentPki.ensure(data, "node-a");
        try (AuditLog log = AuditLog.open(data, node)) {
            for (int i = 1; i <= 4; i++) {
                log.append(new AuditRecord("refusal", "spiffe://kwam-development/node/x", "protect", "obj-" + i,
                        "refused", "missing capability replicate"));
            }
        }
    }

    private int run(String... args) {
        CommandLine cli = KwamCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path log() {
        return data.resolve("audit").resolve("audit.log");
    }

    @Test
    void anIntactLogExitsZeroWithItsCountAndHead() {
        assertEquals(ExitCodes.OK, run("audit", "verify", "--data", data.toString()), err.toString());
        assertTrue(out.toString().contains(": intact, 4 record(s), seq 1..4, head seq 4 sha256 "), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void anEditedLineExitsOneNamingIt() throws Exception {
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("obj-3", "obj-9"));
        Files.write(log(), lines, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.CHECK_FAILED, run("audit", "verify", "--data", data.toString()));
        assertTrue(err.toString().contains("kwam audit verify: the audit log is broken at line 3"), err.toString());
        assertTrue(err.toString().contains("audit.log:3"), err.toString());
        assertTrue(err.toString().contains("[bad-signature]"), err.toString());
    }

    @Test
    void jsonNamesTheTruncatedLine() throws Exception {
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        Files.write(log(), lines.subList(0, 3), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.CHECK_FAILED, run("audit", "verify", "--data", data.toString(), "--format", "json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals(false, json.get("intact"));
        assertEquals(4L, json.get("line"));
        assertEquals("truncated", json.get("problem"));
        assertEquals(3L, json.get("intact_before"));
    }

    @Test
    void jsonOfAnIntactLog() {
        assertEquals(ExitCodes.OK, run("audit", "verify", "--data", data.toString(), "--format", "json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(out.toString());
        assertEquals(true, json.get("intact"));
        assertEquals(4L, json.get("records"));
        assertEquals(4L, json.get("last_seq"));
        assertEquals(4L, ((Map<?, ?>) json.get("head")).get("seq"));
    }

    @Test
    void anotherCertificateGivenWithCertFailsAtLineOne() throws Exception {
        NodeCertificate other = DevelopmentPki.ensure(Files.createDirectory(data.resolve("other")), "node-b");
        Path cert = data.resolve("other.crt");
        Files.writeString(cert, PemFiles.certificatePem(other.certificate()));
        assertEquals(ExitCodes.CHECK_FAILED, run("audit", "verify", "--data", data.toString(), "--cert", cert.toString()));
        assertTrue(err.toString().contains("broken at line 1"), err.toString());
    }

    @Test
    void noAuditLogOrNoDirectoryExitsTwo() throws Exception {
        Path empty = Files.createDirectory(data.resolve("empty"));
        assertEquals(ExitCodes.USAGE_OR_IO, run("audit", "verify", "--data", empty.toString()));
        assertTrue(err.toString().contains("there is no audit log"), err.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, run("audit", "verify", "--data", data.resolve("missing").toString()));
        assertTrue(err.toString().contains("--data must be an existing directory"), err.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, run("audit", "verify"));
    }
}
